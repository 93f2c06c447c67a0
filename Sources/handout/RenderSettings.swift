import ArgumentParser
import Foundation
import HandoutBatch
import HandoutCore
import HandoutLayout
import HandoutRender

/// Any case: `--paper A4` is `a4`.
extension Paper: ExpressibleByArgument {
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
    @Option(help: ArgumentHelp("A comparison content file (YAML) for every handout, instead of the topics.", valueName: "file.yaml"))
    var content: String?

    @Option(help: ArgumentHelp("A clinic's content folder: more topics, files named <topic>.<lang>.yaml (see `handout topics`).", valueName: "dir"))
    var contentDir: String?

    @Option(help: "The comparison for patients whose record names no topic (default: \(ContentLoader.defaultContentID)).",
            transform: { $0.lowercased() })
    var topic: String?

    @Option(help: "Language of the handout text, like en, es, ES, Spanish or es-MX (default: the patient's, else en).",
            transform: { LanguageCode.code(for: $0) ?? $0.lowercased() })
    var lang: String?

    @Option(help: "Paper size.")
    var paper: Paper = .letter

    @Flag(help: "Large print: 18 pt body text, 22/20 pt headings.")
    var largePrint = false

    @Option(help: ArgumentHelp("Clinic details (JSON) for patients whose record has none.", valueName: "clinic.json"))
    var clinic: String?

    @Option(help: ArgumentHelp("Encrypt each PDF (AES-256) with the password in this file.", valueName: "file"))
    var passwordFile: String?

    func validate() throws {
        if content != nil, topic != nil || contentDir != nil {
            throw ValidationError("--content makes every handout from one file: it cannot be used with --topic or --content-dir")
        }
        if let topic, !ContentCatalog.isTopicID(topic) {
            throw ValidationError("--topic: a topic id is letters, digits and -, like \(ContentLoader.defaultContentID)")
        }
    }

    /// The same settings as command-line arguments, for the renderer processes of a batch.
    var arguments: [String] {
        var arguments = ["--paper", paper.rawValue]
        if let content { arguments += ["--content", content] }
        if let contentDir { arguments += ["--content-dir", contentDir] }
        if let topic { arguments += ["--topic", topic] }
        if let lang { arguments += ["--lang", lang] }
        if largePrint { arguments.append("--large-print") }
        if let clinic { arguments += ["--clinic", clinic] }
        if let passwordFile { arguments += ["--password-file", passwordFile] }
        return arguments
    }

    /// Loads what is shared by every handout of one content choice; a failure for the run's own
    /// choice stops the run (exit 2).
    func renderOptions(_ choice: ContentChoice, from catalog: ContentCatalog) throws -> RenderOptions {
        let comparison = try content.map { try ContentLoader.comparison(at: $0) } ?? catalog.comparison(topic: choice.topic, language: choice.language)
        let strings = try ContentLoader.strings(language: comparison.language)
        return RenderOptions(
            comparison: comparison, strings: strings, defaultClinic: try clinic.map { try ClinicJSON.load(path: $0) },
            paper: paper, largePrint: largePrint, date: try DocumentDate.resolve(content: comparison),
            password: try passwordFile.map(PasswordFile.read))
    }

    /// The options per topic and handout language, the run's own loaded now (and every file of
    /// `--content-dir` checked).
    func languageOptions() throws -> LanguageOptions {
        let catalog = try ContentCatalog(clinicDirectory: contentDir)
        let base = ContentChoice(topic: topic ?? ContentLoader.defaultContentID, language: lang ?? "en")
        let rules = LanguageOptions.Rules(catalog: catalog, fixedContent: content != nil, fixedLanguage: lang != nil)
        return LanguageOptions(base: try renderOptions(base, from: catalog), baseChoice: base, rules: rules,
                               load: { try renderOptions($0, from: catalog) })
    }
}

/// The date a handout carries: SOURCE_DATE_EPOCH when set (reproducible builds), else the
/// content's review date. Never the clock, so the same input gives the same bytes.
enum DocumentDate {
    static func resolve(content: Comparison) throws -> CalendarDate {
        if let epoch = try SourceDateEpoch.date() { return CalendarDate(epoch) }
        guard let reviewed = CalendarDate(iso: content.reviewed) else {
            throw InputError.invalidField(source: "content", field: "reviewed", problem: "is not a date in the form YYYY-MM-DD")
        }
        return reviewed
    }
}

/// Today, for checks such as "birth date in the future"; never printed.
var today: CalendarDate { CalendarDate(Date()) }
