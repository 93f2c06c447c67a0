import Foundation
import Testing
@testable import HandoutCore

@Test func builtInContentHasEveryPartTheHandoutNeeds() throws {
    let content = try ContentLoader.builtIn(language: "en")
    #expect((3...4).contains(content.summary.count))
    #expect(!content.questions.isEmpty && !content.sources.isEmpty && !content.disclaimer.isEmpty)
    #expect(CalendarDate(iso: content.reviewed) != nil)
    let blocks = content.sections.flatMap(\.blocks)
    let tables = blocks.compactMap { if case let .table(table) = $0 { return table } else { return nil } }
    #expect(tables.count == 1)
    #expect(tables.first?.columns.count == 3)
    #expect(tables.first?.rows.count == 4)
    let lists = blocks.compactMap { if case let .twoLists(left, right) = $0 { return (left, right) } else { return nil } }
    #expect(lists.count == 1)
    #expect(lists.first?.0.items.count == 4 && lists.first?.1.items.count == 4)
    let options = blocks.compactMap { if case let .options(options) = $0 { return options } else { return nil } }
    #expect(options.first?.count == 3)
    #expect(Set(content.factorIDs) == ["instability", "severe-arthritis", "osteoporosis", "deformity",
                                       "younger-age", "single-level-disc-disease", "good-alignment"])
}

@Test func everyLocaleHasEveryString() throws {
    let languages = ContentLoader.localeLanguages()
    #expect(languages == ["en", "es"])
    #expect(languages == ContentLoader.builtInLanguages())
    for language in languages {
        let strings = try ContentLoader.strings(language: language)
        for key in StringKey.allCases { #expect(!strings[key].isEmpty, "\(language): \(key)") }
    }
}

@Test func aContentFileWithARaggedTableIsRefused() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("ragged-\(UUID()).yaml").path
    let yaml = """
    id: x
    language: en
    title: T
    subject: S
    keywords: []
    version: "1"
    reviewed: "2026-01-01"
    summary: []
    sections:
      - heading: H
        blocks:
          - table:
              columns: [A, B]
              rows:
                - [a]
    questions: []
    sources: []
    disclaimer: D
    """
    try yaml.write(toFile: path, atomically: true, encoding: .utf8)
    #expect(throws: InputError.self) { try ContentLoader.comparison(at: path) }
}

@Test func aContentFileWithAMissingKeyNamesIt() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("missing-\(UUID()).yaml").path
    try "id: x\nlanguage: en\n".write(toFile: path, atomically: true, encoding: .utf8)
    do {
        _ = try ContentLoader.comparison(at: path)
        Issue.record("expected an error")
    } catch {
        #expect(error.errorDescription?.contains("title") == true)
    }
}

@Test func theEnglishHandoutReadsAtGradeSevenOrBelow() throws {
    let content = try ContentLoader.builtIn(language: "en")
    let check = PlainLanguageCheck()
    #expect(check.pieces(of: content).count > 30)
    #expect(check.findings(in: content).isEmpty, "\(check.findings(in: content))")
    #expect(check.overallGrade(of: content) <= 6)
}

@Test func theSpanishHandoutHasNoOverlongSentence() throws {
    #expect(PlainLanguageCheck().findings(in: try ContentLoader.builtIn(language: "es")).isEmpty)
}

@Test func hardTextIsFoundAndPlaced() throws {
    var content = try ContentLoader.builtIn(language: "en")
    content.summary[1] = "Arthrodesis necessitates comprehensive preoperative radiological evaluation, considering multifactorial comorbidities."
    let findings = PlainLanguageCheck().findings(in: content)
    #expect(findings.count == 1)
    #expect(findings.first?.place == "summary 2")
}

@Test func aTopicIdIsLowercaseLettersDigitsAndInnerHyphens() {
    for good in ["spinal-fusion", "knee2", "a"] { #expect(ContentCatalog.isTopicID(good), "\(good)") }
    for bad in ["", "-knee", "knee-", "../etc", "Knee", "knee.en", "knee/en", "kn ee", "kné"] {
        #expect(!ContentCatalog.isTopicID(bad), "\(bad)")
    }
}

@Test func theBuiltInCatalogHoldsTheShippedTopicInEveryLanguage() throws {
    let topics = try ContentCatalog().topics
    #expect(topics.map(\.topic) == [ContentLoader.defaultContentID])
    #expect(topics.first?.languages == ContentLoader.builtInLanguages())
}

/// Sources people can follow: every built-in source names its publisher and gives a full web
/// address that becomes a link.
@Test(arguments: ["en", "es"])
func everySourceHasAPublisherAndAWorkingAddress(language: String) throws {
    let content = try ContentLoader.builtIn(language: language)
    let composer = Composer(comparison: content, strings: try ContentLoader.strings(language: language),
                            defaultClinic: nil, date: CalendarDate(year: 2026, month: 1, day: 16)!)
    for source in content.sources {
        let spans = composer.sourceText(source)
        #expect(spans.contains { $0.link?.uri.hasPrefix("https://") == true }, "no address: \(source)")
        #expect(spans.first.map { $0.link == nil && $0.text.count > 10 } == true, "no publisher before the address: \(source)")
    }
}
