import Foundation
import HandoutCore
import HandoutSupport

/// Joins the patient list to the batch's manifests: who gets which PDF, and which records
/// cannot be mailed (no email, no ok handout, a row that does not read, a repeated id).
///
/// The PDF is always `DIR/<id>.pdf`, the name the batch gives it, never the manifest's `file`
/// column: an edited manifest cannot point one patient's email at another patient's file (the
/// manifest's checksum must still match). Messages name the line and the id (only an id that
/// can be a file name, so never a cell's other contents), never a name, date or address.
public struct MailingList {
    public let batch: String
    public let csv: String
    public let columnOverrides: ColumnOverrides
    /// The clinic's own spellings of languages (its settings file).
    public let languages: LanguageAliases
    /// The batch's language for patients whose language has no handout content.
    public let fallbackLanguage: String
    /// Birth dates are not read here; `today` only completes the record builder.
    public let today: CalendarDate

    public init(batch: String, csv: String, columnOverrides: ColumnOverrides, languages: LanguageAliases = .none,
                fallbackLanguage: String = "en", today: CalendarDate) {
        self.batch = batch
        self.csv = csv
        self.columnOverrides = columnOverrides
        self.languages = languages
        self.fallbackLanguage = fallbackLanguage
        self.today = today
    }

    /// One patient to mail: the address, the handout (always `DIR/<id>.pdf`) and the checksum
    /// it must still have, the language of the message (the handout's: the patient's when there is
    /// content in it, else the fallback, as the batch chose).
    public struct Recipient: Sendable, Equatable {
        public var id: String
        public var address: String
        public var attachmentPath: URL
        public var language: String
        public var expectedSHA256: String
    }

    /// Why records were not mailed, one line each (record id and line, nothing else).
    public struct Unmailed: Sendable {
        public var withoutEmail: [String] = []
        /// An address (or language) that cannot be used: the handout was made, the clinic must fix the row.
        public var notMailable: [String] = []
        /// No ok handout in the manifests, or a row that does not read or repeats an id.
        public var withoutHandout: [String] = []

        public init() {}
    }

    public func recipients() throws -> (recipients: [Recipient], unmailed: Unmailed) {
        let handouts = try BatchHandouts(directory: batch)
        let source = try RecordSources.open(path: csv)
        // Only what mailing needs is read: the id and the email (and the language, when there is
        // a column for it); the rest of the row was the batch's business.
        let map = try source.headers.map { try ColumnMap(headers: $0, overrides: columnOverrides, required: [.id, .email], source: csv) }
        let builder = RecordBuilder(map: map, dateFormat: nil, languages: languages, sourceName: csv, today: today)
        func idColumn(_ problem: String) -> String {
            RowFailure(column: map?.header(of: .id) ?? "id", problem: problem, isJSONField: map == nil).message
        }
        var recipients: [Recipient] = []
        var unmailed = Unmailed()
        var firstLine: [String: Int] = [:]
        let contentLanguages = Set(ContentLoader.builtInLanguages())
        while let record = try source.next() {
            let decoded = builder.decode(record)
            let place = "\(csv):\(record.line)"
            guard let id = decoded.id else {
                unmailed.withoutHandout.append("\(place): no id; not mailed")
                continue
            }
            if let problem = RecordFileName.problem(with: id) {
                unmailed.withoutHandout.append("\(place): \(idColumn(problem)); not mailed")
                continue
            }
            let key = RecordFileName.collisionKey(id)
            if let first = firstLine[key] {
                // As in batch: the first row with an id is the one its handout was made from.
                unmailed.withoutHandout.append("\(place): id \(id): \(idColumn("is a duplicate of line \(first)")); not mailed")
                continue
            }
            firstLine[key] = record.line
            if handouts.conflicting.contains(id) {
                unmailed.withoutHandout.append(
                    "\(place): id \(id): the manifests in \(batch) disagree about its handout (an older run?); move the stale manifest away; not mailed")
                continue
            }
            guard let checksum = handouts.checksums[id] else {
                unmailed.withoutHandout.append("\(place): id \(id) has no handout in the manifests; not mailed")
                continue
            }
            let contact: PatientFields.Contact
            do {
                contact = try builder.contact(decoded, line: record.line)
            } catch {
                unmailed.notMailable.append("\(place): id \(id): \(error.message); not mailed")
                continue
            }
            guard let email = contact.email else {
                unmailed.withoutEmail.append("\(place): id \(id) has no email; not mailed")
                continue
            }
            recipients.append(Recipient(
                id: id, address: email, attachmentPath: URL(fileURLWithPath: batch).appendingPathComponent(RecordFileName.pdfName(for: id)),
                language: contact.language.flatMap { contentLanguages.contains($0) ? $0 : nil } ?? fallbackLanguage, expectedSHA256: checksum))
        }
        return (recipients, unmailed)
    }
}

