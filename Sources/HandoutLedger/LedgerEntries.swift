import Foundation

/// A handout the ledger records as made: one ok row of a batch folder's manifest.
public struct MadeHandout: Sendable, Equatable {
    public var recordID: String
    /// The batch folder (its full path: two folders of the same name stay apart).
    public var batch: String
    /// The PDF's SHA-256, lowercase hex (the manifest's `sha256`).
    public var pdfSHA256: String
    /// The manifest's keyed digests of the record and of the options and content it was made with.
    public var recordSHA256: String
    public var optionsSHA256: String
    /// ISO 8601, UTC: the run's clock (SOURCE_DATE_EPOCH when set).
    public var madeAt: String

    public init(recordID: String, batch: String, pdfSHA256: String, recordSHA256: String, optionsSHA256: String, madeAt: String) {
        self.recordID = recordID
        self.batch = batch
        self.pdfSHA256 = pdfSHA256
        self.recordSHA256 = recordSHA256
        self.optionsSHA256 = optionsSHA256
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
    public var pdfSHA256: String
    public var batch: String
    public var uncertain: Bool

    public init(pdfSHA256: String, batch: String, uncertain: Bool) {
        self.pdfSHA256 = pdfSHA256
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
}
