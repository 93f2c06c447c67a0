import Foundation
import HandoutBatch
import HandoutCore
import HandoutLayout

/// What a clinic's settings file (`handout.yaml`) says: every setting optional, a flag given on
/// the command line always wins. Paths are absolute (a relative one is taken from the file's folder).
public struct Configuration: Sendable {
    /// The file read, nil when there is none.
    public var file: String?
    public var clinic: Clinic?
    /// The clinic's own header spellings, by field (`columns:`): tried before the EHR table, and
    /// unlike `--map` no error when a file lacks them.
    public var columns = ColumnSpellings()
    public var dateFormat: DateFormat?
    /// How the export is written, as `--separator` and `--encoding`; nil: detected.
    public var separator: Separator?
    public var encoding: InputEncoding?
    public var nameFormat: NameFormat?
    public var languages = LanguageAliases.none
    /// The language of the handout (and email) of a patient whose language has no content.
    public var fallbackLanguage: String?
    /// Whether a patient gets a translation no person has reviewed (`unreviewed-translations:`).
    public var unreviewedTranslations: UnreviewedTranslations?
    public var content: String?
    /// A clinic's content folder (more topics), as `--content-dir`.
    public var contentDirectory: String?
    /// The topic of a record that names none, as `--topic`.
    public var topic: String?
    /// Where `batch` writes and `mail` reads.
    public var outputDirectory: String?
    /// The ledger file (what was made and sent, across batch folders), as `--ledger`.
    public var ledger: String?
    public var paper: Paper?
    public var largePrint: Bool?
    /// The PDF password (AES-256 encryption of every handout).
    public var passwordFile: String?
    public var mail = MailSettings()
    /// The largest CSV the batch page of `handout serve` takes, in MB (1,000,000 bytes).
    public var uploadLimitMB: Int?
    /// How many days `handout serve` keeps a batch's folder (its PDFs and ZIP) after it was made.
    public var keepDays: Int?
    /// Where `handout serve` keeps its batches' folders (default: `handout-batches` beside the ledger).
    public var batchesDirectory: String?
    /// What `keep-days:` and `serve --keep-days` take.
    public static let keepDaysRange = 1...365
    /// The names a reverse proxy passes `handout serve` requests under (its `Host`), besides its
    /// own address.
    public var allowedHosts: [String] = []

    public init() {}

    /// The ledger a run uses: `flag`, else the `ledger:` setting, else `handout-ledger.sqlite` in
    /// the settings file's folder, else in the working folder.
    public func ledgerPath(flag: String?, defaultName: String) -> String {
        if let path = flag ?? ledger { return path }
        guard let file else { return defaultName }
        return URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent(defaultName).path
    }

    /// The `--map` flags (each header must be there) with the file's spellings behind them.
    public func columns(overriddenBy flags: [ColumnOverride]) throws(BatchError) -> ColumnOverrides {
        var overrides = try ColumnOverride.table(flags)
        overrides.spellings = columns
        return overrides
    }

    /// The file's separator and encoding with the flags over them.
    public func inputFormat(overriddenBy flags: InputFormat.Choice = .detect) -> InputFormat.Choice {
        InputFormat.Choice(separator: flags.separator ?? separator, encoding: flags.encoding ?? encoding)
    }
}

/// The `mail:` section (or the HANDOUT_SMTP_* environment variables).
public struct MailSettings: Sendable, Equatable {
    public var smtp: String?
    public var user: String?
    public var passwordFile: String?
    public var caFile: String?
    public var from: String?
    public var replyTo: String?

    public init() {}
}
