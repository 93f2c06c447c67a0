import Foundation
import HandoutSupport

/// What an earlier run recorded, for `--resume`: the last row of each input line (a later
/// `failed` undoes an earlier `ok`). Taken record by record as the input is read again.
struct ResumeIndex {
    private var previous: [Int: DoneRecord] = [:]

    /// Empty without `--resume` or a manifest; a manifest of an older format is rewritten under
    /// the current header first, so new rows can be appended to it.
    init(manifestPath: String, resume: Bool) throws(BatchError) {
        guard resume, FileManager.default.fileExists(atPath: manifestPath) else { return }
        var previous: [Int: DoneRecord] = [:]
        let format = try ManifestReader.scan(path: manifestPath) { entry in previous[entry.line] = DoneRecord(entry) }
        if format != .current { try ManifestReader.compact(path: manifestPath) }
        self.previous = previous
    }

    /// The earlier run's record of this line, if it was the same id.
    mutating func take(line: Int, id: String) -> DoneRecord? {
        previous.removeValue(forKey: line).flatMap { $0.id == id ? $0 : nil }
    }
}

/// What resume needs of a manifest row recorded `ok` or `skipped`, kept small: a 100,000-row
/// manifest is held in memory while the run goes on.
struct DoneRecord: Sendable {
    var id: String
    var digest: Digest
    /// What the PDF was made from; nil in rows of an older manifest.
    var record: Digest?
    var options: Digest?
    var pages: Int32
    /// How many page images the row names (`--png`).
    var previews: Int32

    /// Nil unless the row says the record's PDF was written (`ok` or `skipped`).
    init?(_ entry: ManifestEntry) {
        guard entry.status == .ok || entry.status == .skipped, entry.file == RecordFileName.pdfName(for: entry.id),
              let digest = Digest(hex: entry.sha256) else { return nil }
        id = entry.id
        self.digest = digest
        record = Digest(hex: entry.recordSHA256)
        options = Digest(hex: entry.optionsSHA256)
        pages = Int32(clamping: entry.pages ?? 0)
        previews = Int32(clamping: entry.previews.count)
    }

    enum Decision {
        /// The file on disk is the one recorded, made from the same record and options.
        case keep(sha256: String, bytes: Int)
        case redo(RedoReason)
    }

    /// Whether the PDF `file` (nil: missing) can stay as this run's handout of a record with `source`.
    func decision(file: Data?, source: SourceDigests) -> Decision {
        guard let file else { return .redo(.file) }
        let sha256 = SHA256Hex.of(file)
        guard Digest(hex: sha256) == digest else { return .redo(.file) }
        guard let record, let options else { return .redo(.unrecorded) }
        guard Digest(hex: source.record) == record else { return .redo(.record) }
        guard source.options.flatMap(Digest.init(hex:)) == options else { return .redo(.options) }
        return .keep(sha256: sha256, bytes: file.count)
    }
}

/// A SHA-256 digest as four words rather than 64 characters.
struct Digest: Sendable, Equatable {
    var words: (UInt64, UInt64, UInt64, UInt64)

    init?(hex: String) {
        let utf8 = Array(hex.utf8)
        guard utf8.count == 64 else { return nil }
        var parsed: [UInt64] = []
        for start in stride(from: 0, to: 64, by: 16) {
            guard let word = UInt64(String(decoding: utf8[start..<start + 16], as: UTF8.self), radix: 16) else { return nil }
            parsed.append(word)
        }
        words = (parsed[0], parsed[1], parsed[2], parsed[3])
    }

    static func == (lhs: Digest, rhs: Digest) -> Bool { lhs.words == rhs.words }
}

