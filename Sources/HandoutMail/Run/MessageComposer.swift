import Foundation
import HandoutSupport

/// Turns a ``MailDelivery`` into an ``OutgoingMessage``: reads and checks the PDF,
/// picks the template, validates the recipient. Failures are
/// ``DeliveryProblem`` values whose text names no person.
struct MessageComposer {
    let settings: MailRunSettings
    private var templateCache: [String: MailTemplate] = [:]

    init(settings: MailRunSettings) {
        self.settings = settings
    }

    mutating func compose(_ delivery: MailDelivery) throws(DeliveryProblem) -> OutgoingMessage {
        let recipient: Mailbox
        do {
            recipient = try Mailbox(displayName: delivery.recipientName, address: delivery.recipientAddress)
        } catch {
            throw DeliveryProblem(error.errorDescription ?? "invalid recipient")
        }
        guard let data = FileManager.default.contents(atPath: delivery.attachmentPath.path) else {
            throw DeliveryProblem("The handout PDF for this record is missing or unreadable; render it again.")
        }
        let bytes = [UInt8](data)
        guard bytes.starts(with: Array("%PDF-".utf8)) else {
            throw DeliveryProblem("The handout file for this record is not a PDF; render it again.")
        }
        if let expected = delivery.expectedSHA256,
            SHA256Hex.of(bytes) != expected.lowercased()
        {
            throw DeliveryProblem(
                "The handout PDF does not match the checksum in the batch manifest; it may belong to another record. Render it again.")
        }
        let template = try template(for: delivery.language)
            .filled(clinic: settings.from.displayName ?? settings.from.address.domain)
        let envelope = MailEnvelope(
            recordID: delivery.id, batchID: settings.batchID, from: settings.from, to: recipient,
            subject: template.subject, body: template.body,
            attachment: MailAttachment(
                bytes: bytes, fileName: delivery.attachmentName ?? delivery.attachmentPath.lastPathComponent),
            date: settings.date)
        do {
            return try envelope.build()
        } catch {
            throw DeliveryProblem(error.errorDescription ?? "message could not be built")
        }
    }

    private mutating func template(for language: String) throws(DeliveryProblem) -> MailTemplate {
        if let template = settings.templates[language] ?? templateCache[language] { return template }
        do {
            let template = try MailTemplate.bundled(language: language)
            templateCache[language] = template
            return template
        } catch {
            throw DeliveryProblem(error.errorDescription ?? "template missing")
        }
    }
}

/// A record that cannot be mailed as it is; the reason is safe to show and log.
struct DeliveryProblem: Error {
    let reason: String
    init(_ reason: String) { self.reason = reason }
}
