import Foundation
import HandoutCore
import HandoutLayout
import HandoutRender
import HandoutSupport

/// What the command line (or the web form) says about a run, each nil where it says nothing:
/// the settings file fills those in when the ``RunRequest`` is made.
public struct RunFlags: Sendable {
    public var content: String?
    public var contentDirectory: String?
    public var topic: String?
    public var language: String?
    public var fallbackLanguage: String?
    public var paper: Paper?
    public var largePrint: Bool?
    /// A clinic file (JSON) for records without clinic details.
    public var clinicFile: String?
    public var passwordFile: String?
    public var archive = false
    /// Leaves the settings file's password file aside (the form chooses per handout).
    public var ignoresPasswordFile = false
    public var runDate: CalendarDate?
    public var previewDPI: Int?
    public var unreviewedTranslations: UnreviewedTranslations?

    public init() {}

    /// Why these flags cannot go together, in the command line's words; nil when they can.
    public var problem: String? {
        if archive, passwordFile != nil {
            return "--archive and --password-file cannot go together: an archive PDF (PDF/A) may not be encrypted"
        }
        if content != nil, topic != nil || contentDirectory != nil {
            return "--content makes every handout from one file: it cannot be used with --topic or --content-dir"
        }
        if let topic, !ContentCatalog.isTopicID(topic) {
            return "--topic: a topic id is letters, digits and -, like \(ContentLoader.defaultContentID)"
        }
        return nil
    }
}

/// Flags that cannot go together.
public struct RunFlagsError: Error, LocalizedError {
    public let problem: String
    public var errorDescription: String? { problem }
}

extension RunRequest {
    /// The one way a run is described: `flags` over the settings file, the printed day from the
    /// flags or SOURCE_DATE_EPOCH in `environment`, the clinic file read.
    public init(flags: RunFlags, configuration: Configuration,
                environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        if let problem = flags.problem { throw RunFlagsError(problem: problem) }
        // One content file or the topics: a flag choosing one leaves the file's other choice aside.
        let flagChoosesTopics = flags.topic != nil || flags.contentDirectory != nil
        let content = flags.content ?? (flagChoosesTopics ? nil : configuration.content)
        // The settings file's password is for the handouts patients get; an archive copy for the
        // chart is never encrypted (PDF/A), so --archive leaves it aside.
        let passwordFile = flags.passwordFile ?? (flags.archive || flags.ignoresPasswordFile ? nil : configuration.passwordFile)
        self.init(
            content: content,
            contentDirectory: flags.contentDirectory ?? (flags.content != nil ? nil : configuration.contentDirectory),
            topic: flags.topic ?? (flags.content != nil ? nil : configuration.topic) ?? ContentLoader.defaultContentID,
            language: flags.language,
            fallbackLanguage: flags.fallbackLanguage ?? configuration.fallbackLanguage ?? "en",
            paper: flags.paper ?? configuration.paper ?? .letter,
            largePrint: flags.largePrint ?? configuration.largePrint ?? false,
            pdf: flags.archive ? .archive : passwordFile.map { .encrypted(passwordFile: $0) } ?? .standard,
            printedOn: try flags.runDate ?? SourceDateEpoch.date(in: environment).map(CalendarDate.init),
            clinic: try flags.clinicFile.map { try ClinicJSON.load(path: $0) } ?? configuration.clinic,
            previewDPI: flags.previewDPI,
            unreviewedTranslations: flags.unreviewedTranslations ?? configuration.unreviewedTranslations ?? .englishWithNotice)
    }

    /// The password file the run encrypts with, if any.
    public var passwordFile: String? {
        if case let .encrypted(passwordFile) = pdf { return passwordFile }
        return nil
    }
}
