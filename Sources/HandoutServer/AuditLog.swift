import Foundation
import HandoutSupport

/// Who made or sent what: one JSON line per event with the user, the time, the action, the
/// record id and a count; never a name, birth date or any other field a patient typed.
/// Appended, 0600 (``AppendOnlyFile``), or written to standard error when no file is given.
final class AuditLog: Sendable {
    enum Action: String, Encodable {
        case signedIn = "signed-in", signInFailed = "sign-in-failed", lockedOut = "locked-out", signedOut = "signed-out"
        case madeHandout = "made-handout", ranBatch = "ran-batch", downloadedBatch = "downloaded-batch", mailedBatch = "mailed-batch"
        /// The batch page wrote column choices into the settings file (how many; never a header).
        case savedColumns = "saved-columns"
        /// The form's "Make and send" (the record id; never the address).
        case mailedHandout = "mailed-handout"
        /// The lookup's "Print again" and "Resend" of one patient's handout from a kept batch.
        case printedAgain = "printed-again", resentHandout = "resent-handout"
    }

    private let file: AppendOnlyFile?
    /// Keys the short hash that stands for a name nobody may sign in as (unknown, or locked out):
    /// the same name gives the same hash for this server's life, and the log never holds what was typed.
    private let nameKey: [UInt8] = (0..<32).map { _ in UInt8.random(in: 0...255) }

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

    /// What stands for a name typed at sign-in that is not a user's, or is locked out.
    enum TypedName: String {
        case unknown, lockedOut = "locked-out"
    }

    /// `user` is the signed-in staff member ("-" without sign-in).
    func record(_ action: Action, user: String?, recordID: String? = nil, count: Int? = nil, batch: String? = nil) {
        write(Event(time: Date().ISO8601Format(), user: user ?? "-", action: action, record: recordID, count: count, batch: batch))
    }

    /// A sign-in event for a name that is logged only as `word` and a short keyed hash of it.
    func record(_ action: Action, typedName name: String, as word: TypedName) {
        let hash = String(SHA256Hex.authentication(of: Data(name.utf8), key: nameKey).prefix(12))
        write(Event(time: Date().ISO8601Format(), user: word.rawValue, action: action, nameHash: hash))
    }

    private func write(_ event: Event) {
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
        var record: String?
        var count: Int?
        var batch: String?
        var nameHash: String?

        enum CodingKeys: String, CodingKey {
            case time, user, action, record, count, batch, nameHash = "name-hash"
        }
    }
}
