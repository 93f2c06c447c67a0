import Foundation
import HandoutCore
import HandoutLayout
import HandoutTestSupport
import Testing

/// A right-to-left handout (the Arabic and Hebrew fixtures of a clinic's content folder) laid out
/// mirrored: on the display list, each line flush with the right edge of its box, labels right
/// of what they label, the first column of a table or of two lists rightmost, the running header
/// and footer on swapped sides; reading order as written.
@Suite struct RightToLeftTests {
    static let folder = CLI.repository.appendingPathComponent("Tests/Fixtures/right-to-left").path

    static func document(_ language: String, notes: String? = nil) throws -> Document {
        let catalog = try ContentCatalog(clinicDirectory: folder)
        let strings = try catalog.strings(language: language)
        #expect(strings.direction == .rightToLeft)
        let composer = Composer(comparison: try catalog.comparison(topic: "spinal-fusion", language: language), strings: strings,
                                defaultClinic: nil, date: CalendarDate(year: 2026, month: 1, day: 16)!)
        var patient = Fixtures.patient(notes: notes, factors: ["younger-age"])
        patient.givenName = "ليلى"
        patient.familyName = "حداد"
        return try composer.compose(patient, source: "test")
    }

    static func layout(_ language: String, typography: Typography = .standard) throws -> (LayoutEngine, [Page]) {
        let engine = LayoutEngine(paper: .letter, typography: typography, direction: .rightToLeft)
        return (engine, try engine.layout(try document(language)))
    }

    /// Runs whose innermost role is `role`, on every page.
    static func runs(_ pages: [Page], _ role: StructureRole) -> [TextRun] {
        pages.contentRuns.joined().filter { $0.roles.last == role }.map(\.run)
    }

    @Test(arguments: ["ar", "he"], [Typography.standard, .largePrint])
    func linesOfRunningTextEndAtTheRightMargin(language: String, typography: Typography) throws {
        let (engine, pages) = try Self.layout(language, typography: typography)
        let right = PageFrame(paper: engine.paper, typography: engine.typography).content.maxX
        let title = try #require(Self.runs(pages, .heading(level: 1)).first)
        #expect(abs(title.bounds.maxX - right) < 0.01)
        // Section headings outside the boxes (those in a box end at its padding).
        let sections = pages.contentRuns.joined().filter { $0.roles.last == .heading(level: 2) && !$0.roles.contains(.division) }
        #expect(sections.count >= 4)
        for heading in sections.map(\.run) {
            #expect(abs(heading.bounds.maxX - right) < 0.01, "'\(heading.text)' ends at \(heading.bounds.maxX), not \(right)")
        }
        // Every line stays between the side margins. (Not checked up and down: a bullet aligned to the
        // first baseline of a taller Arabic line has a line box reaching above it, mirrored or not.)
        let frame = PageFrame(paper: engine.paper, typography: engine.typography).content
        for run in pages.contentRuns.joined().map(\.run) {
            #expect(run.bounds.x >= frame.x - 0.01 && run.bounds.maxX <= frame.maxX + 0.01, "'\(run.text)' outside the side margins")
        }
        // And every line of a paragraph outside the boxes ends at the right margin, however long; but
        // the masthead's website, which faces the clinic's name from the other side.
        let paragraphs = pages.contentRuns.joined().filter { $0.roles.last == .paragraph && !$0.roles.contains(.division) }.map(\.run)
            .filter { !$0.text.hasSuffix("spine.example.org") }
        #expect(paragraphs.count >= 4)
        for line in paragraphs {
            #expect(abs(line.bounds.maxX - right) < 0.01, "'\(line.text)' ends at \(line.bounds.maxX), not \(right)")
        }
    }

    @Test(arguments: ["ar", "he"])
    func bulletsAndLabelsStandRightOfTheirText(language: String) throws {
        let (_, pages) = try Self.layout(language)
        let labels = Self.runs(pages, .label)
        let bodies = Self.runs(pages, .listBody)
        #expect(!labels.isEmpty && !bodies.isEmpty)
        for label in labels {
            // The body beside this label: the one sharing its baseline.
            guard let body = bodies.first(where: { abs($0.origin.y - label.origin.y) < 0.5 && $0.bounds.maxX <= label.bounds.x + 0.01 }) else {
                Issue.record("no item text left of the label at y \(label.origin.y)")
                continue
            }
            #expect(body.bounds.maxX < label.bounds.x)
        }
        // The patient box: each label ("المريض:") right of its value.
        let patientLabel = try #require(pages[0].textRuns.first { $0.text.hasSuffix(":") && $0.shaped.style.bold && $0.text.count < 30 })
        let value = try #require(pages[0].textRuns.first { abs($0.bounds.y - patientLabel.bounds.y) < 0.5 && $0.text != patientLabel.text })
        #expect(value.bounds.maxX < patientLabel.bounds.x)
    }

    @Test(arguments: ["ar", "he"])
    func theTablesFirstColumnAndTheFirstOfTwoListsAreRightmost(language: String) throws {
        let (_, pages) = try Self.layout(language)
        let header = Self.runs(pages, .tableHeader)
        #expect(header.count == 3)
        #expect(header[0].bounds.x > header[1].bounds.maxX && header[1].bounds.x > header[2].bounds.maxX)
        // Benefits (the left list in the content) sit right of drawbacks, and are read first.
        let subheadings = Self.runs(pages, .heading(level: 3))
        let benefits = try #require(subheadings.first)
        let drawbacks = try #require(subheadings.dropFirst().first { abs($0.origin.y - benefits.origin.y) < 0.5 })
        #expect(benefits.bounds.x > drawbacks.bounds.maxX)
    }

    @Test func theRunningHeaderAndTheFooterAreMirrored() throws {
        let (engine, pages) = try Self.layout("ar")
        let frame = PageFrame(paper: engine.paper, typography: engine.typography).content
        for page in pages {
            let header = try #require(page.header.compactMap { if case let .text(run) = $0 { run } else { nil } }.first)
            #expect(abs(header.bounds.maxX - frame.maxX) < 0.01)
            // Digits as the locale's dates write them: Foundation's CLDR data gives Arabic Western ones.
            #expect(header.text.contains("1961"))
            let footer = page.footer.compactMap { if case let .text(run) = $0 { run } else { nil } }
            // The page number is drawn last; it is at the left, the clinic and version at the right.
            let number = try #require(footer.last)
            #expect(abs(number.bounds.x - frame.x) < 0.01)
            #expect(footer.dropLast().allSatisfy { abs($0.bounds.maxX - frame.maxX) < 0.01 })
        }
    }

    /// The same words drawn in the same order as a left-to-right layout of that document would:
    /// mirroring moves places only, so the reading order stays the content's.
    @Test func mirroringKeepsTheDrawingOrder() throws {
        let document = try Self.document("ar")
        let mirrored = try LayoutEngine(paper: .letter, typography: .standard, direction: .rightToLeft).layout(document)
        let unmirrored = try LayoutEngine(paper: .letter, typography: .standard).layout(document)
        #expect(mirrored.map(\.text) == unmirrored.map(\.text))
        #expect(mirrored.map(\.content.count) == unmirrored.map(\.content.count))
    }
}
