import ArgumentParser
import Foundation
import HandoutBatch
import HandoutConfig
import HandoutCore
import HandoutLayout
import HandoutPDF
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

    /// For the renderer processes of `handout serve`'s form, where each handout's own choice says
    /// whether it has a password (one typed on the form): the settings file's is left aside.
    @Flag(name: .customLong("no-password-file"), help: .hidden)
    var ignoresPasswordFile = false

    @Option(name: .customLong("date"),
            help: ArgumentHelp("The day the handouts are printed, for their footer and metadata, such as the export's date (default: SOURCE_DATE_EPOCH's day; without either, no printed date).",
                               valueName: "YYYY-MM-DD"),
            transform: { text in
                guard let day = CalendarDate(iso: text) else { throw ValidationError("--date: not a date in the form YYYY-MM-DD") }
                return day
            })
    var runDate: CalendarDate?

    func validate() throws {
        if archive, passwordFile != nil {
            throw ValidationError("--archive and --password-file cannot go together: an archive PDF (PDF/A) may not be encrypted")
        }
        if content != nil, topic != nil || contentDir != nil {
            throw ValidationError("--content makes every handout from one file: it cannot be used with --topic or --content-dir")
        }
        if let topic, !ContentCatalog.isTopicID(topic) {
            throw ValidationError("--topic: a topic id is letters, digits and -, like \(ContentLoader.defaultContentID)")
        }
    }

    /// The same settings as command-line arguments, for the renderer processes of a batch.
    var arguments: [String] {
        var arguments: [String] = []
        if let paper { arguments += ["--paper", paper.rawValue] }
        if let content { arguments += ["--content", content] }
        if let contentDir { arguments += ["--content-dir", contentDir] }
        if let topic { arguments += ["--topic", topic] }
        if let lang { arguments += ["--lang", lang] }
        if let fallbackLanguage { arguments += ["--fallback-language", fallbackLanguage] }
        if let largePrint { arguments.append(largePrint ? "--large-print" : "--no-large-print") }
        if let clinic { arguments += ["--clinic", clinic] }
        if let passwordFile { arguments += ["--password-file", passwordFile] }
        if archive { arguments.append("--archive") }
        if let runDate { arguments += ["--date", runDate.description] }
        if let path = configFile.path { arguments += ["--config", path] }
        return arguments
    }

    /// Where the run's one password comes from, nil without one.
    func passwordSource(_ configuration: Configuration) -> String? {
        if passwordFile != nil { return "--password-file" }
        return completed(by: configuration).passwordFile != nil ? "the settings file's password-file" : nil
    }

    /// These settings with the settings file's where no flag was given.
    func completed(by configuration: Configuration) -> RenderSettings {
        var settings = self
        // One content file or the topics: a flag choosing one leaves the file's other choice aside.
        let flagChoosesTopics = topic != nil || contentDir != nil
        settings.content = content ?? (flagChoosesTopics ? nil : configuration.content)
        settings.contentDir = contentDir ?? (content != nil ? nil : configuration.contentDirectory)
        settings.topic = topic ?? (content != nil ? nil : configuration.topic)
        settings.fallbackLanguage = fallbackLanguage ?? configuration.fallbackLanguage
        settings.paper = paper ?? configuration.paper
        settings.largePrint = largePrint ?? configuration.largePrint
        // The settings file's password is for the handouts patients get; an archive copy for the
        // chart is never encrypted (PDF/A), so --archive leaves it aside.
        settings.passwordFile = passwordFile ?? (archive || ignoresPasswordFile ? nil : configuration.passwordFile)
        return settings
    }

    /// Loads what is shared by every handout of one content choice; a failure for the run's own
    /// choice stops the run (exit 2).
    private func renderOptions(_ choice: ContentChoice, from catalog: ContentCatalog, defaultClinic: Clinic?, previewDPI: Int?) throws -> RenderOptions {
        let comparison = try content.map { try ContentLoader.comparison(at: $0) } ?? catalog.comparison(topic: choice.topic, language: choice.language)
        let strings = try ContentLoader.strings(language: comparison.language)
        let printedOn = try DocumentDate.printed(runDate: runDate)
        return RenderOptions(
            comparison: comparison, strings: strings, defaultClinic: defaultClinic,
            paper: paper ?? .letter, largePrint: largePrint ?? false,
            date: try DocumentDate.resolve(content: comparison, printedOn: printedOn), printedOn: printedOn,
            kind: try pdfKind(), previewDPI: previewDPI)
    }

    /// An archive's colour profile is read here, once per process, so a missing one stops the run.
    private func pdfKind() throws -> PDFKind {
        if archive { return .archive(try OutputIntent.sRGB()) }
        return try passwordFile.map { .encrypted(password: try PasswordFile.read($0)) } ?? .standard
    }

    /// The options per topic and handout language, the run's own loaded now (and every file of
    /// `--content-dir` checked); the settings file fills in what no flag gives (the clinic when
    /// there is no --clinic). `previewDPI`: page images with each PDF (`--png`).
    func languageOptions(_ configuration: Configuration, previewDPI: Int? = nil) throws -> LanguageOptions {
        let settings = completed(by: configuration)
        let catalog = try ContentCatalog(clinicDirectory: settings.contentDir)
        let base = ContentChoice(topic: settings.topic ?? ContentLoader.defaultContentID,
                                 language: settings.lang ?? settings.fallbackLanguage ?? "en")
        let clinic = try settings.clinic.map { try ClinicJSON.load(path: $0) } ?? configuration.clinic
        // A logo that cannot be decoded stops the run here, before any record (each renderer
        // then decodes it once for itself).
        if let logo = clinic?.logo { _ = try Picture(logo) }
        let rules = LanguageOptions.Rules(catalog: catalog, fixedContent: settings.content != nil, fixedLanguage: settings.lang != nil)
        return LanguageOptions(base: try settings.renderOptions(base, from: catalog, defaultClinic: clinic, previewDPI: previewDPI),
                               baseChoice: base, rules: rules,
                               load: { try settings.renderOptions($0, from: catalog, defaultClinic: clinic, previewDPI: previewDPI) })
    }
}

/// Today, for checks such as "birth date in the future"; never printed.
var today: CalendarDate { CalendarDate(Date()) }
