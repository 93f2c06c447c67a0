/// The words of the batch page's "Send by email" part, in the page's language (``UIText``).
struct MailPageText: Sendable {
    let title, notSetUp, planOne, plan, unmailedTitle, sendOne, sendMany, onlyNew, noList: String
    let sendingTitle, sending, summary, allSent, stopped, notSentTitle, sendAgain, downloadHasJournal, firstShown: String

    static let english = MailPageText(
        title: "Send by email",
        notSetUp: "Email is not set up: the mail section of the settings file names the mail server and the sender (handout init writes an example).",
        planOne: "1 patient has an email address and a handout.",
        plan: "%d patients have an email address and a handout.",
        unmailedTitle: "Rows that get no email",
        sendOne: "Send 1 email", sendMany: "Send %d emails",
        onlyNew: "Only new or changed handouts go: a patient already sent this same handout (from this page or by handout mail) is not sent it again.",
        noList: "No email can be sent for this file: ",
        sendingTitle: "Sending", sending: "%d of %d emails done, %d not sent.",
        summary: "Sent: %d of %d. Not sent: %d.",
        allSent: "Every patient with an email address has been sent their handout.",
        stopped: "Sending stopped: ",
        notSentTitle: "Emails not sent",
        sendAgain: "Try the ones not sent again",
        downloadHasJournal: "The ZIP has the mail journal (mail-journal.csv): who was sent what, and when.",
        firstShown: "The first %d of %d rows are shown.")

    static let spanish = MailPageText(
        title: "Enviar por correo electrónico",
        notSetUp: "El correo no está configurado: la sección mail del archivo de configuración indica el servidor de correo y el remitente (handout init escribe un ejemplo).",
        planOne: "1 paciente tiene correo electrónico y folleto.",
        plan: "%d pacientes tienen correo electrónico y folleto.",
        unmailedTitle: "Filas que no reciben correo",
        sendOne: "Enviar 1 correo", sendMany: "Enviar %d correos",
        onlyNew: "Solo se envían folletos nuevos o cambiados: un paciente que ya recibió este mismo folleto (desde esta página o con handout mail) no lo recibe otra vez.",
        noList: "No se puede enviar ningún correo para este archivo: ",
        sendingTitle: "Enviando", sending: "%d de %d correos procesados, %d sin enviar.",
        summary: "Enviados: %d de %d. Sin enviar: %d.",
        allSent: "Todos los pacientes con correo electrónico recibieron su folleto.",
        stopped: "El envío se detuvo: ",
        notSentTitle: "Correos sin enviar",
        sendAgain: "Volver a intentar los no enviados",
        downloadHasJournal: "El ZIP incluye el registro de envíos (mail-journal.csv): a quién se envió qué y cuándo.",
        firstShown: "Se muestran las primeras %d de %d filas.")
}

extension UIText {
    var mail: MailPageText { code == "es" ? .spanish : .english }
}
