import Foundation
import HandoutBatch

/// A handout the ledger records as made: one ok row of a batch folder's manifest.
public struct MadeHandout: Sendable, Equatable {
    public var recordID: String
    /// The batch folder (its full path: two folders of the same name stay apart).
    public var batch: String
    /// The PDF's SHA-256, lowercase hex (the manifest's `sha256`).
    public var pdfSHA256: String
    /// What it tells: topic, language, content version, and the digest of what the patient reads.
    public var facts: HandoutFacts
    /// ISO 8601, UTC: the run's clock (SOURCE_DATE_EPOCH when set).
    public var madeAt: String

    public init(recordID: String, batch: String, pdfSHA256: String, facts: HandoutFacts, madeAt: String) {
        self.recordID = recordID
        self.batch = batch
        self.pdfSHA256 = pdfSHA256
        self.facts = facts
        self.madeAt = madeAt
    }
}

/// How a message left: through the mail server, or as a file in an outbox folder.
public enum DeliveryChannel: String, Sendable {
    case smtp, outbox
}

/// One step of a message's delivery: a row of a mail journal, or a message written to an outbox.
public struct Delivery: Sendable, Equatable {
    public var recordID: String
    public var batch: String
    /// The PDF the message carried.
    public var pdfSHA256: String
    public var channel: DeliveryChannel
    /// The journal's status (`sent`, `uncertain`, `failed`, `deferred`; a `pending` row is not
    /// recorded), or `written`.
    public var status: String
    /// The server's reply code ("250", "550"), "uncertain" when no reply came, "" when none applies.
    public var replyClass: String
    /// ``Ledger/addressHash(_:)`` of the address it went to; nil when not known (a journal read back
    /// after a run that stopped before it could tell the ledger).
    public var addressHash: String?
    /// The journal row (1 for the first after the header) this step was read from; 0 for an outbox.
    public var sourceRow: Int
    /// ISO 8601, UTC.
    public var at: String

    public init(recordID: String, batch: String, pdfSHA256: String, channel: DeliveryChannel, status: String, replyClass: String,
                addressHash: String?, sourceRow: Int, at: String) {
        self.recordID = recordID
        self.batch = batch
        self.pdfSHA256 = pdfSHA256
        self.channel = channel
        self.status = status
        self.replyClass = replyClass
        self.addressHash = addressHash
        self.sourceRow = sourceRow
        self.at = at
    }
}

/// The last message to a patient that counts: sent, or uncertain (it may have arrived), by SMTP.
public struct LastDelivery: Sendable, Equatable {
    /// The PDF it carried, as the ledger keeps it (``LedgerDigest/short(_:)``).
    public var pdfSHA256: String
    /// What that handout told its patient (``LedgerDigest/short(_:)`` of its `readsSHA256`); nil
    /// when not known (a handout recorded before the ledger kept it).
    public var readsSHA256: String?
    public var batch: String
    public var uncertain: Bool

    public init(pdfSHA256: String, readsSHA256: String? = nil, batch: String, uncertain: Bool) {
        self.pdfSHA256 = pdfSHA256
        self.readsSHA256 = readsSHA256
        self.batch = batch
        self.uncertain = uncertain
    }
}

/// One line of `handout history`.
public struct LedgerEvent: Sendable, Equatable, Encodable {
    /// `made`, or a delivery's status: `sent`, `failed`, `deferred`, `uncertain`, `written`.
    public var kind: String
    /// ISO 8601, UTC.
    public var at: String
    public var id: String
    public var batch: String
    /// `ok` for a handout made; the server's reply class for a message ("250", "550", "uncertain").
    public var status: String
    /// A handout made: its topic, language and content version; nil for a message, or when not
    /// known (a handout recorded before the ledger kept them). Left out of JSON when nil.
    public var topic: String?
    public var language: String?
    public var contentVersion: String?

    enum CodingKeys: String, CodingKey {
        case kind, at, id, batch, status, topic, language
        case contentVersion = "content_version"
    }

    public init(kind: String, at: String, id: String, batch: String, status: String, topic: String? = nil, language: String? = nil,
                contentVersion: String? = nil) {
        self.kind = kind
        self.at = at
        self.id = id
        self.batch = batch
        self.status = status
        self.topic = topic
        self.language = language
        self.contentVersion = contentVersion
    }
}
