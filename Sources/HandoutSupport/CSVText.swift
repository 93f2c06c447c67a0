import CSV
import Foundation

/// The one CSV dialect Handout writes and reads back (manifests, mail journal): RFC 4180, a
/// field with a comma, quote, CR or LF quoted and its quotes doubled, rows ending with LF.
public enum CSVText {
    public static func line(_ fields: [String]) -> String {
        fields.map { field in
            field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
        }.joined(separator: ",") + "\n"
    }

    /// The rows of a file we wrote, streamed, the header row first; never through a symbolic
    /// link. A last row without its line end (a write cut short by a crash) is left out.
    /// Returns false when there is no such file.
    @discardableResult
    public static func rows(path: String, _ body: ([String]) throws -> Void) throws -> Bool {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            if errno == ENOENT { return false }
            throw CSVTextError.unreadable(String(cString: strerror(errno)))
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFLNK: throw CSVTextError.unreadable("it is a symbolic link; move it away")
        default: throw CSVTextError.unreadable("it is not a regular file; move it away")
        }
        guard info.st_size > 0 else { return true }
        guard let stream = InputStream(fileAtPath: path), let reader = try? CSVReader(stream: stream, hasHeaderRow: false, trimFields: false) else {
            throw CSVTextError.unreadable("cannot open")
        }
        let complete = lastByte(path) == UInt8(ascii: "\n")
        var pending: [String]?
        while let row = reader.next() {
            if let previous = pending { try body(previous) }
            pending = row
        }
        if complete, let last = pending { try body(last) }
        return true
    }

    private static func lastByte(_ path: String) -> UInt8? {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var byte: UInt8 = 0
        return pread(fd, &byte, 1, lseek(fd, 0, SEEK_END) - 1) == 1 ? byte : nil
    }
}

public enum CSVTextError: Error, LocalizedError {
    case unreadable(String)

    public var errorDescription: String? {
        switch self {
        case let .unreadable(reason): return reason
        }
    }
}
