import Foundation
import HandoutSupport

/// An attachment: the bytes and the name the recipient sees.
public struct MailAttachment: Sendable, Equatable {
    public var bytes: [UInt8]
    /// Sent as it is when it follows the record file-name rule (``RecordFileName``), else as "handout.pdf".
    public var fileName: String
    public var contentType: String

    public init(bytes: [UInt8], fileName: String, contentType: String = "application/pdf") {
        self.bytes = bytes
        self.fileName = fileName
        self.contentType = contentType
    }
}

/// Everything one handout email is made of. ``build()`` turns it into an
/// ``OutgoingMessage``; the same envelope always gives the same bytes.
public struct MailEnvelope: Sendable {
    public var recordID: String
    public var batchID: String
    public var from: Mailbox
    /// Where a patient's answer goes, when not to `from` (a front desk behind a no-reply sender).
    public var replyTo: Mailbox?
    public var to: Mailbox
    /// Keep it generic: no diagnosis, procedure or name (it is visible in inbox lists).
    public var subject: String
    public var body: String
    public var attachment: MailAttachment
    /// The Date header. Passed in (not "now") so output is reproducible.
    public var date: Date
    /// Set for an updated handout (its PDF's checksum): the message gets a Message-ID of its own.
    public var revision: String?

    public init(
        recordID: String, batchID: String, from: Mailbox, to: Mailbox, subject: String, body: String,
        attachment: MailAttachment, date: Date, replyTo: Mailbox? = nil
    ) {
        self.recordID = recordID
        self.batchID = batchID
        self.from = from
        self.replyTo = replyTo
        self.to = to
        self.subject = subject
        self.body = body
        self.attachment = attachment
        self.date = date
    }

    /// Renders the RFC 5322 message: multipart/mixed, a quoted-printable UTF-8
    /// text part and a base64 attachment; 7-bit, CRLF line ends.
    public func build() throws(MessageBuildError) -> OutgoingMessage {
        do {
            try HeaderText.check(subject)
        } catch {
            throw .subjectContainsControlCharacter
        }
        guard !attachment.bytes.isEmpty else { throw .emptyAttachment }
        guard attachment.contentType.utf8.allSatisfy({ MailAddress.isAtext($0) || $0 == UInt8(ascii: ".") }),
            attachment.contentType.contains("/")
        else { throw .invalidContentType }
        let messageID = MessageIdentity.messageID(batchID: batchID, recordID: recordID, revision: revision, domain: from.address.domain)
        let boundary = MessageIdentity.boundary(batchID: batchID, recordID: recordID)
        // A name that could not be a record's file name could not be a safe MIME parameter either.
        let fileName = RecordFileName.problem(with: attachment.fileName) == nil ? attachment.fileName : "handout.pdf"

        var head = ""
        head += HeaderEncoding.field("Date", [MailDateFormat.rfc5322(date)])
        head += HeaderEncoding.field("Message-ID", [messageID])
        head += HeaderEncoding.field("From", HeaderEncoding.mailboxTokens(from))
        if let replyTo { head += HeaderEncoding.field("Reply-To", HeaderEncoding.mailboxTokens(replyTo)) }
        head += HeaderEncoding.field("To", HeaderEncoding.mailboxTokens(to))
        head += HeaderEncoding.field("Subject", HeaderEncoding.unstructuredTokens(subject))
        head += HeaderEncoding.field("MIME-Version", ["1.0"])
        head += HeaderEncoding.field("Auto-Submitted", ["auto-generated"])
        head += HeaderEncoding.parameterField(
            "Content-Type", value: "multipart/mixed", parameters: ["boundary=\"\(boundary)\""])
        head += "\r\n"
        head += "This is a message in MIME format.\r\n"
        head += "\r\n--\(boundary)\r\n"
        head += HeaderEncoding.parameterField("Content-Type", value: "text/plain", parameters: ["charset=utf-8"])
        head += HeaderEncoding.field("Content-Transfer-Encoding", ["quoted-printable"])
        head += "\r\n"
        head += ContentEncoding.quotedPrintable(body)
        head += "\r\n--\(boundary)\r\n"
        head += HeaderEncoding.parameterField(
            "Content-Type", value: attachment.contentType, parameters: ["name=\"\(fileName)\""])
        head += HeaderEncoding.parameterField(
            "Content-Disposition", value: "attachment", parameters: ["filename=\"\(fileName)\""])
        head += HeaderEncoding.field("Content-Transfer-Encoding", ["base64"])
        head += "\r\n"

        var bytes = Array(head.utf8)
        bytes += ContentEncoding.base64Lines(attachment.bytes)
        bytes += Array("\r\n--\(boundary)--\r\n".utf8)
        return OutgoingMessage(recordID: recordID, messageID: messageID, from: from, to: to, attachmentName: fileName, bytes: bytes)
    }
}

/// A rendered message, ready for SMTP or an `.eml` file.
public struct OutgoingMessage: Sendable {
    public let recordID: String
    /// With angle brackets, as in the header.
    public let messageID: String
    /// The header From; its address is also the SMTP envelope sender.
    public let from: Mailbox
    /// The header To; its address is the only SMTP recipient.
    public let to: Mailbox
    /// The attachment's file name as sent.
    public let attachmentName: String
    /// 7-bit, CRLF line ends, no line over 998 octets.
    public let bytes: [UInt8]
}

/// Why a message could not be built.
public enum MessageBuildError: Error, Equatable, Sendable, LocalizedError {
    case subjectContainsControlCharacter
    case emptyAttachment
    case invalidContentType

    public var errorDescription: String? {
        switch self {
        case .subjectContainsControlCharacter:
            "The subject contains a line break or control character (written out or RFC 2047-encoded, =?...?=); it was refused. Fix the subject template or the sender's name."
        case .emptyAttachment: "The handout file is empty; render it again before mailing."
        case .invalidContentType: "The attachment content type is not a valid MIME type."
        }
    }
}
