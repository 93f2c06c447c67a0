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

/// The render options from the settings file, as `handout render` and `handout batch` make
/// them: the same content catalog, clinic, paper, print size, document date and PDF kind.
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

    /// `password`: the form's, for a protected PDF. `runDate`: the form's printed day, as
    /// `handout render --date` gives it (nil: SOURCE_DATE_EPOCH's, else none).
    func options(_ choices: HandoutChoices, password: String?, runDate: CalendarDate?) throws -> RenderOptions {
        let comparison = try comparison(topic: choices.topic, language: choices.language)
        let kind: PDFKind
        switch choices.kind {
        case .standard: kind = .standard
        case .archive: kind = .archive(try OutputIntent.sRGB())
        case .password: kind = .encrypted(password: password ?? "")
        }
        let printedOn = try DocumentDate.printed(runDate: runDate)
        return RenderOptions(comparison: comparison, strings: try ContentLoader.strings(language: comparison.language),
                             defaultClinic: configuration.clinic, paper: choices.paper, largePrint: choices.largePrint,
                             date: try DocumentDate.resolve(content: comparison, printedOn: printedOn), printedOn: printedOn, kind: kind)
    }

    /// A batch's options per topic and language, as `handout batch --date runDate` with the
    /// settings file only (its password file encrypts every PDF).
    func batchLanguages(runDate: CalendarDate?) throws -> LanguageOptions {
        var base = defaults
        base.language = configuration.fallbackLanguage ?? "en"
        let password = try configuration.passwordFile.map { try PasswordFile.read($0) }
        func load(_ choice: ContentChoice) throws -> RenderOptions {
            var choices = base
            choices.topic = choice.topic
            choices.language = choice.language
            choices.kind = password == nil ? .standard : .password
            return try options(choices, password: password, runDate: runDate)
        }
        let baseChoice = ContentChoice(topic: base.topic, language: base.language)
        return LanguageOptions(base: try load(baseChoice), baseChoice: baseChoice,
                               rules: .init(catalog: catalog, fixedContent: configuration.content != nil, fixedLanguage: false),
                               load: load)
    }
}
