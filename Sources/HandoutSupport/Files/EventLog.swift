import Foundation

/// `--log-file` of batch and mail: one JSON object per line and per event, for a log
/// collector. Each holds the time, the record id and its input line, the outcome and a reason:
/// never a name, birth date, address, cell or server reply (which may repeat one). Appended,
/// mode 0600, through ``AppendOnlyFile`` (never through a link, never someone else's file).
public final class EventLog: Sendable {
    public let path: String
    private let file: AppendOnlyFile

    public init(path: String) throws(EventLogError) {
        self.path = path
        do {
            file = try AppendOnlyFile(path: path, truncate: false)
        } catch {
            throw EventLogError(path: path, reason: error.reason)
        }
    }

    /// One event: `outcome` like `sent` or `failed`, `reason` a code like `smtp-550`.
    public func record(id: String?, line: Int?, outcome: String, reason: String) throws(EventLogError) {
        let event = Event(time: Date().ISO8601Format(), id: id, line: line, outcome: outcome, reason: reason)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            try file.append(String(decoding: try encoder.encode(event), as: UTF8.self) + "\n")
        } catch let error as FileWriteError {
            throw EventLogError(path: path, reason: error.reason)
        } catch {
            throw EventLogError(path: path, reason: "an event could not be encoded")
        }
    }

    private struct Event: Encodable {
        let time: String
        let id: String?
        let line: Int?
        let outcome: String
        let reason: String
    }
}

public struct EventLogError: Error, Equatable, Sendable, LocalizedError {
    public var path: String
    public var reason: String

    public var errorDescription: String? { "Cannot write the log file '\(path)': \(reason)." }
}
