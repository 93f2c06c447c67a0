import Foundation
import HandoutCore

/// The pages' words in English and Spanish; `?ui=es` chooses (English otherwise).
struct UIText: Sendable {
    let code: String
    let languageName: String
    let skipToContent, navLabel, navSingle, navBatch, signedInAs, signOut: String
    let singleTitle, topicLegend, topicLabel, showTopic, patientLegend, visitLegend, factorsLegend, factorsNone: String
    let handoutLegend, handoutLanguage, largePrint, paper, paperLetter, paperA4: String
    let kindLegend, kindStandard, kindArchive, kindPassword, pdfPassword, pdfPasswordHint: String
    let clinicFromSettings, noClinic, create, required, isRequired, errorSummary, birthDateHint, timeHint: String
    let previewPage, previewAlt, previewCaption: String
    let batchTitle, csvLabel, uploadHint, checkFile, mappingTitle, columnHeader, fieldHeader, rowsValid: String
    let startBatch, progressTitle, progress, failedTitle, lineHeader, idHeader, reasonHeader, download, finished: String
    let batchGone, tooLarge, noFile, refresh: String
    let loginTitle, userName, password, signIn, wrongPassword, lockedOut, sessionEnded, formExpired: String
    let badRequest, otherSite, busy, queued: String
    let fieldLabels: [PatientField: String]

    static func forCode(_ code: String?) -> UIText { code == "es" ? .spanish : .english }

    var other: UIText { code == "es" ? .english : .spanish }

    func label(_ field: PatientField) -> String { fieldLabels[field] ?? field.rawValue }

    /// "3 of 5 rows can be made" with its numbers.
    func filled(_ template: String, _ numbers: Int...) -> String {
        numbers.reduce(template) { text, number in
            guard let range = text.range(of: "%d") else { return text }
            return text.replacingCharacters(in: range, with: String(number))
        }
    }

    static let english = UIText(
        code: "en", languageName: "English",
        skipToContent: "Skip to the form", navLabel: "Pages", navSingle: "One handout", navBatch: "Batch from a CSV export",
        signedInAs: "Signed in as", signOut: "Sign out",
        singleTitle: "Make a patient's handout", topicLegend: "Handout topic", topicLabel: "Topic",
        showTopic: "Show this topic's factors", patientLegend: "Patient", visitLegend: "Visit",
        factorsLegend: "Factors the doctor noted", factorsNone: "This topic has no factors to tick.",
        handoutLegend: "Handout", handoutLanguage: "Language of the handout", largePrint: "Large print (18 pt)", paper: "Paper",
        paperLetter: "US Letter", paperA4: "A4",
        kindLegend: "Kind of PDF", kindStandard: "Standard", kindArchive: "Archive copy for the chart (PDF/A)",
        kindPassword: "Protected by a password", pdfPassword: "PDF password",
        pdfPasswordHint: "Only for a protected PDF; tell the patient the password yourself.",
        clinicFromSettings: "Clinic (from the settings file)", noClinic: "The settings file names no clinic: the handout cannot be made until it does.",
        create: "Create handout",
        required: "required", isRequired: "This field is required.",
        errorSummary: "Please correct the marked fields:",
        birthDateHint: "Year-month-day, like 1961-04-17.", timeHint: "Like 9:30 AM.",
        previewPage: "Preview page 1", previewAlt: "Page 1 of this handout, as it will print",
        previewCaption: "Page 1 as it will print. Check the name, the date of birth and the visit, then create the handout.",
        batchTitle: "Make handouts from a CSV export", csvLabel: "CSV file",
        uploadHint: "The EHR export with a header row, at most %d MB. The settings file's column mapping and date format apply.",
        checkFile: "Check the file", mappingTitle: "Which column holds which field", columnHeader: "Column", fieldHeader: "Field",
        rowsValid: "%d of %d rows can be made.", startBatch: "Make the handouts", progressTitle: "Progress",
        progress: "%d of %d rows done, %d failed.", failedTitle: "Rows that failed", lineHeader: "Line", idHeader: "Record id",
        reasonHeader: "Reason", download: "Download the ZIP of the handouts and the manifest",
        finished: "Finished. The batch is kept until %s: download the ZIP again, print a handout again or resend one from the Batches page.",
        batchGone: "This batch is gone: it was not started in time, or its keeping time is over. Upload the file again.",
        tooLarge: "The file is larger than the limit of %d MB; split it, or raise upload-limit-mb in the settings file.",
        noFile: "Choose a CSV file first.", refresh: "Refresh",
        loginTitle: "Sign in", userName: "User name", password: "Password", signIn: "Sign in",
        wrongPassword: "The user name or the password is wrong.",
        lockedOut: "Too many failed sign-ins for this user: try again in 15 minutes.",
        sessionEnded: "Your session has ended: please sign in again.",
        formExpired: "This form has expired: load the page again and repeat the last step.",
        badRequest: "The browser sent something this page cannot read. Load the page again and repeat the last step.",
        otherSite: "This request did not come from this server's own page, so it was not carried out. Open the page from its address and try again.",
        busy: "The server is busy with other handouts and batches right now. Try again in a minute.",
        queued: "Waiting for the renderers: %d batches or handouts are ahead of this one.",
        fieldLabels: [
            .id: "Record id", .givenName: "Given name", .familyName: "Family name", .birthDate: "Date of birth", .mrn: "Medical record number",
            .email: "Email", .language: "Language", .topic: "Topic", .clinician: "Clinician",
            .appointmentDate: "Appointment date", .appointmentTime: "Appointment time", .appointmentPlace: "Appointment place",
            .notes: "Notes for the patient", .factors: "Factors",
        ])

