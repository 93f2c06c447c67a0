import CSV
import Foundation

/// One row of `manifest.csv`: `id,line,status,file,pages,bytes,sha256,error`.
public struct ManifestEntry: Sendable, Equatable {
    public enum Status: String, Sendable { case ok, failed, skipped }
    public var id: String
    public var line: Int
    public var status: Status
    public var file: String
    public var pages: Int?
    public var bytes: Int?
    public var sha256: String
    public var error: String

    public init(id: String, line: Int, status: Status, file: String = "", pages: Int? = nil, bytes: Int? = nil,
                sha256: String = "", error: String = "") {
        self.id = id
        self.line = line
        self.status = status
        self.file = file
        self.pages = pages
        self.bytes = bytes
        self.sha256 = sha256
        self.error = error
    }

    public static let header = ["id", "line", "status", "file", "pages", "bytes", "sha256", "error"]

    var columns: [String] {
        [id, String(line), status.rawValue, file, pages.map(String.init) ?? "", bytes.map(String.init) ?? "", sha256, error]
    }

    static func csvLine(_ columns: [String]) -> String {
        columns.map { field in
            field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
        }.joined(separator: ",") + "\n"
    }
}

/// Appends manifest rows as they finish, each with one write(2) so a crash (even kill -9)
/// leaves every finished row recorded. Thread-safe. The file is mode 0600.
public final class ManifestWriter: @unchecked Sendable {
    private let fd: Int32
    private let lock = NSLock()
    public let path: String

    /// `append`: keep the rows already there (resume); otherwise start a new manifest.
    public init(path: String, append: Bool) throws(FileWriteError) {
        self.path = path
        let flags = O_RDWR | O_CREAT | O_APPEND | O_NOFOLLOW | O_CLOEXEC | (append ? 0 : O_TRUNC)
        fd = open(path, flags, 0o600)
        guard fd >= 0 else { throw .failed(step: "open the manifest", reason: OutputFile.errnoText()) }
        fchmod(fd, 0o600)
        var info = stat()
        fstat(fd, &info)
        if info.st_size == 0 {
            try writeLine(ManifestEntry.csvLine(ManifestEntry.header))
        } else {
            // A row cut short by a power loss must not glue itself to the next one.
            var last: UInt8 = 0
            if pread(fd, &last, 1, off_t(info.st_size - 1)) == 1, last != UInt8(ascii: "\n") { try writeLine("\n") }
        }
    }

    deinit { close(fd) }

    public func append(_ entry: ManifestEntry) throws(FileWriteError) {
        try writeLine(ManifestEntry.csvLine(entry.columns))
    }

    /// Flushes to the disk (the rows are already in the kernel after each append).
    public func sync() {
        lock.lock()
        defer { lock.unlock() }
        fsync(fd)
    }

    private func writeLine(_ text: String) throws(FileWriteError) {
        let bytes = Array(text.utf8)
        lock.lock()
        defer { lock.unlock() }
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Foundation.write(fd, $0.baseAddress!, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw .failed(step: "append to the manifest", reason: OutputFile.errnoText())
            }
            offset += written
        }
    }
}

public enum ManifestReader {
    /// The rows of a manifest, streamed. A row cut short by a crash (the last one) is ignored.
    public static func read(path: String, _ body: (ManifestEntry) -> Void) throws(BatchError) {
        guard let stream = InputStream(fileAtPath: path) else { throw .unreadableManifest(path: path, reason: "cannot open") }
        let reader: CSVReader
        do {
            reader = try CSVReader(stream: stream, hasHeaderRow: true, trimFields: false)
        } catch {
            return  // empty manifest
        }
        guard reader.headerRow == ManifestEntry.header else {
            throw .unreadableManifest(path: path, reason: "its header is not \(ManifestEntry.header.joined(separator: ","))")
        }
        while let row = reader.next() {
            guard row.count == ManifestEntry.header.count, let line = Int(row[1]),
                  let status = ManifestEntry.Status(rawValue: row[2]) else { continue }
            body(ManifestEntry(id: row[0], line: line, status: status, file: row[3], pages: Int(row[4]),
                               bytes: Int(row[5]), sha256: row[6], error: row[7]))
        }
    }

    /// Rewrites the manifest keeping only the last row written for each input line, in the
    /// order those rows were written (resume appends; this makes one row per record again).
    /// Two streaming passes: memory holds one number per line, not the rows.
    public static func compact(path: String) throws(BatchError) {
        var last: [Int: Int] = [:]
        var order = 0
        try read(path: path) { entry in
            last[entry.line] = order
            order += 1
        }
        guard last.count < order else { return }  // already one row per line
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        let temp = "\(directory)/\(OutputFile.tempPrefix)manifest-\(url.lastPathComponent)"
        unlink(temp)
        var failure: String?
        do {
            let writer = try ManifestWriter(path: temp, append: false)
            order = 0
            try read(path: path) { entry in
                defer { order += 1 }
                guard failure == nil, last[entry.line] == order else { return }
                do throws(FileWriteError) {
                    try writer.append(entry)
                } catch {
                    failure = error.errorDescription
                }
            }
            writer.sync()
        } catch {
            failure = (error as? LocalizedError)?.errorDescription ?? "cannot rewrite"
        }
        if let failure {
            unlink(temp)
            throw .unreadableManifest(path: path, reason: failure)
        }
        guard rename(temp, path) == 0 else {
            unlink(temp)
            throw .unreadableManifest(path: path, reason: String(cString: strerror(errno)))
        }
        OutputFile.syncDirectory(directory)
    }
}
