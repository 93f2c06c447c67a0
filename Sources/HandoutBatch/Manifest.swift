import Foundation
import HandoutSupport

/// One row of `manifest.csv`: `id,line,status,file,pages,bytes,sha256,record_sha256,options_sha256,error,warnings,previews,
/// topic,language,content_version,reads_sha256`.
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
    /// What the handout was made despite (an appointment in the past), as codes, never a value.
    public var warnings: [RecordWarning]
    /// The page images written (`--png`), one file name per page, in the run's preview folder.
    public var previews: [String]
    /// What the handout says and in which words (`HandoutFacts`); empty unless a PDF was written.
    public var facts: HandoutFacts

    public init(id: String, line: Int, status: Status, file: String = "", pages: Int? = nil, bytes: Int? = nil,
                sha256: String = "", recordSHA256: String = "", optionsSHA256: String = "", error: String = "",
                warnings: [RecordWarning] = [], previews: [String] = [], facts: HandoutFacts = HandoutFacts()) {
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
        self.warnings = warnings
        self.previews = previews
        self.facts = facts
    }

    /// The columns added last are last, so a reader that counts columns finds the older ones where they were.
    public static let header = headerWithoutFacts + ["topic", "language", "content_version", "reads_sha256"]
    /// The header of manifests written before the handout's facts were recorded: still read.
    static let headerWithoutFacts = headerWithoutWarnings + ["warnings", "previews"]
    /// The header of manifests written before warnings and previews were recorded: still read.
    static let headerWithoutWarnings = ["id", "line", "status", "file", "pages", "bytes", "sha256", "record_sha256", "options_sha256", "error"]
    /// The header of manifests written before source digests were recorded: still read (resume
    /// redoes their rows, having no source digests to compare).
    static let headerWithoutSources = headerWithoutWarnings.filter { $0 != "record_sha256" && $0 != "options_sha256" }
    /// What separates the codes of `warnings` and the names of `previews` in their cells.
    static let listSeparator: Character = ";"

    var columns: [String] {
        [id, String(line), status.rawValue, file, pages.map(String.init) ?? "", bytes.map(String.init) ?? "", sha256, recordSHA256, optionsSHA256, error,
         warnings.map(\.rawValue).joined(separator: String(Self.listSeparator)), previews.joined(separator: String(Self.listSeparator)),
         facts.topic, facts.language, facts.contentVersion, facts.readsSHA256]
    }
}

/// Why a handout was made differently from what its record asked, or with something staff
/// should check; the manifest's `warnings` codes. Never carries a value of the record.
public enum RecordWarning: String, Sendable, CaseIterable {
    /// The appointment's date is before the run's day; the handout still gives it.
    case appointmentInPast = "appointment-in-past"
    /// No handout content in the patient's language; made in the run's.
    case languageFallback = "language-fallback"
    /// Made in English, with a notice in the patient's language at the top, instead of a
    /// translation (none, or one no person has reviewed).
    case languageNotice = "language-notice"
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
    /// Written before the handout's facts were recorded (`headerWithoutFacts`).
    case withoutFacts
    /// Written before warnings and previews were recorded (`headerWithoutWarnings`).
    case withoutWarnings
    /// Written before source digests were recorded (`headerWithoutSources`).
    case withoutSources

    init?(header: [String]) {
        switch header {
        case ManifestEntry.header: self = .current
        case ManifestEntry.headerWithoutFacts: self = .withoutFacts
        case ManifestEntry.headerWithoutWarnings: self = .withoutWarnings
        case ManifestEntry.headerWithoutSources: self = .withoutSources
        default: return nil
        }
    }
}

public enum ManifestReader {
    /// `manifest.csv` or a shard's `manifest-K-of-M.csv`, named exactly as `batch --shard K/M` names it.
    public static func isManifestName(_ name: String) -> Bool { BatchHandouts.isManifestName(name) }

    /// The rows of a manifest, streamed. A row cut short by a crash (the last one) is ignored.
    public static func read(path: String, _ body: (ManifestEntry) -> Void) throws(BatchError) {
        _ = try scan(path: path, body)
    }

    /// `read`, saying which header the manifest has.
    static func scan(path: String, _ body: (ManifestEntry) -> Void) throws(BatchError) -> ManifestFormat {
        var header: [String]?
        var format = ManifestFormat.current
        var position: [String: Int] = [:]
        do {
            let exists = try CSVText.rows(path: path) { row in
                guard let header else {
                    guard let known = ManifestFormat(header: row) else { throw ManifestFormatError() }
                    (header, format) = (row, known)
                    position = Dictionary(uniqueKeysWithValues: row.enumerated().map { ($1, $0) })
                    return
                }
                guard row.count == header.count else { return }
                let column = { (name: String) in position[name].map { row[$0] } ?? "" }
                guard let line = Int(column("line")), let status = ManifestEntry.Status(rawValue: column("status")) else { return }
                body(ManifestEntry(id: column("id"), line: line, status: status, file: column("file"), pages: Int(column("pages")),
                                   bytes: Int(column("bytes")), sha256: column("sha256"), recordSHA256: column("record_sha256"),
                                   optionsSHA256: column("options_sha256"), error: column("error"),
                                   warnings: list(column("warnings")).compactMap(RecordWarning.init(rawValue:)), previews: list(column("previews")),
                                   facts: HandoutFacts(topic: column("topic"), language: column("language"), contentVersion: column("content_version"),
                                                       readsSHA256: column("reads_sha256"))))
            }
            if !exists { throw CSVTextError.unreadable("cannot open") }
        } catch is ManifestFormatError {
            throw .unreadableManifest(path: path, reason: "its header is not \(ManifestEntry.header.joined(separator: ","))")
        } catch {
            throw .unreadableManifest(path: path, reason: error.localizedDescription)
        }
        return format
    }

    private static func list(_ cell: String) -> [String] {
        cell.split(separator: ManifestEntry.listSeparator).map(String.init)
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