    static let spanish = UIText(
        code: "es", languageName: "Español",
        skipToContent: "Ir al formulario", navLabel: "Páginas", navSingle: "Un folleto", navBatch: "Lote desde una exportación CSV",
        signedInAs: "Sesión de", signOut: "Cerrar sesión",
        singleTitle: "Crear el folleto de un paciente", topicLegend: "Tema del folleto", topicLabel: "Tema",
        showTopic: "Mostrar los factores de este tema", patientLegend: "Paciente", visitLegend: "Cita",
        factorsLegend: "Factores que anotó el médico", factorsNone: "Este tema no tiene factores que marcar.",
        handoutLegend: "Folleto", handoutLanguage: "Idioma del folleto", largePrint: "Letra grande (18 pt)", paper: "Papel",
        paperLetter: "Carta (EE. UU.)", paperA4: "A4",
        kindLegend: "Tipo de PDF", kindStandard: "Normal", kindArchive: "Copia de archivo para el expediente (PDF/A)",
        kindPassword: "Protegido con contraseña", pdfPassword: "Contraseña del PDF",
        pdfPasswordHint: "Solo para un PDF protegido; diga usted la contraseña al paciente.",
        clinicFromSettings: "Clínica (del archivo de configuración)",
        noClinic: "El archivo de configuración no indica ninguna clínica: no se puede crear el folleto hasta que la indique.",
        create: "Crear folleto",
        required: "obligatorio", isRequired: "Este campo es obligatorio.",
        errorSummary: "Corrija los campos marcados:",
        birthDateHint: "Año-mes-día, por ejemplo 1961-04-17.", timeHint: "Por ejemplo 9:30 AM.",
        previewPage: "Ver la página 1", previewAlt: "Página 1 de este folleto, tal como se imprimirá",
        previewCaption: "La página 1 tal como se imprimirá. Revise el nombre, la fecha de nacimiento y la cita; luego cree el folleto.",
        batchTitle: "Crear folletos desde una exportación CSV", csvLabel: "Archivo CSV",
        uploadHint: "La exportación del expediente electrónico con una fila de encabezados, como máximo %d MB. Se aplican las columnas y el formato de fecha del archivo de configuración.",
        checkFile: "Revisar el archivo", mappingTitle: "Qué columna contiene cada campo", columnHeader: "Columna", fieldHeader: "Campo",
        rowsValid: "Se pueden crear %d de %d filas.", startBatch: "Crear los folletos", progressTitle: "Progreso",
        progress: "%d de %d filas listas, %d con error.", failedTitle: "Filas con error", lineHeader: "Línea", idHeader: "Id. del registro",
        reasonHeader: "Motivo", download: "Descargar el ZIP con los folletos y el manifiesto",
        finished: "Terminado. El lote se guarda hasta el %s: desde la página de lotes puede descargar el ZIP otra vez, volver a imprimir un folleto o reenviarlo.",
        batchGone: "Este lote ya no existe: no se inició a tiempo o terminó su tiempo de guarda. Vuelva a subir el archivo.",
        tooLarge: "El archivo supera el límite de %d MB; divídalo o aumente upload-limit-mb en el archivo de configuración.",
        noFile: "Elija primero un archivo CSV.", refresh: "Actualizar",
        loginTitle: "Iniciar sesión", userName: "Nombre de usuario", password: "Contraseña", signIn: "Iniciar sesión",
        wrongPassword: "El nombre de usuario o la contraseña no son correctos.",
        lockedOut: "Demasiados intentos fallidos para este usuario: vuelva a intentarlo dentro de 15 minutos.",
        sessionEnded: "Su sesión terminó: inicie sesión de nuevo.",
        formExpired: "Este formulario caducó: cargue la página de nuevo y repita el último paso.",
        badRequest: "El navegador envió algo que esta página no puede leer. Cargue la página de nuevo y repita el último paso.",
        otherSite: "Esta solicitud no vino de la propia página de este servidor, así que no se realizó. Abra la página desde su dirección e inténtelo de nuevo.",
        busy: "El servidor está ocupado con otros folletos y lotes en este momento. Vuelva a intentarlo dentro de un minuto.",
        queued: "Esperando a los programas que dibujan: hay %d lotes o folletos antes que este.",
        fieldLabels: [
            .id: "Id. del registro", .givenName: "Nombre", .familyName: "Apellidos", .birthDate: "Fecha de nacimiento",
            .mrn: "Número de historia clínica", .email: "Correo electrónico", .language: "Idioma", .topic: "Tema", .clinician: "Médico",
            .appointmentDate: "Fecha de la cita", .appointmentTime: "Hora de la cita", .appointmentPlace: "Lugar de la cita",
            .notes: "Notas para el paciente", .factors: "Factores",
        ])
}

