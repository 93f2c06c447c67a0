import Foundation

/// Why a file could not be written. Names the step and the system's reason, never the contents.
public enum FileWriteError: Error, LocalizedError, Equatable, Sendable {
    case failed(step: String, reason: String)
    case refused(path: String, reason: String)
    /// Writing `path` failed at some step (`reason` says which and why).
    case unwritable(path: String, reason: String)

    public var errorDescription: String? {
        switch self {
        case let .failed(step, reason): return "could not \(step) the file (\(reason))"
        case let .refused(path, reason), let .unwritable(path, reason): return "\(path): \(reason)"
        }
    }

    /// What went wrong, without the path (for messages that name it themselves).
    public var reason: String {
        switch self {
        case let .failed(step, reason): return "could not \(step) the file (\(reason))"
        case let .refused(_, reason), let .unwritable(_, reason): return reason
        }
    }
}

/// Files that appear whole or not at all, and only where we meant them: a temporary file with
/// a name nobody can guess, created with O_CREAT|O_EXCL|O_NOFOLLOW (so a planted link or file
/// is never written through), mode 0600, fsynced, renamed over the target, and the directory
/// fsynced. Every writer of the project (PDFs, manifests, journal, outbox, `render`) uses it.
public enum DurableFile {
    /// Temporary files start with a dot, which no record id may, so they never collide with an output.
    public static let temporaryPrefix = ".handout-tmp-"

    /// Writes `data` to `directory/name` atomically. `tag` groups the temporary files of one
    /// writer (a shard), so a later run removes only its own leftovers.
    public static func write(_ data: some DataProtocol, directory: String, name: String, tag: String = "w") throws(FileWriteError) {
        let file = try PendingFile(directory: directory, name: name, tag: tag)
        try file.append(data)
        try file.commit()
    }

    /// Writes every byte to an open descriptor (retrying short writes and EINTR).
    public static func writeAll(_ data: some DataProtocol, to fd: Int32, step: String) throws(FileWriteError) {
        for region in data.regions {
            let failed: Bool = region.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let count = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                    if count < 0 {
                        if errno == EINTR { continue }
                        return true
                    }
                    offset += count
                }
                return false
            }
            if failed { throw .failed(step: step, reason: errnoText()) }
        }
    }

    public static func syncDirectory(_ directory: String) {
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }

    /// Removes the temporary files a killed writer with this tag left behind; returns how many.
    @discardableResult
    public static func removeStaleTemporaries(in directory: String, tag: String) -> Int {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return 0 }
        return names.filter { $0.hasPrefix("\(temporaryPrefix)\(tag)-") }.reduce(0) { removed, name in
            unlink("\(directory)/\(name)") == 0 ? removed + 1 : removed
        }
    }

    /// 128 random bits as hex: a temporary name another user cannot plant in advance.
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<2).map { _ in String(generator.next() as UInt64, radix: 16) }.joined(separator: "-")
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }
}

/// A file being written under a temporary name, streamed in pieces; it replaces its target
/// only on `commit()`, and is removed if it never is.
public final class PendingFile {
    private let fd: Int32
    private let temporary: String
    private let directory: String
    private let target: String
    private var committed = false

    public init(directory: String, name: String, tag: String = "w") throws(FileWriteError) {
        self.directory = directory
        temporary = "\(directory)/\(DurableFile.temporaryPrefix)\(tag)-\(DurableFile.randomToken())"
        target = "\(directory)/\(name)"
        fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .failed(step: "create", reason: DurableFile.errnoText()) }
    }

    deinit {
        close(fd)
        if !committed { unlink(temporary) }
    }

    public func append(_ data: some DataProtocol) throws(FileWriteError) {
        try DurableFile.writeAll(data, to: fd, step: "write")
    }

    /// Syncs the bytes, renames the file over its target and syncs the directory.
    public func commit() throws(FileWriteError) {
        guard fsync(fd) == 0 else { throw .failed(step: "sync", reason: DurableFile.errnoText()) }
        guard rename(temporary, target) == 0 else { throw .failed(step: "rename", reason: DurableFile.errnoText()) }
        committed = true
        DurableFile.syncDirectory(directory)
    }
}

extension DurableFile {
    /// Writes `directory/name` only if nothing is there yet (a link(2) of a finished temporary
    /// file, which fails rather than replace); returns the file's contents either way, so writers
    /// racing to create it (shards) all end up with the same bytes.
    public static func createOnce(_ data: [UInt8], directory: String, name: String) throws(FileWriteError) -> [UInt8] {
        let target = "\(directory)/\(name)"
        if let existing = try readPrivate(target) { return existing }
        _ = try createNew(data, directory: directory, name: name)
        guard let written = try readPrivate(target) else { throw .failed(step: "read back", reason: "it vanished") }
        return written
    }

    /// Writes `directory/name` whole (0600) if nothing is there yet, through a link(2) that
    /// fails rather than replace; false when something was there (it is left as it was).
    public static func createNew(_ data: [UInt8], directory: String, name: String) throws(FileWriteError) -> Bool {
        let temporary = "\(directory)/\(temporaryPrefix)once-\(randomToken())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .failed(step: "create", reason: errnoText()) }
        defer { unlink(temporary) }
        do {
            defer { close(fd) }
            try writeAll(data, to: fd, step: "write")
            guard fsync(fd) == 0 else { throw FileWriteError.failed(step: "sync", reason: errnoText()) }
        }
        if link(temporary, "\(directory)/\(name)") != 0 {
            if errno == EEXIST { return false }
            throw .failed(step: "link", reason: errnoText())
        }
        syncDirectory(directory)
        return true
    }

    /// The contents of a regular file of this user's that only this user can read, or nil when absent.
    static func readPrivate(_ path: String) throws(FileWriteError) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { return nil }
            throw .refused(path: path, reason: "cannot be read (\(errnoText()))")
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_uid == geteuid(), info.st_mode & 0o077 == 0 else {
            throw .refused(path: path, reason: "is not a private file of this user's (mode 0600); move it away")
        }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        let count = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        guard count == bytes.count else { throw .failed(step: "read", reason: errnoText()) }
        return bytes
    }
}
