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
    _ = try ContentLoader.strings(language: "en")
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

/// The handout's running text: every paragraph, list item, question and summary line.
private func runningText(_ content: Comparison) -> [String] {
    let blocks = content.sections.flatMap(\.blocks).flatMap { block -> [String] in
        switch block {
        case let .paragraph(text), let .callout(text): return [text]
        case let .bullets(items): return items
        case let .twoLists(left, right): return left.items + right.items
        case let .options(options): return options.map(\.text)
        default: return []
        }
    }
    return content.summary + blocks + content.questions + [content.disclaimer]
}

@Test func theEnglishHandoutReadsAtGradeSevenOrBelow() throws {
    let content = try ContentLoader.builtIn(language: "en")
    let pieces = runningText(content)
    #expect(pieces.count > 30)
    for piece in pieces {
        #expect(Readability.score(piece).fleschKincaidGrade <= 7, "too hard to read: \(piece)")
    }
    #expect(Readability.score(items: pieces).fleschKincaidGrade <= 6)
    #expect(Readability.score(items: pieces).longestSentenceWords <= 20)
}