// The single-handout form's printed day and the engine's field problems, in the form's language.
extension UIText {
    struct FormWords: Sendable {
        let printedOn, printedOnHint: String
        /// The renderer process stopped on this record (a crash, a hang): nothing else is affected.
        let rendererFailed: String
        /// Every renderer is busy and the line for them is full.
        let busy: String
        /// Which of HandoutCore's tables says the field problems.
        let problemLanguage: FieldProblem.Language
        /// The record id's label and hint: it may be left empty.
        let recordID, recordIDHint: String
        /// After the date fields' hint when the settings file has a `date-format:` (%@: its pattern).
        let clinicDates: String
        /// "Make and send": its button, the email field's hint, and what it did.
        let makeAndSend, emailHint, mailNotSetUp, emailNeeded, sent, notSent: String
        /// "Date of birth is in the future" in English (the engine's problem begins with its verb);
        /// "label: problem" in Spanish, where the verb would have to agree with the label.
        let labelFirst: Bool

        func problem(_ problem: FieldProblem) -> String {
            problem.words(in: problemLanguage)
        }

        func message(label: String, problem: String) -> String {
            labelFirst ? "\(label) \(problem)" : "\(label): \(problem)"
        }
    }

    var form: FormWords { code == "es" ? Self.spanishForm : Self.englishForm }

    static let englishForm = FormWords(
        printedOn: "Printed on", printedOnHint: "Year-month-day, printed in the footer. Leave it empty to print no day.",
        rendererFailed: "This handout could not be made: the renderer stopped on this patient's details. Nothing else was affected; "
            + "check the names and notes for unusual characters, or tell your IT contact.",
        busy: "Every renderer is busy with other handouts and batches: nothing was made. Try again in a minute.",
        problemLanguage: .english,
        recordID: "Record id (optional)", recordIDHint: "Leave it empty to use the medical record number.",
        clinicDates: " Or as the clinic writes dates: %@.",
        makeAndSend: "Make and send", emailHint: "Optional. With it, “Make and send” emails the handout to the patient.",
        mailNotSetUp: "Email is not set up: the mail section of the settings file names the mail server and the sender.",
        emailNeeded: "needs the patient's email address to send the handout",
        sent: "The handout was made and sent to the patient's email address.",
        notSent: "The handout was made but could not be sent: the mail server refused it or could not be reached. Try again, or print it for the patient.",
        labelFirst: true)

    static let spanishForm = FormWords(
        printedOn: "Fecha de impresión", printedOnHint: "Año-mes-día, se imprime al pie. Déjela vacía para no imprimir ninguna fecha.",
        rendererFailed: "No se pudo crear este folleto: el programa que lo dibuja se detuvo con los datos de este paciente. No afectó a nada más; "
            + "revise si los nombres y las notas tienen caracteres poco comunes, o avise al servicio de informática.",
        busy: "Todos los programas que dibujan están ocupados con otros folletos y lotes: no se creó nada. Vuelva a intentarlo dentro de un minuto.",
        problemLanguage: .spanish,
        recordID: "Id. del registro (opcional)", recordIDHint: "Déjelo vacío para usar el número de historia clínica.",
        clinicDates: " O como la clínica escribe las fechas: %@.",
        makeAndSend: "Crear y enviar", emailHint: "Opcional. Con él, «Crear y enviar» envía el folleto al paciente por correo electrónico.",
        mailNotSetUp: "El correo electrónico no está configurado: la sección mail del archivo de configuración indica el servidor de correo y el remitente.",
        emailNeeded: "hace falta el correo electrónico del paciente para enviar el folleto",
        sent: "El folleto se creó y se envió al correo electrónico del paciente.",
        notSent: "El folleto se creó pero no se pudo enviar: el servidor de correo lo rechazó o no respondió. Vuelva a intentarlo o imprímalo para el paciente.",
        labelFirst: false)
}
