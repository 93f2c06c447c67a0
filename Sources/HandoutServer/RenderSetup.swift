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

    /// The run of a batch or of one form's handouts: the settings file, the day printed, and
    /// what the form chose over it (paper, print size, an archive; a typed password comes with
    /// each handout, so the form leaves the settings file's password aside).
    func request(printedOn: CalendarDate?, form choice: HandoutChoices? = nil, previewDPI: Int? = nil) throws -> RunRequest {
        var flags = RunFlags()
        flags.runDate = printedOn
        flags.previewDPI = previewDPI
        if let choice {
            flags.paper = choice.paper
            flags.largePrint = choice.largePrint
            flags.archive = choice.kind == .archive
            flags.ignoresPasswordFile = true
        }
        return try RunRequest(flags: flags, configuration: configuration)
    }
}
