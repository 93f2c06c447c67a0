import Foundation
import HandoutSupport

/// `--log-file`: one JSON object per line and per event, for a log collector. Each holds
/// the time, the record id and its input line, the outcome and a reason code: never a
/// name, birth date, address or server reply (which may repeat one). Appended, mode 0600,
/// through ``AppendOnlyFile`` (never through a link, never someone else's file).
public final class MailEventLog: Sendable {
    public let path: String
    private let file: AppendOnlyFile

    public init(path: String) throws(MailEventLogError) {
        self.path = path
        do {
            file = try AppendOnlyFile(path: path, truncate: false)
        } catch {
            throw MailEventLogError(path: path, reason: error.reason)
        }
    }

    /// One event: `outcome` like `sent` or `no-email`, `reason` a code like `smtp-550`.
    public func record(id: String?, line: Int?, outcome: String, reason: String) throws(MailEventLogError) {
        let event = Event(time: MailDateFormat.iso8601(Date()), id: id, line: line, outcome: outcome, reason: reason)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            try file.append(String(decoding: try encoder.encode(event), as: UTF8.self) + "\n")
        } catch let error as FileWriteError {
            throw MailEventLogError(path: path, reason: error.reason)
        } catch {
            throw MailEventLogError(path: path, reason: "an event could not be encoded")
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

public struct MailEventLogError: Error, Equatable, Sendable, LocalizedError {
    public var path: String
    public var reason: String

    public var errorDescription: String? { "Cannot write the log file '\(path)': \(reason)." }
}
