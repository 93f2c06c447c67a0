import Foundation
import HandoutBatch
import HandoutConfig
import HandoutCore
import HandoutLayout
import HandoutPDF
import HandoutRender
import HandoutSupport

/// What the form lets staff choose for one handout, over the settings file's defaults.
struct HandoutChoices: Sendable, Equatable {
    enum Kind: String, Sendable, CaseIterable { case standard, archive, password }

    var topic: String
    var language: String
    var paper: Paper
    var largePrint: Bool
    var kind: Kind
}

/// What the settings file offers the pages (the topics and their languages, the form's defaults)
/// and the batch's render options as `handout batch` makes them: the same content catalog,
/// clinic, paper, print size, document date and PDF kind.
struct RenderSetup: Sendable {
    let configuration: Configuration
    let catalog: ContentCatalog

    init(configuration: Configuration) throws {
        self.configuration = configuration
        catalog = try ContentCatalog(clinicDirectory: configuration.contentDirectory)
    }

    /// The topics and the languages each has content in, in the catalog's order.
    var topics: [(topic: String, languages: [String])] {
        if let content = configuration.content, let comparison = try? ContentLoader.comparison(at: content) {
            return [(comparison.id, [comparison.language])]
        }
        return catalog.topics
    }

    var defaults: HandoutChoices {
        let topic = configuration.topic ?? topics.first?.topic ?? ContentLoader.defaultContentID
        let languages = topics.first { $0.topic == topic }?.languages ?? []
        let language = configuration.fallbackLanguage.flatMap { languages.contains($0) ? $0 : nil } ?? languages.first ?? "en"
        return HandoutChoices(topic: topic, language: language, paper: configuration.paper ?? .letter,
                              largePrint: configuration.largePrint ?? false, kind: .standard)
    }

    func comparison(topic: String, language: String) throws -> Comparison {
        if let content = configuration.content { return try ContentLoader.comparison(at: content) }
        return try catalog.comparison(topic: topic, language: language)
    }

    /// A batch's options per topic and language, as `handout batch --date runDate` with the
    /// settings file only (its password file encrypts every PDF): for the options digest of the
    /// manifest and the language fallback; the renderer processes load their own.
    func batchLanguages(runDate: CalendarDate?) throws -> LanguageOptions {
        var base = defaults
        base.language = configuration.fallbackLanguage ?? "en"
        let kind: PDFKind = try configuration.passwordFile.map { .encrypted(password: try PasswordFile.read($0)) } ?? .standard
        let printedOn = try DocumentDate.printed(runDate: runDate)
        func load(_ choice: ContentChoice) throws -> RenderOptions {
            let comparison = try comparison(topic: choice.topic, language: choice.language)
            return RenderOptions(comparison: comparison, strings: try ContentLoader.strings(language: comparison.language),
                                 defaultClinic: configuration.clinic, paper: base.paper, largePrint: base.largePrint,
                                 date: try DocumentDate.resolve(content: comparison, printedOn: printedOn), printedOn: printedOn, kind: kind)
        }
        let baseChoice = ContentChoice(topic: base.topic, language: base.language)
        return LanguageOptions(base: try load(baseChoice), baseChoice: baseChoice,
                               rules: .init(catalog: catalog, fixedContent: configuration.content != nil, fixedLanguage: false),
                               load: load)
    }
}
