import ArgumentParser
import Foundation
import HandoutBatch
import HandoutConfig
import HandoutCore
import HandoutLayout
import HandoutRender

/// Any case: `--paper A4` is `a4`.
extension Paper: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(rawValue: argument.lowercased())
    }
}

extension UnreviewedTranslations: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(rawValue: argument.lowercased())
    }
}

extension NameFormat: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(rawValue: argument.lowercased())
    }
}

/// The options every command that makes handouts shares.
struct RenderSettings: ParsableArguments {
    @OptionGroup var configFile: ConfigOption

    @Option(help: ArgumentHelp("A comparison content file (YAML) for every handout, instead of the topics.", valueName: "file.yaml"))
    var content: String?

    @Option(help: ArgumentHelp("A clinic's content folder: more topics, files named <topic>.<lang>.yaml (see `handout topics`).", valueName: "dir"))
    var contentDir: String?

    @Option(help: "The comparison for patients whose record names no topic (default: \(ContentLoader.defaultContentID)).",
            transform: { $0.lowercased() })
    var topic: String?

    @Option(help: "Language of the handout text, like en, es, ES, Spanish or es-MX (default: the patient's, else the fallback language).",
            transform: { LanguageCode.code(for: $0) ?? $0.lowercased() })
    var lang: String?

    @Option(help: "Language for patients whose language has no handout content (default: en).",
            transform: { LanguageCode.code(for: $0) ?? $0.lowercased() })
    var fallbackLanguage: String?

    @Option(help: ArgumentHelp("What a patient gets when their language's translation is not reviewed by a person: use (the translation) or english-with-notice (the English handout with a notice in their language; default).",
                               valueName: "use|english-with-notice"))
    var unreviewedTranslations: UnreviewedTranslations?

    @Option(help: "Paper size (default: letter).")
    var paper: Paper?

    @Flag(inversion: .prefixedNo, help: "Large print: 18 pt body text, 22/20 pt headings (default: no).")
    var largePrint: Bool?

    @Option(help: ArgumentHelp("Clinic details (JSON) for patients whose record has none.", valueName: "clinic.json"))
    var clinic: String?

    @Option(help: ArgumentHelp("Encrypt each PDF (AES-256) with the password in this file.", valueName: "file"))
    var passwordFile: String?

    @Flag(help: "Make each PDF an archive PDF for the patient's chart: PDF/A-2a as well as PDF/UA-1 (never encrypted).")
    var archive = false

    @Option(name: .customLong("date"),
            help: ArgumentHelp("The day the handouts are printed, for their footer and metadata, such as the export's date (default: SOURCE_DATE_EPOCH's day; without either, no printed date).",
                               valueName: "YYYY-MM-DD"),
            transform: { text in
                guard let day = CalendarDate(iso: text) else { throw ValidationError("--date: not a date in the form YYYY-MM-DD") }
                return day
            })
    var runDate: CalendarDate?

    /// What these options say of the run, each nil where no flag was given.
    var flags: RunFlags {
        var flags = RunFlags()
        flags.content = content
        flags.contentDirectory = contentDir
        flags.topic = topic
        flags.language = lang
        flags.fallbackLanguage = fallbackLanguage
        flags.paper = paper
        flags.largePrint = largePrint
        flags.clinicFile = clinic
        flags.passwordFile = passwordFile
        flags.archive = archive
        flags.runDate = runDate
        flags.unreviewedTranslations = unreviewedTranslations
        return flags
    }

    func validate() throws {
        if let problem = flags.problem { throw ValidationError(problem) }
    }

    /// The run these options and the settings file describe. `previewDPI`: page images with each PDF (`--png`).
    func request(_ configuration: Configuration, previewDPI: Int? = nil) throws -> RunRequest {
        var flags = flags
        flags.previewDPI = previewDPI
        return try RunRequest(flags: flags, configuration: configuration)
    }

    /// Where the run's one password comes from, nil without one.
    func passwordSource(_ request: RunRequest) -> String? {
        if passwordFile != nil { return "--password-file" }
        return request.passwordFile != nil ? "the settings file's password-file" : nil
    }
}

/// Today, for checks such as "birth date in the future"; never printed.
var today: CalendarDate { CalendarDate(Date()) }
