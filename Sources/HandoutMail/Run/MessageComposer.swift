import Foundation
import HandoutSupport

/// Turns a ``MailDelivery`` into an ``OutgoingMessage``: reads and checks the PDF,
/// picks the template, validates the recipient. Failures are
/// ``DeliveryProblem`` values whose text names no person.
struct MessageComposer {
    let settings: MailRunSettings
    /// A pilot's address, used instead of every patient's.
    let testRecipient: MailAddress?
    private var templateCache: [String: MailTemplate] = [:]

    init(settings: MailRunSettings, testRecipient: MailAddress? = nil) {
        self.settings = settings
        self.testRecipient = testRecipient
    }

    mutating func compose(_ delivery: MailDelivery) throws(DeliveryProblem) -> OutgoingMessage {
        let recipient: Mailbox
        do {
            if let testRecipient {
                recipient = try Mailbox(displayName: nil, address: testRecipient)
            } else {
                recipient = try Mailbox(displayName: delivery.recipientName, address: delivery.recipientAddress)
            }
        } catch {
            throw DeliveryProblem(error.errorDescription ?? "invalid recipient", code: "invalid-recipient")
        }
        guard let data = FileManager.default.contents(atPath: delivery.attachmentPath.path) else {
            throw DeliveryProblem("The handout PDF for this record is missing or unreadable; render it again.", code: "pdf-missing")
        }
        let bytes = [UInt8](data)
        guard bytes.starts(with: Array("%PDF-".utf8)) else {
            throw DeliveryProblem("The handout file for this record is not a PDF; render it again.", code: "not-a-pdf")
        }
        if let expected = delivery.expectedSHA256,
            SHA256Hex.of(bytes) != expected.lowercased()
        {
            throw DeliveryProblem(
                "The handout PDF does not match the checksum in the batch manifest; it may belong to another record. Render it again.",
                code: "checksum-mismatch")
        }
        let template = try template(for: delivery.language)
            .filled(clinic: delivery.clinic, passwordProtected: PDFEncryption.isEncrypted(bytes), visit: delivery.visit,
                    noReply: (settings.replyTo ?? settings.from).address.isNoReply, updated: delivery.updated)
        var envelope = MailEnvelope(
            recordID: delivery.id, batchID: settings.batchID, from: settings.from, to: recipient,
            subject: template.subject, body: delivery.notice.map { "\($0)\n\n" + template.body } ?? template.body,
            attachment: MailAttachment(
                bytes: bytes, fileName: delivery.attachmentName ?? delivery.attachmentPath.lastPathComponent),
            date: settings.date, replyTo: settings.replyTo)
        if delivery.updated { envelope.revision = SHA256Hex.of(bytes) }
        do {
            return try envelope.build()
        } catch {
            throw DeliveryProblem(error.errorDescription ?? "message could not be built", code: "message-refused")
        }
    }

    /// What a listing shows of a message composed from `delivery`.
    func preview(of message: OutgoingMessage, for delivery: MailDelivery) -> MailPreview {
        MailPreview(
            redactedRecipient: Redaction.address(message.to.address.address), attachmentName: message.attachmentName,
            language: settings.templates[delivery.language] == nil ? MailTemplate.bundledLanguage(for: delivery.language) : delivery.language)
    }

    private mutating func template(for language: String) throws(DeliveryProblem) -> MailTemplate {
        if let template = settings.templates[language] ?? templateCache[language] { return template }
        do {
            let template = try MailTemplate.bundled(language: language)
            templateCache[language] = template
            return template
        } catch {
            throw DeliveryProblem(error.errorDescription ?? "template missing", code: "template-missing")
        }
    }
}

/// A record that cannot be mailed as it is; the reason is safe to show and log.
struct DeliveryProblem: Error {
    let reason: String
    /// The same as a short code for logs.
    let code: String
    init(_ reason: String, code: String) {
        self.reason = reason
        self.code = code
    }
}
