import Foundation
import HandoutSupport

/// The status of one record in `mail-journal.csv`.
public enum MailJournalStatus: String, Sendable, CaseIterable {
    /// About to send (written before MAIL FROM). As the last row of an id it means
    /// the run stopped before the message was handed over: safe to send again.
    case pending
    /// The message was (or was about to be) handed over and no reply came: it may
    /// have been delivered. Written just before the final "." and kept if the
    /// connection drops. Resent only with `retryUncertain`.
    case uncertain
    case sent
    /// Refused for good (a 5xx reply, or the record itself is unusable).
    case failed
    /// Refused for now (4xx, or the server could not be reached) after retries.
    case deferred
}

/// One row of the journal.
public struct MailJournalEntry: Sendable, Equatable {
    public var id: String
    public var messageID: String
    public var status: MailJournalStatus
    /// The server's reply or the reason, addresses redacted.
    public var reply: String
    /// ISO 8601, UTC.
    public var time: String

    public init(id: String, messageID: String, status: MailJournalStatus, reply: String, time: String) {
        self.id = id
        self.messageID = messageID
        self.status = status
        self.reply = reply
        self.time = time
    }
}

/// `mail-journal.csv`: append-only, `id,message_id,status,reply,time`, each row
/// flushed to disk (fsync) before ``append(_:)`` returns. Reading takes the last
/// row per id. Written through HandoutSupport' ``AppendOnlyFile`` (mode 0600, never
/// through a link, refused when it is not a regular file of this user's). An actor,
/// so a send step can record "uncertain" from inside the SMTP client's hand-over hook.
public actor MailJournal {
    public static let header = ["id", "message_id", "status", "reply", "time"]
    public nonisolated let url: URL
    private let file: AppendOnlyFile
    /// The last entry per id, as read at open time and updated by ``append(_:)``.
    public private(set) var latest: [String: MailJournalEntry]

    public init(url: URL) throws(MailJournalError) {
        self.url = url
        latest = Self.lastByID(try Self.read(url: url))
        do {
            file = try AppendOnlyFile(path: url.path, truncate: false, header: CSVText.line(Self.header))
        } catch {
            throw .cannotOpen(path: url.path, reason: error.reason)
        }
    }

    /// The last status recorded for `id`, if any.
    public func status(of id: String) -> MailJournalStatus? { latest[id]?.status }

    /// Appends one row and fsyncs it.
    public func append(_ entry: MailJournalEntry) throws(MailJournalError) {
        do {
            try file.append(CSVText.line([entry.id, entry.messageID, entry.status.rawValue, entry.reply, entry.time]))
            try file.sync()
        } catch {
            throw .cannotWrite(path: url.path, reason: error.reason)
        }
        latest[entry.id] = entry
    }

    /// Every well-formed row of a journal file, in order; none when it does not exist.
    /// A link is not followed.
    public static func read(url: URL) throws(MailJournalError) -> [MailJournalEntry] {
        var rows: [[String]] = []
        do {
            try CSVText.rows(path: url.path) { rows.append($0) }
        } catch {
            throw .cannotOpen(path: url.path, reason: error.localizedDescription)
        }
        if let first = rows.first, first != header { throw .notAJournal(path: url.path) }
        return rows.dropFirst().compactMap { fields in
            guard fields.count == 5, let status = MailJournalStatus(rawValue: fields[2]) else { return nil }
            return MailJournalEntry(id: fields[0], messageID: fields[1], status: status, reply: fields[3], time: fields[4])
        }
    }

    static func lastByID(_ entries: [MailJournalEntry]) -> [String: MailJournalEntry] {
        var latest: [String: MailJournalEntry] = [:]
        for entry in entries { latest[entry.id] = entry }
        return latest
    }
}

/// Where ``JournaledSender`` writes its rows: a ``MailJournal``, or in tests one
/// that fails on cue.
protocol MailJournalWriter: Sendable {
    func append(_ entry: MailJournalEntry) async throws(MailJournalError)
}

extension MailJournal: MailJournalWriter {}

public enum MailJournalError: Error, Equatable, Sendable, LocalizedError {
    case cannotOpen(path: String, reason: String)
    case cannotWrite(path: String, reason: String)
    case notAJournal(path: String)

    public var errorDescription: String? {
        switch self {
        case .cannotOpen(let path, let reason):
            "Cannot open the mail journal '\(path)': \(reason)."
        case .cannotWrite(let path, let reason):
            "Cannot write the mail journal '\(path)': \(reason). Stop and free disk space or fix permissions before mailing again."
        case .notAJournal(let path):
            "'\(path)' is not a mail journal (its first line is not 'id,message_id,status,reply,time')."
        }
    }
}
