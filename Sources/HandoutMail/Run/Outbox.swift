import Foundation

/// Writes messages as `.eml` files instead of sending them: `<safe id>.eml`,
/// mode 0600, written to a temporary name and renamed into place.
struct Outbox {
    let directory: URL

    init(directory: URL) throws(MailRunError) {
        self.directory = directory
        do {
            try FileManager.default.createDirectory(
                at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .outbox(path: directory.path, reason: "cannot create the folder")
        }
    }

    func write(_ message: OutgoingMessage) throws(MailRunError) -> URL {
        let name = SafeFileName.forRecordID(message.recordID) + ".eml"
        let target = directory.appendingPathComponent(name)
        let temporary = directory.appendingPathComponent(".\(name).\(getpid()).tmp")
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .outbox(path: directory.path, reason: String(cString: strerror(errno))) }
        let ok = message.bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 && errno == EINTR { continue }
                if written <= 0 { return false }
                offset += written
            }
            return fsync(descriptor) == 0
        }
        close(descriptor)
        guard ok, rename(temporary.path, target.path) == 0 else {
            unlink(temporary.path)
            throw .outbox(path: directory.path, reason: String(cString: strerror(errno)))
        }
        return target
    }
}
