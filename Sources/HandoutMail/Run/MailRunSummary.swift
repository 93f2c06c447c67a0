import Foundation

/// What happened to one record in a run.
public enum MailOutcome: String, Sendable, CaseIterable {
    case sent
    case failed
    case deferred
    /// The connection dropped after the message was handed over; or the journal
    /// says so from an earlier run and retryUncertain was not given.
    case uncertain
    /// Already `sent` in the journal.
    case skipped
    /// Written to the outbox directory.
    case written
    /// Dry run: would be sent.
    case wouldSend = "would-send"
    /// Not sent this run: over the limit. Nothing journaled; the next run sends it.
    case held
    /// Sent to the test recipient, not to the patient; still unsent in the patients' journal.
    case testSent = "test-sent"
}

public struct MailResult: Sendable, Equatable {
    public var id: String
    public var outcome: MailOutcome
    public var messageID: String?
    /// The server's reply or the reason; never a name or address.
    public var detail: String
    /// The same as a short code for logs (`accepted`, `smtp-550`, `checksum-mismatch`, ...).
    public var reason: String
    /// What would be (or was) sent, for listings: set for `would-send`.
    public var preview: MailPreview? = nil
    /// Deferred because the run stopped (`MailRunSummary.stopReason`): this record's failure
    /// stopped it, or it came after and was not attempted.
    public var stoppedByRun = false
}

/// One message as a listing shows it: nothing a stranger reading the screen could use.
public struct MailPreview: Sendable, Equatable {
    /// Like `m•••@e•••.org`.
    public var redactedRecipient: String
    /// The attachment's name as the patient sees it.
    public var attachmentName: String
    /// The language of the text (`en`, `es`).
    public var language: String
}

public struct MailRunSummary: Sendable {
    /// One per delivery, in input order.
    public var results: [MailResult]
    /// Set when the run stopped sending (no STARTTLS, TLS or login failure, server
    /// unreachable); the records not attempted are `deferred` with this reason.
    public var stopReason: String?

    public func count(_ outcome: MailOutcome) -> Int { results.filter { $0.outcome == outcome }.count }

    /// True when no record is failed, deferred or uncertain (a `held` one is waiting for the next run, by request).
    public var isComplete: Bool {
        !results.contains { [.failed, .deferred, .uncertain].contains($0.outcome) }
    }

    /// `sent 3, failed 0, deferred 1, uncertain 0, skipped 2` (written, would-send, held and
    /// test-sent only when non-zero).
    public var line: String {
        var parts = [MailOutcome.sent, .failed, .deferred, .uncertain, .skipped].map { "\($0.rawValue) \(count($0))" }
        for extra in [MailOutcome.written, .wouldSend, .held, .testSent] where count(extra) > 0 {
            parts.append("\(extra.rawValue) \(count(extra))")
        }
        return parts.joined(separator: ", ")
    }
}

public enum MailRunError: Error, Equatable, Sendable {
    case duplicateRecordID(String)
    case missingSMTPConfiguration
    case journal(MailJournalError)
    case outbox(path: String, reason: String)
}

extension MailRunError: LocalizedError {
    public var errorDescription: String? {
        switch self {
        case .duplicateRecordID(let id):
            "Record id '\(id)' appears twice in the list to mail; each patient must appear once. Nothing was sent."
        case .missingSMTPConfiguration:
            "No SMTP server was given; pass one, or use a dry run or an outbox directory."
        case .journal(let error): error.errorDescription
        case .outbox(let path, let reason): "Cannot write to the outbox '\(path)': \(reason)."
        }
    }
}

extension MailResult {
    /// A result decided before the run (a handout the ledger says was sent already).
    public init(id: String, outcome: MailOutcome, detail: String, reason: String) {
        self.init(id: id, outcome: outcome, messageID: nil, detail: detail, reason: reason)
    }
}
