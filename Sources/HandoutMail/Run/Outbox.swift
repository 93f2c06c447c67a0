import Foundation
import HandoutSupport

/// Writes messages as `.eml` files instead of sending them: `<safe id>.eml`, mode 0600,
/// through HandoutSupport (a temporary file nobody can guess or plant, fsynced, renamed into
/// place), in a directory only this user can write. A link planted under an `.eml` name is
/// replaced, never written through.
struct Outbox {
    static let temporaryTag = "outbox"
    let directory: URL

    init(directory: URL) throws(MailRunError) {
        self.directory = directory
        do {
            try PrivateDirectory.prepare(directory.path)
        } catch {
            throw .outbox(path: directory.path, reason: error.reason)
        }
        DurableFile.removeStaleTemporaries(in: directory.path, tag: Self.temporaryTag)
    }

    func write(_ message: OutgoingMessage) throws(MailRunError) -> URL {
        guard RecordFileName.problem(with: message.recordID) == nil else {
            throw .outbox(path: directory.path, reason: "a record id cannot be a file name; ids use letters, digits, '-', '_' and '.'")
        }
        let name = message.recordID + ".eml"
        do {
            try DurableFile.write(message.bytes, directory: directory.path, name: name, tag: Self.temporaryTag)
        } catch {
            throw .outbox(path: directory.path, reason: error.reason)
        }
        return directory.appendingPathComponent(name)
    }
}
