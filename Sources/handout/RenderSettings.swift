import ArgumentParser
import Foundation
import HandoutBatch
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
    @Option(help: ArgumentHelp("A comparison content file (YAML) instead of the built-in one.", valueName: "file.yaml"))
    var content: String?

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

    @Flag(help: "Make each PDF an archive PDF for the patient's chart: PDF/A-2a as well as PDF/UA-1 (never encrypted).")
    var archive = false

    func validate() throws {
        if archive, passwordFile != nil {
            throw ValidationError("--archive and --password-file cannot go together: an archive PDF (PDF/A) may not be encrypted")
        }
    }

    /// The same settings as command-line arguments, for the renderer processes of a batch.
    var arguments: [String] {
        var arguments = ["--paper", paper.rawValue]
        if let content { arguments += ["--content", content] }
        if let lang { arguments += ["--lang", lang] }
        if largePrint { arguments.append("--large-print") }
        if let clinic { arguments += ["--clinic", clinic] }
        if let passwordFile { arguments += ["--password-file", passwordFile] }
        if archive { arguments.append("--archive") }
        return arguments
    }

    /// Loads what is shared by every handout of the run; any failure here stops the run (exit 2).
    func renderOptions(language: String) throws -> RenderOptions {
        let comparison = try content.map { try ContentLoader.comparison(at: $0) } ?? ContentLoader.builtIn(language: language)
        let strings = try ContentLoader.strings(language: comparison.language)
        return RenderOptions(
            comparison: comparison, strings: strings, defaultClinic: try clinic.map { try ClinicJSON.load(path: $0) },
            paper: paper, largePrint: largePrint, date: try DocumentDate.resolve(content: comparison),
            kind: try pdfKind())
    }

    /// An archive's colour profile is read here, once per process, so a missing one stops the run.
    private func pdfKind() throws -> PDFKind {
        if archive { return .archive(try OutputIntent.sRGB()) }
        return try passwordFile.map { .encrypted(password: try PasswordFile.read($0)) } ?? .standard
    }

    /// The options per handout language, the default one loaded now.
    func languageOptions() throws -> LanguageOptions {
        let language = lang ?? "en"
        return LanguageOptions(base: try renderOptions(language: language), baseLanguage: language,
                               fixed: lang != nil || content != nil, load: renderOptions)
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
