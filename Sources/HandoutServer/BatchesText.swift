import Foundation

/// The words of the Batches page and the patient lookup, in the page's language (``UIText``).
struct BatchesText: Sendable {
    let nav, title, intro, none, madeHeader, userHeader, countsHeader, expiresHeader, actionsHeader, counts, open, downloadAgain: String
    let noUser, lookupTitle, lookupLabel, lookupHint, lookupButton, lookupEmpty, idTooLong, idMissing, historyTitle, whenHeader: String
    let whatHeader, batchHeader, statusHeader, removed, keptTitle, printAgain, resend, resent, notResent, notTaken, noAddress, full, fullSize: String
    /// What the ledger's event kinds are called (`made`, `sent`, ...); English's are the ledger's own.
    let kinds: [String: String]

    static let english = BatchesText(
        nav: "Batches", title: "Kept batches",
        intro: "Each batch is kept %d days after it was made, then removed with its handouts; the ledger keeps what was made and sent.",
        none: "No batch is kept.", madeHeader: "Made", userHeader: "Run by", countsHeader: "Handouts", expiresHeader: "Kept until",
        actionsHeader: "Actions", counts: "%d made, %d failed, %d emailed", open: "Open", downloadAgain: "Download the ZIP again",
        noUser: "(no sign-in)",
        lookupTitle: "Look up a patient", lookupLabel: "Record id",
        lookupHint: "The id the export gives the patient: what was made and sent for it, and when.",
        lookupButton: "Look up", lookupEmpty: "Nothing was made or sent for this record id.",
        idTooLong: "A record id is at most %d characters.", idMissing: "Type a record id.",
        historyTitle: "Made and sent for %@", whenHeader: "When (UTC)", whatHeader: "What", batchHeader: "Batch", statusHeader: "Status",
        removed: "(removed)", keptTitle: "In kept batches", printAgain: "Print again", resend: "Resend by email",
        resent: "Sent again.", notResent: "Not sent: ", notTaken: "the mail server did not take the message; try again later.",
        noAddress: "this batch's export gives this record no email address, or it has no handout",
        full: "The server keeps %d batches, the most it may: upload again when the oldest have gone (after their keeping days).",
        fullSize: "The kept batches fill the space the server may use: upload again when the oldest have gone (after their keeping days).",
        kinds: [:])

    static let spanish = BatchesText(
        nav: "Lotes", title: "Lotes guardados",
        intro: "Cada lote se guarda %d días desde que se hizo y luego se borra con sus folletos; el registro guarda lo que se hizo y se envió.",
        none: "No hay lotes guardados.", madeHeader: "Hecho", userHeader: "Por", countsHeader: "Folletos", expiresHeader: "Se guarda hasta",
        actionsHeader: "Acciones", counts: "%d hechos, %d fallidos, %d enviados", open: "Abrir", downloadAgain: "Descargar el ZIP otra vez",
        noUser: "(sin inicio de sesión)",
        lookupTitle: "Buscar un paciente", lookupLabel: "Identificador del registro",
        lookupHint: "El identificador que la exportación da al paciente: qué se hizo y se envió, y cuándo.",
        lookupButton: "Buscar", lookupEmpty: "No se hizo ni se envió nada para este identificador.",
        idTooLong: "Un identificador tiene como máximo %d caracteres.", idMissing: "Escriba un identificador.",
        historyTitle: "Hecho y enviado para %@", whenHeader: "Cuándo (UTC)", whatHeader: "Qué", batchHeader: "Lote", statusHeader: "Estado",
        removed: "(borrado)", keptTitle: "En lotes guardados", printAgain: "Imprimir otra vez", resend: "Reenviar por correo",
        resent: "Enviado otra vez.", notResent: "No se envió: ", notTaken: "el servidor de correo no aceptó el mensaje; vuelva a intentarlo más tarde.",
        noAddress: "la exportación de este lote no da correo electrónico a este registro, o no tiene folleto",
        full: "El servidor guarda %d lotes, el máximo: vuelva a subir el archivo cuando se hayan borrado los más antiguos (tras sus días de guarda).",
        fullSize: "Los lotes guardados llenan el espacio que el servidor puede usar: vuelva a subir el archivo cuando se hayan borrado los más antiguos.",
        kinds: ["made": "hecho", "sent": "enviado", "failed": "fallido", "deferred": "aplazado", "uncertain": "incierto", "written": "escrito"])

    /// Why an upload is refused when the server keeps all it may.
    func full(_ reason: BatchStore.Full) -> String {
        switch reason {
        case let .batches(count): full.replacingOccurrences(of: "%d", with: String(count))
        case .bytes: fullSize
        }
    }

    /// What the ledger says of a handout or a message, in the page's words.
    func kind(_ kind: String) -> String { kinds[kind] ?? kind }
}

extension UIText {
    var batches: BatchesText { code == "es" ? .spanish : .english }
}

/// Times as the pages show them: UTC, to the minute, the same on every machine.
enum ShownTime {
    static func minute(_ date: Date) -> String {
        date.formatted(Date.VerbatimFormatStyle(format: "\(year: .defaultDigits)-\(month: .twoDigits)-\(day: .twoDigits) \(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits)",
                                               timeZone: TimeZone(identifier: "UTC")!, calendar: Calendar(identifier: .gregorian)))
    }

    static func day(_ date: Date) -> String { String(minute(date).prefix(10)) }

    /// A ledger time (ISO 8601, UTC) as the pages show it.
    static func minute(ledger text: String) -> String {
        (try? Date(text, strategy: .iso8601)).map(minute) ?? text
    }
}
