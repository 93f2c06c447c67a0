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
    /// The list's separator and encoding, where the flags or settings fix them; the rest is detected.
    public let inputFormat: InputFormat.Choice
    /// The clinic for records without clinic columns (`--clinic`), as in `batch`.
    public let defaultClinic: Clinic?
    /// The clinic's own spellings of languages (its settings file).
    public let languages: LanguageAliases
    /// The batch's language for patients whose language has no handout content.
    public let fallbackLanguage: String
    /// How the list writes dates (the visit's day, named in the email).
    public let dateFormat: DateFormat?
    /// The topics the handouts were made from: which languages they have, and the name of the
    /// attachment in each.
    public let content: ContentCatalog
    /// The topic of a record that names none.
    public let topic: String
    /// Which translations a patient may get, as the batch chose.
    public let translations: TranslationPolicy
    /// The day of the run: a visit before it is past.
    public let today: CalendarDate
    /// What messages call the batch folder and the list: their paths, unless a server keeps them
    /// in a private folder whose path means nothing to staff.
    public let names: (batch: String, csv: String)

    public init(batch: String, csv: String, columnOverrides: ColumnOverrides, defaultClinic: Clinic?, languages: LanguageAliases = .none,
                fallbackLanguage: String = "en", dateFormat: DateFormat? = nil, content: ContentCatalog, topic: String? = nil,
                today: CalendarDate, names: (batch: String, csv: String)? = nil, inputFormat: InputFormat.Choice = .detect,
                unreviewedTranslations: UnreviewedTranslations = .englishWithNotice) throws(InputError) {
        self.batch = batch
        self.csv = csv
        self.inputFormat = inputFormat
        self.names = names ?? (batch, csv)
        self.columnOverrides = columnOverrides
        self.defaultClinic = defaultClinic
        self.languages = languages
        self.fallbackLanguage = fallbackLanguage
        self.dateFormat = dateFormat
        self.content = content
        self.topic = topic ?? ContentLoader.defaultContentID
        self.today = today
        translations = try TranslationPolicy(catalog: content, unreviewedTranslations: unreviewedTranslations, runLanguage: fallbackLanguage)
    }

    /// One patient to mail: the address, the handout (always `DIR/<id>.pdf`) and the checksum
    /// it must still have, the language of the message (the handout's: the patient's when there is
    /// content in it, else the fallback, as the batch chose), the clinic it names, the visit it
    /// speaks of and the name the patient sees on the attachment (the topic's, in that language).
    public struct Recipient: Sendable, Equatable {
        public var id: String
        /// The record's first line in the CSV.
        public var line: Int
        public var address: String
        public var attachmentPath: URL
        public var language: String
        public var expectedSHA256: String
        public var clinic: Clinic
        public var appointment: Appointment?
        /// "folleto-fusion-espinal.pdf"; never the record id.
        public var attachmentName: String
        /// The notice the email starts with, in the patient's language, when the handout is in
        /// English for want of a translation they may get (as on the handout's page 1).
        public var notice: String?
    }

    /// Why records were not mailed, one entry each.
    public struct Unmailed: Sendable {
        public var withoutEmail: [Skipped] = []
        /// A field that cannot be used (the address, the language, the clinic): the handout
        /// was made, the clinic must fix the row.
        public var notMailable: [Skipped] = []
        /// No ok handout in the manifests, or a row that does not read or repeats an id.
        public var withoutHandout: [Skipped] = []

        public init() {}

        /// Every entry, in the order of the file.
        public var all: [Skipped] { (withoutEmail + notMailable + withoutHandout).sorted { $0.line < $1.line } }
    }

    /// `unusedColumns`: the line naming the columns no field uses (`not used: "Copay"`), if any;
    /// `format`: how the list was read (nil for NDJSON).
    public func recipients() throws -> (recipients: [Recipient], unmailed: Unmailed, unusedColumns: String?, format: InputFormat?) {
        let handouts = try BatchHandouts(directory: batch, name: names.batch)
        let source = try RecordSources.open(path: csv, name: names.csv, format: inputFormat)
        // Only what mailing needs is read: the id and the email (and the language and the clinic,
        // when there are columns for them); the rest of the row was the batch's business.
        let map = try source.headers.map { try ColumnMap(headers: $0, overrides: columnOverrides, required: [.id, .email], source: names.csv) }
        if defaultClinic == nil, let map, map.index[.clinicName] == nil {
            throw MailingListError.noClinic(path: names.csv)
        }
        let dates = dateFormat ?? map.flatMap { _ in DateFormat.detect(path: csv, name: names.csv, format: inputFormat, overrides: columnOverrides) }
        let builder = RecordBuilder(map: map, dateFormat: dates, languages: languages, sourceName: names.csv, today: today)
        var recipients: [Recipient] = []
        var unmailed = Unmailed()
        var firstLine: [String: Int] = [:]
        var attachmentNames: [String: String] = [:]
        while let record = try source.next() {
            let decoded = builder.decode(record)
            func skip(_ id: String?, _ reason: SkipReason) -> Skipped {
                Skipped(line: record.line, id: id, reason: reason)
            }
            guard let id = decoded.id else {
                if case let .failure(failure) = decoded.record, case .fieldCount = failure.problem {
                    unmailed.withoutHandout.append(skip(nil, .misaligned(failure)))
                } else {
                    unmailed.withoutHandout.append(skip(nil, .noID))
                }
                continue
            }
            if let problem = RecordFileName.problem(with: id) {
                unmailed.withoutHandout.append(skip(nil, .badID(builder.idFailure(.unsafeID(problem)))))
                continue
            }
            let key = RecordFileName.collisionKey(id)
            if let first = firstLine[key] {
                // As in batch: the first row with an id is the one its handout was made from.
                unmailed.withoutHandout.append(skip(id, .duplicateID(builder.idFailure(.duplicate(ofLine: first)))))
                continue
            }
            firstLine[key] = record.line
            if handouts.conflicting.contains(id) {
                unmailed.withoutHandout.append(skip(id, .manifestsDisagree(folder: names.batch)))
                continue
            }
            guard let checksum = handouts.checksums[id] else {
                unmailed.withoutHandout.append(skip(id, .noHandout))
                continue
            }
            let contact: PatientFields.Contact
            do {
                contact = try builder.contact(decoded, line: record.line)
            } catch {
                unmailed.notMailable.append(skip(id, .badField(error)))
                continue
            }
            guard let email = contact.email else {
                unmailed.withoutEmail.append(skip(id, .noEmail))
                continue
            }
            guard let clinic = contact.clinic ?? defaultClinic else {
                unmailed.notMailable.append(skip(id, .noClinic))
                continue
            }
            let topic = contact.topic ?? self.topic
            let language = contact.language.flatMap { content.languages(of: topic)?.contains($0) == true && translations.allows(topic, in: $0) ? $0 : nil }
                ?? fallbackLanguage
            let notice = contact.language.flatMap { TranslationPolicy.noticeLanguage(asked: $0, made: language) }
                .flatMap { LanguageNotices.bundled.notice(for: $0, phone: clinic.phone)?.text }
            let attachmentName = attachmentNames["\(topic).\(language)", default: content.attachmentName(topic: topic, language: language) ?? "handout.pdf"]
            attachmentNames["\(topic).\(language)"] = attachmentName
            recipients.append(Recipient(
                id: id, line: record.line, address: email,
                attachmentPath: URL(fileURLWithPath: batch).appendingPathComponent(RecordFileName.pdfName(for: id)),
                language: language, expectedSHA256: checksum, clinic: clinic, appointment: contact.appointment, attachmentName: attachmentName,
                notice: notice))
        }
        return (recipients, unmailed, map?.unusedColumnsLine(), source.format)
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

    /// `name`: what errors call `directory`.
    init(directory: String, name: String) throws {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory).filter(Self.isManifestName).sorted()
        } catch {
            throw BatchFolderError.unreadable(path: name, reason: "cannot list the folder")
        }
        guard !names.isEmpty else { throw BatchFolderError.noManifest(path: name) }
        var byLine: [Int: ManifestEntry] = [:]
        for manifest in names {
            var last: [Int: ManifestEntry] = [:]
            do throws(BatchError) {
                try ManifestReader.read(path: "\(directory)/\(manifest)") { last[$0.line] = $0 }
            } catch {
                guard case let .unreadableManifest(_, reason) = error else { throw error }
                throw BatchFolderError.unreadable(path: "\(name)/\(manifest)", reason: "cannot read the manifest (\(reason))")
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

/// A patient list mail cannot use. Names the file, never a record.
public enum MailingListError: Error, LocalizedError {
    case noClinic(path: String)

    public var errorDescription: String? {
        switch self {
        case let .noClinic(path):
            return "\(path): no clinic details: the email names the clinic and gives its phone; pass --clinic clinic.json (the file batch used), name it in the settings file (clinic:), or add columns \"Clinic Name\" and \"Clinic Phone\""
        }
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
