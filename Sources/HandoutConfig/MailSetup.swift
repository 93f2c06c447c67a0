import Foundation
import HandoutBatch
import HandoutCore
import HandoutMail
import HandoutSupport

// How `handout mail` and the batch page of `handout serve` turn their settings and a batch's
// mailing list into a mail run: one way, so both send the same messages with the same journal.

extension MailSettings {
    public init(smtp: String?, user: String?, passwordFile: String?, caFile: String?, from: String?, replyTo: String?) {
        self.init()
        (self.smtp, self.user, self.passwordFile, self.caFile, self.from, self.replyTo) = (smtp, user, passwordFile, caFile, from, replyTo)
    }

    /// The mail server with its account (the password read from its file) and CA; nil without one.
    public func server(allowPlaintextLoopback: Bool = false) throws -> SMTPConfiguration? {
        var configuration = try smtp.map { try SMTPConfiguration(url: $0, allowPlaintextLoopback: allowPlaintextLoopback) }
        if let user, let passwordFile {
            configuration?.credentials = .init(user: user, password: try SMTPPassword.read(passwordFile))
        }
        configuration?.caFile = caFile
        return configuration
    }
}

/// The mail account's password, kept in a file: its first line (``SecretFile``), which may hold
/// anything AUTH can carry (any length, any character but NUL, which separates AUTH PLAIN's
/// parts), unlike a PDF password.
enum SMTPPassword {
    struct Unusable: Error, LocalizedError {
        let path: String
        let problem: String
        var errorDescription: String? { "\(path): \(problem)" }
    }

    static func read(_ path: String) throws(Unusable) -> String {
        guard let line = SecretFile.firstLine(path) else { throw Unusable(path: path, problem: "cannot read the mail password file") }
        if line.isEmpty { throw Unusable(path: "\(path):1", problem: "the mail password is empty; it is the file's first line") }
        if line.utf8.contains(0) { throw Unusable(path: "\(path):1", problem: "the mail password contains a NUL character, which AUTH cannot carry") }
        return line
    }
}

extension MailRunSettings {
    /// A batch folder's run: its journal is `mail-journal.csv` in the folder; the messages' date
    /// is SOURCE_DATE_EPOCH's, else the clock's (when they are sent).
    public init(batchFolder: URL, batchID: String, from: Mailbox, replyTo: Mailbox?, server: SMTPConfiguration?) throws {
        self.init(from: from, batchID: batchID, date: try SourceDateEpoch.date() ?? Date(), smtp: server,
                  journalURL: batchFolder.appendingPathComponent("mail-journal.csv"), replyTo: replyTo)
    }
}

extension MailDelivery {
    /// The patient's handout from the batch, to their address, in their language, from their
    /// clinic, about their visit (ahead of it or not on `today`).
    public init(_ recipient: MailingList.Recipient, today: CalendarDate) {
        self.init(id: recipient.id, recipientName: nil, recipientAddress: recipient.address, attachmentPath: recipient.attachmentPath,
                  attachmentName: recipient.attachmentName, language: recipient.language, clinic: ClinicContact(recipient.clinic),
                  expectedSHA256: recipient.expectedSHA256, visit: recipient.appointment.map { MailVisit($0, today: today) },
                  notice: recipient.notice)
    }
}

extension MailVisit {
    public init(_ appointment: Appointment, today: CalendarDate) {
        self.init(year: appointment.date.year, month: appointment.date.month, day: appointment.date.day, time: appointment.time,
                  isAhead: appointment.date >= today)
    }
}

extension ClinicContact {
    public init(_ clinic: Clinic) {
        self.init(name: clinic.name, phone: clinic.phone)
    }
}
