import Foundation
import HandoutCore
import HandoutLayout
import HandoutPDF

/// What a run of handouts is asked for, resolved once from the flags, the settings file and the
/// environment (HandoutConfig's `RunRequest.init(flags:configuration:environment:)`), the same
/// value for `handout render`, `handout batch` and `handout serve`. Renderer processes receive it
/// as their hello frame (``helloFrame()``), so no setting travels as command-line arguments.
public struct RunRequest: Codable, Sendable, Hashable {
    /// Each PDF plain, an archive for the chart (PDF/A-2a, never encrypted), or encrypted with
    /// the password in a file.
    public enum PDF: Codable, Sendable, Hashable {
        case standard, archive
        case encrypted(passwordFile: String)
    }

    /// One content file for every handout, instead of the topics.
    public var content: String?
    /// A clinic's content folder (more topics).
    public var contentDirectory: String?
    /// The topic of a record that names none.
    public var topic: String
    /// The handout language of every record (`--lang`); nil: the patient's.
    public var language: String?
    /// The language of a patient whose language has no content.
    public var fallbackLanguage: String
    public var paper: Paper
    public var largePrint: Bool
    public var pdf: PDF
    /// The day printed in the footer: the run's `--date`, else SOURCE_DATE_EPOCH's; nil: none.
    public var printedOn: CalendarDate?
    /// The clinic of a record that has none.
    public var clinic: Clinic?
    /// Page images at this resolution with each PDF (`--png`).
    public var previewDPI: Int?
    /// Whether a patient gets a translation no person has reviewed, or English with a notice.
    public var unreviewedTranslations: UnreviewedTranslations

    public init(content: String? = nil, contentDirectory: String? = nil, topic: String = ContentLoader.defaultContentID,
                language: String? = nil, fallbackLanguage: String = "en", paper: Paper = .letter, largePrint: Bool = false,
                pdf: PDF = .standard, printedOn: CalendarDate? = nil, clinic: Clinic? = nil, previewDPI: Int? = nil,
                unreviewedTranslations: UnreviewedTranslations = .englishWithNotice) {
        self.content = content
        self.contentDirectory = contentDirectory
        self.topic = topic
        self.language = language
        self.fallbackLanguage = fallbackLanguage
        self.paper = paper
        self.largePrint = largePrint
        self.pdf = pdf
        self.printedOn = printedOn
        self.clinic = clinic
        self.previewDPI = previewDPI
        self.unreviewedTranslations = unreviewedTranslations
    }

    /// The options per topic and handout language, the run's own loaded now (and every file of
    /// the content folder checked, the clinic's logo decoded, the archive's colour profile and
    /// the password file read), so a run that cannot work stops before any record.
    public func languageOptions() throws -> LanguageOptions {
        let catalog = try ContentCatalog(clinicDirectory: contentDirectory)
        if let logo = clinic?.logo { _ = try Picture(logo) }
        let kind = try pdfKind()
        let base = ContentChoice(topic: topic, language: language ?? fallbackLanguage)
        let load = { (choice: ContentChoice) throws -> RenderOptions in try options(choice, catalog: catalog, kind: kind) }
        return LanguageOptions(base: try load(base), baseChoice: base,
                               rules: .init(catalog: catalog, fixedContent: content != nil, fixedLanguage: language != nil,
                                          translations: try TranslationPolicy(catalog: catalog, unreviewedTranslations: unreviewedTranslations,
                                                                              runLanguage: base.language)),
                               load: load)
    }

    private func options(_ choice: ContentChoice, catalog: ContentCatalog, kind: PDFKind) throws -> RenderOptions {
        let comparison = try content.map { try ContentLoader.comparison(at: $0) } ?? catalog.comparison(topic: choice.topic, language: choice.language)
        return RenderOptions(comparison: comparison, strings: try catalog.strings(language: comparison.language), defaultClinic: clinic,
                             paper: paper, largePrint: largePrint, date: try DocumentDate.resolve(content: comparison, printedOn: printedOn),
                             printedOn: printedOn, kind: kind, previewDPI: previewDPI)
    }

    /// An archive's colour profile is read here, once per process, so a missing one stops the run.
    private func pdfKind() throws -> PDFKind {
        switch pdf {
        case .standard: return .standard
        case .archive: return .archive(try OutputIntent.sRGB())
        case let .encrypted(passwordFile): return .encrypted(password: try PasswordFile.read(passwordFile))
        }
    }

    /// The hello frame of a renderer process: this request, with the frame's version.
    public func helloFrame() throws -> Data {
        try JSONEncoder().encode(Hello(version: Hello.current, run: self))
    }

    /// The request a hello frame carries; a frame of another version is refused (a renderer of
    /// another build).
    public init(helloFrame: Data) throws {
        let hello = try JSONDecoder().decode(Hello.self, from: helloFrame)
        guard hello.version == Hello.current else { throw HelloError.otherVersion(hello.version) }
        self = hello.run
    }

    private struct Hello: Codable {
        static let current = 1
        var version: Int
        var run: RunRequest
    }

    enum HelloError: Error, LocalizedError {
        case otherVersion(Int)

        var errorDescription: String? {
            switch self {
            case let .otherVersion(version):
                "the renderer process was sent a run description of version \(version); it reads version \(Hello.current) (another build of handout?)"
            }
        }
    }
}
