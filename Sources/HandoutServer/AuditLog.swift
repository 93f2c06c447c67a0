import Foundation
import HandoutSupport

/// Who made or sent what: one JSON line per event with the user, the time, the action, the
/// record id and a count; never a name, birth date or any other field a patient typed.
/// Appended, 0600 (``AppendOnlyFile``), or written to standard error when no file is given.
final class AuditLog: Sendable {
    enum Action: String, Encodable {
        case signedIn = "signed-in", signInFailed = "sign-in-failed", lockedOut = "locked-out", signedOut = "signed-out"
        case madeHandout = "made-handout", ranBatch = "ran-batch", downloadedBatch = "downloaded-batch", mailedBatch = "mailed-batch"
    }

    private let file: AppendOnlyFile?

    init(path: String?) throws(ServerSetupError) {
        guard let path else {
            file = nil
            return
        }
        do {
            file = try AppendOnlyFile(path: path, truncate: false)
        } catch {
            throw .unreadable(path: path, reason: "cannot write the audit log (\(error.reason))")
        }
    }

    /// `user` is the signed-in staff member ("-" without sign-in).
    func record(_ action: Action, user: String?, recordID: String? = nil, count: Int? = nil, batch: String? = nil) {
        let event = Event(time: Date().ISO8601Format(), user: user ?? "-", action: action, record: recordID, count: count, batch: batch)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let json = try? encoder.encode(event) else { return }
        let line = String(decoding: json, as: UTF8.self) + "\n"
        if let file {
            try? file.append(line)
        } else {
            FileHandle.standardError.write(Data(line.utf8))
        }
    }

    private struct Event: Encodable {
        let time: String
        let user: String
        let action: Action
        let record: String?
        let count: Int?
        let batch: String?
    }
}
