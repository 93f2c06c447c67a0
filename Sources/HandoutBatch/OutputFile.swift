import Foundation

public enum FileWriteError: Error, LocalizedError, Equatable {
    case failed(step: String, reason: String)

    public var errorDescription: String? {
        switch self {
        case let .failed(step, reason): return "could not \(step) the file (\(reason)); check free disk space and permissions"
        }
    }
}

/// Files that appear whole or not at all: written to a temp file in the same directory
/// (mode 0600), fsynced, renamed over the target, and the directory fsynced.
public enum OutputFile {
    /// Temp files start with a dot, which no record id may, so they never collide with a PDF.
    public static let tempPrefix = ".handout-tmp-"

    public static func write(_ data: Data, directory: String, name: String, tempTag: String) throws(FileWriteError) {
        let temp = "\(directory)/\(tempPrefix)\(tempTag)-\(name)"
        let target = "\(directory)/\(name)"
        let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .failed(step: "create", reason: errnoText()) }
        var ok = false
        defer { if !ok { unlink(temp) } }
        let failure: FileWriteError? = {
            defer { close(fd) }
            guard fchmod(fd, 0o600) == 0 else { return .failed(step: "protect", reason: errnoText()) }
            let written: Bool = data.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let count = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                    if count < 0 {
                        if errno == EINTR { continue }
                        return false
                    }
                    offset += count
                }
                return true
            }
            guard written else { return .failed(step: "write", reason: errnoText()) }
            guard fsync(fd) == 0 else { return .failed(step: "sync", reason: errnoText()) }
            return nil
        }()
        if let failure { throw failure }
        guard rename(temp, target) == 0 else { throw .failed(step: "rename", reason: errnoText()) }
        ok = true
        syncDirectory(directory)
    }

    public static func syncDirectory(_ directory: String) {
        let dirFD = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dirFD >= 0 {
            fsync(dirFD)
            close(dirFD)
        }
    }

    /// Removes temp files a killed run left behind (only those with this tag: other shards may
    /// be writing to the same directory). Returns how many were removed.
    @discardableResult
    public static func removeStaleTemps(in directory: String, tempTag: String) -> Int {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return 0 }
        var removed = 0
        for name in names where name.hasPrefix(tempPrefix + tempTag + "-") {
            if unlink("\(directory)/\(name)") == 0 { removed += 1 }
        }
        return removed
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }
}
