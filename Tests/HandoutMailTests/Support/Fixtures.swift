import Crypto
import Foundation
import HandoutMail

enum Fixtures {
    static let from = try! Mailbox(parsing: "Spine Clinic <care@clinic.example>")
    static let clinic = ClinicContact(name: "Spine Clinic", phone: "(555) 555-0100")
    static let date = Date(timeIntervalSince1970: 1_764_000_000)
    static let fastRetry = RetryPolicy(maxAttempts: 3, initialDelay: .milliseconds(20), maximumDelay: .milliseconds(100))

    /// PDF-looking bytes, different per seed, with every byte value and
    /// "\r\n.\r\n" inside so transfer encodings and dot-stuffing are exercised.
    static func pdf(seed: Int, size: Int = 20_000) -> [UInt8] {
        var bytes = Array("%PDF-1.7\n%seed \(seed)\n".utf8) + Array("\r\n.\r\n..\r\n".utf8)
        var state = UInt64(seed &+ 1) &* 0x9E37_79B9_7F4A_7C15
        while bytes.count < size {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            bytes.append(UInt8(truncatingIfNeeded: state))
        }
        return bytes + Array("\n%%EOF\n".utf8)
    }

    static func sha256(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    static let names = ["Ana García", "Bob Smith", "Zoë Ölmez-Núñez", "李 小龍", "Pat O'Brien", "Dana \"DJ\" Jones"]

    /// `count` deliveries with PDFs written to `directory`: ids p001..., addresses
    /// p001@patients.example..., alternating en and es.
    static func deliveries(count: Int, in directory: URL) throws -> [MailDelivery] {
        try (1...count).map { index in
            let id = String(format: "p%03d", index)
            let url = directory.appendingPathComponent("\(id).pdf")
            try Data(pdf(seed: index)).write(to: url)
            return MailDelivery(
                id: id, recipientName: names[(index - 1) % names.count], recipientAddress: "\(id)@patients.example",
                attachmentPath: url, language: index % 2 == 0 ? "es" : "en", clinic: clinic)
        }
    }

    static func settings(journal: URL, smtp: SMTPConfiguration?) -> MailRunSettings {
        MailRunSettings(from: from, batchID: "batch-2025-11-24", date: date, smtp: smtp, journalURL: journal)
    }

    static func envelope(
        id: String = "r1", name: String? = "Zoë Ölmez-Núñez", subject: String = "Your handout from Spine Clinic",
        body: String = "Hello,\n\nYour handout is attached.\n"
    ) throws -> MailEnvelope {
        MailEnvelope(
            recordID: id, batchID: "b1", from: from,
            to: try Mailbox(displayName: name, address: "patient@example.org"), subject: subject, body: body,
            attachment: MailAttachment(bytes: pdf(seed: 7, size: 5000), fileName: "handout_r1.pdf"), date: date)
    }
}
