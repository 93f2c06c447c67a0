import Foundation
import HandoutSupport

/// One row of `manifest.csv`: `id,line,status,file,pages,bytes,sha256,record_sha256,options_sha256,error`.
public struct ManifestEntry: Sendable, Equatable {
    public enum Status: String, Sendable { case ok, failed, skipped }
    public var id: String
    public var line: Int
    public var status: Status
    public var file: String
    public var pages: Int?
    public var bytes: Int?
    public var sha256: String
    /// What the PDF was made from (`SourceDigests`); empty unless a PDF was written.
    public var recordSHA256: String
    public var optionsSHA256: String
    public var error: String

    public init(id: String, line: Int, status: Status, file: String = "", pages: Int? = nil, bytes: Int? = nil,
                sha256: String = "", recordSHA256: String = "", optionsSHA256: String = "", error: String = "") {
        self.id = id
        self.line = line
        self.status = status
        self.file = file
        self.pages = pages
        self.bytes = bytes
        self.sha256 = sha256
        self.recordSHA256 = recordSHA256
        self.optionsSHA256 = optionsSHA256
        self.error = error
    }

    public static let header = ["id", "line", "status", "file", "pages", "bytes", "sha256", "record_sha256", "options_sha256", "error"]
    /// The header of manifests written before source digests were recorded: still read (resume
    /// redoes their rows, having no source digests to compare).
    static let headerWithoutSources = header.filter { $0 != "record_sha256" && $0 != "options_sha256" }

    var columns: [String] {
        [id, String(line), status.rawValue, file, pages.map(String.init) ?? "", bytes.map(String.init) ?? "", sha256, recordSHA256, optionsSHA256, error]
    }
}

/// Appends manifest rows as they finish, each with one write(2) so a crash (even kill -9)
/// leaves every finished row recorded. Thread-safe. The file is mode 0600.
public final class ManifestWriter: Sendable {
    private let file: AppendOnlyFile
    public var path: String { file.path }

    /// `append`: keep the rows already there (resume); otherwise start a new manifest.
    public init(path: String, append: Bool) throws(FileWriteError) {
        file = try AppendOnlyFile(path: path, truncate: !append, header: CSVText.line(ManifestEntry.header))
    }

    public func append(_ entry: ManifestEntry) throws(FileWriteError) {
        try file.append(CSVText.line(entry.columns))
    }

    /// Flushes to the disk (the rows are already in the kernel after each append).
    public func sync() throws(FileWriteError) {
        try file.sync()
    }
}

/// Which header a manifest has.
enum ManifestFormat {
    case current
    /// Written before source digests were recorded (`headerWithoutSources`).
    case withoutSources
}

public enum ManifestReader {
    /// The rows of a manifest, streamed. A row cut short by a crash (the last one) is ignored.
    public static func read(path: String, _ body: (ManifestEntry) -> Void) throws(BatchError) {
        _ = try scan(path: path, body)
    }

    /// `read`, saying which header the manifest has.
    static func scan(path: String, _ body: (ManifestEntry) -> Void) throws(BatchError) -> ManifestFormat {
        var header: [String]?
        var position: [String: Int] = [:]
        do {
            let exists = try CSVText.rows(path: path) { row in
                guard let header else {
                    guard row == ManifestEntry.header || row == ManifestEntry.headerWithoutSources else { throw ManifestFormatError() }
                    header = row
                    position = Dictionary(uniqueKeysWithValues: row.enumerated().map { ($1, $0) })
                    return
                }
                guard row.count == header.count else { return }
                let column = { (name: String) in position[name].map { row[$0] } ?? "" }
                guard let line = Int(column("line")), let status = ManifestEntry.Status(rawValue: column("status")) else { return }
                body(ManifestEntry(id: column("id"), line: line, status: status, file: column("file"), pages: Int(column("pages")),
                                   bytes: Int(column("bytes")), sha256: column("sha256"), recordSHA256: column("record_sha256"),
                                   optionsSHA256: column("options_sha256"), error: column("error")))
            }
            if !exists { throw CSVTextError.unreadable("cannot open") }
        } catch is ManifestFormatError {
            throw .unreadableManifest(path: path, reason: "its header is not \(ManifestEntry.header.joined(separator: ","))")
        } catch {
            throw .unreadableManifest(path: path, reason: error.localizedDescription)
        }
        return header == ManifestEntry.headerWithoutSources ? .withoutSources : .current
    }

    private struct ManifestFormatError: Error {}

    /// Rewrites the manifest keeping only the last row written for each input line, in the
    /// order those rows were written (resume appends; this makes one row per record again),
    /// under the current header. Two streaming passes: memory holds one number per line, not the rows.
    public static func compact(path: String) throws(BatchError) {
        var last: [Int: Int] = [:]
        var order = 0
        let format = try scan(path: path) { entry in
            last[entry.line] = order
            order += 1
        }
        guard last.count < order || format != .current else { return }  // already one row per line, current header
        let url = URL(fileURLWithPath: path)
        let compacted: PendingFile
        var failure: FileWriteError?
        do {
            compacted = try PendingFile(directory: url.deletingLastPathComponent().path, name: url.lastPathComponent, tag: "manifest")
            try compacted.append(Array(CSVText.line(ManifestEntry.header).utf8))
        } catch {
            throw .unreadableManifest(path: path, reason: error.reason)
        }
        order = 0
        try read(path: path) { entry in
            defer { order += 1 }
            guard failure == nil, last[entry.line] == order else { return }
            do throws(FileWriteError) {
                try compacted.append(Array(CSVText.line(entry.columns).utf8))
            } catch {
                failure = error
            }
        }
        do throws(FileWriteError) {
            if let failure { throw failure }
            try compacted.commit()
        } catch {
            throw .unreadableManifest(path: path, reason: error.reason)
        }
    }
}