/// The ok handouts of a batch folder, from `manifest.csv` and every shard's `manifest-K-of-M.csv`.
/// In each manifest the last row for an input line wins (as for `batch --resume`). Where two
/// manifests disagree about a line (ok in one, failed or another checksum in the other), or an
/// id has two checksums, the id is `conflicting` rather than guessed.
struct BatchHandouts {
    /// id -> the SHA-256 its PDF must have.
    private(set) var checksums: [String: String] = [:]
    private(set) var conflicting: Set<String> = []

    init(directory: String) throws {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory).filter(Self.isManifestName).sorted()
        } catch {
            throw BatchFolderError.unreadable(path: directory, reason: "cannot list the folder")
        }
        guard !names.isEmpty else { throw BatchFolderError.noManifest(path: directory) }
        var byLine: [Int: ManifestEntry] = [:]
        for name in names {
            var last: [Int: ManifestEntry] = [:]
            let path = "\(directory)/\(name)"
            do throws(BatchError) {
                try ManifestReader.read(path: path) { last[$0.line] = $0 }
            } catch {
                guard case let .unreadableManifest(_, reason) = error else { throw error }
                throw BatchFolderError.unreadable(path: path, reason: "cannot read the manifest (\(reason))")
            }
            for (line, entry) in last {
                if let other = byLine.updateValue(entry, forKey: line), Self.verdict(other) != Self.verdict(entry) {
                    conflicting.formUnion([other.id, entry.id])
                }
            }
        }
        for entry in byLine.values {
            guard let checksum = Self.verdict(entry).checksum else { continue }
            if let other = checksums.updateValue(checksum, forKey: entry.id), other != checksum { conflicting.insert(entry.id) }
        }
    }

    /// What a row says of its line: which id, and the checksum of its PDF when there is one.
    private static func verdict(_ entry: ManifestEntry) -> (id: String, checksum: String?) {
        (entry.id, entry.status == .ok || entry.status == .skipped ? entry.sha256 : nil)
    }

    /// `manifest.csv` or a shard's manifest, named exactly as `batch --shard K/M` names it.
    static func isManifestName(_ name: String) -> Bool {
        guard let shard = name.wholeMatch(of: #/manifest-(\d+)-of-(\d+)\.csv/#) else { return name == "manifest.csv" }
        guard let index = Int(shard.1), let count = Int(shard.2), index < count else { return false }
        return (try? Shard(index: index, count: count))?.manifestName == name
    }
}

/// A batch folder mail cannot use. Names the path, never a record.
public enum BatchFolderError: Error, LocalizedError {
    case unreadable(path: String, reason: String)
    case noManifest(path: String)

    public var errorDescription: String? {
        switch self {
        case let .unreadable(path, reason):
            return "\(path): \(reason)"
        case let .noManifest(path):
            return "\(path): no manifest.csv or manifest-K-of-M.csv; give the folder `handout batch` wrote (--batch)"
        }
    }
}
