import Foundation

/// A log-like file that only grows (manifest, mail journal): opened with O_APPEND|O_NOFOLLOW,
/// refused unless it is a regular file of ours, mode 0600; each record goes out in one
/// write(2), so a crash leaves every finished record whole.
///
/// `@unchecked Sendable`: the descriptor is immutable and every write holds `lock`.
public final class AppendOnlyFile: @unchecked Sendable {
    public let path: String
    private let fd: Int32
    private let lock = NSLock()

    /// `truncate`: start empty; otherwise keep what is there. `header` is written when the file is empty.
    public init(path: String, truncate: Bool, header: String? = nil) throws(FileWriteError) {
        self.path = path
        fd = open(path, O_RDWR | O_CREAT | O_APPEND | O_NOFOLLOW | O_CLOEXEC | (truncate ? O_TRUNC : 0), 0o600)
        guard fd >= 0 else { throw .failed(step: "open", reason: DurableFile.errnoText()) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_nlink == 1, info.st_uid == geteuid() else {
            close(fd)
            throw .refused(path: path, reason: "is not a regular file of this user's (a link or someone else's file); move it away")
        }
        fchmod(fd, 0o600)
        if info.st_size == 0, let header {
            try append(header)
        } else if info.st_size > 0 {
            // A record cut short by a power loss must not glue itself to the next one.
            var last: UInt8 = 0
            if pread(fd, &last, 1, off_t(info.st_size - 1)) == 1, last != UInt8(ascii: "\n") { try append("\n") }
        }
    }

    deinit { close(fd) }

    public func append(_ text: String) throws(FileWriteError) {
        let bytes = Array(text.utf8)
        lock.lock()
        defer { lock.unlock() }
        try DurableFile.writeAll(bytes, to: fd, step: "append to")
    }

    /// Flushes to the disk (the records are already in the kernel after each append).
    public func sync() throws(FileWriteError) {
        guard lock.withLock({ fsync(fd) }) == 0 else { throw .failed(step: "sync", reason: DurableFile.errnoText()) }
    }
}
