import Foundation
import HandoutCore
import HandoutLayout
import HandoutTestSupport
import Testing

/// Large print by the American Council of the Blind's guidelines (issue 23): every glyph 18 pt
/// or more, headings larger and bold; boxes, checklists and columns split rather than leave a
/// page more than a quarter empty; and the example within 8 Letter pages, with a logo too.
@Suite struct LargePrintTests {
    static let today = CalendarDate(year: 2026, month: 1, day: 16)!

    /// The example patient (Examples/patient.json) in `language`, with its own clinic or `clinic`.
    static func example(language: String = "en", clinic: Clinic? = nil) throws -> Document {
        var patient = try PatientJSON.load(path: CLI.examples + "/patient.json", today: today)
        if let clinic { patient.clinic = clinic }
        let composer = Composer(comparison: try ContentLoader.builtIn(language: language), strings: try ContentLoader.strings(language: language),
                                defaultClinic: nil, date: today, printedOn: today)
        return try composer.compose(patient, source: "example")
    }

    /// The example clinic file (Examples/clinic.json), with its logo; `code`: a QR code asked for.
    static func clinicWithLogo(code: Bool = true) throws -> Clinic {
        var clinic = try ClinicJSON.load(path: CLI.examples + "/clinic.json")
        #expect(clinic.logo != nil)
        clinic.showsQRCode = code
        return clinic
    }

    @Test func everyLargePrintStyleIsEighteenPointOrMoreAndHeadingsAreLargerAndBold() {
        let type = Typography.largePrint
        for style in [type.body, type.tableText, type.tableHeader, type.furniture, type.reference] {
            #expect(style.size >= 18)
        }
        for heading in [type.title, type.section, type.subsection] {
            #expect(heading.bold && heading.size > type.body.size)
        }
    }

    /// Every line on every page, the running header, the footer, the sources, the table, the
    /// patient box's labels, the "continued" cues and the QR code's caption among them.
    @Test(arguments: ["en", "es"], [Paper.letter, .a4])
    func everyGlyphOfTheExampleIsEighteenPointOrMore(language: String, paper: Paper) throws {
        let document = try Self.example(language: language, clinic: try Self.clinicWithLogo())
        let (_, pages) = try Fixtures.layout(document, paper: paper, typography: .largePrint)
        let runs = pages.flatMap(\.textRuns)
        #expect(runs.count > 200)
        let small = runs.filter { $0.shaped.style.size < 18 }
        #expect(small.isEmpty, "\(small.map(\.text))")
        #expect(runs.contains { $0.text.contains("Scan to open our website") || $0.text.contains("Escanee") })
        #expect(runs.contains { $0.text.contains("(continued)") || $0.text.contains("(continuación)") })
    }

    /// The example within 8 Letter pages with or without a logo, and no page but the last more
    /// than a quarter empty (with a QR code too, which may take a ninth page).
    @Test(arguments: [(false, false, 8), (true, false, 8), (true, true, 9)])
    func theExampleFillsItsPagesAndFitsInEight(withLogo: Bool, code: Bool, budget: Int) throws {
        let document = try Self.example(clinic: withLogo ? try Self.clinicWithLogo(code: code) : nil)
        let (engine, pages) = try Fixtures.layout(document, typography: .largePrint)
        #expect(pages.count <= budget, "\(pages.count) pages")
        let frame = engine.frame(for: document).content
        for (number, page) in pages.enumerated().dropLast() {
            let empty = (frame.maxY - page.contentBottom) / frame.height
            #expect(empty <= 0.25, "page \(number + 1) is \(Int(empty * 100))% empty")
        }
    }

    /// A box split across pages is still one element, its heading read once.
    @Test func aSplitBoxIsOneElementWithItsHeadingOnce() throws {
        let (_, pages) = try Fixtures.layout(try Self.example(), typography: .largePrint)
        let standard = try Fixtures.layout(try Self.example()).1
        func count(_ role: StructureRole, _ pages: [Page]) -> Int {
            pages.flatMap(\.content).filter { if case .beginTag(role) = $0 { true } else { false } }.count
        }
        #expect(count(.division, pages) == count(.division, standard))
        #expect(count(.heading(level: 2), pages) == count(.heading(level: 2), standard))
    }

    /// The running header and the footer plan their lines from whole parts (the name, the date
    /// of birth; the clinic, the version, the printed day): at the example's lengths none wraps,
    /// they keep to the lines the frame leaves them, and the page number overlaps nothing.
    @Test(arguments: ["en", "es"], [false, true])
    func theHeaderAndFooterNeverWrapAPart(language: String, largePrint: Bool) throws {
        let typography = largePrint ? Typography.largePrint : .standard
        let document = try Self.example(language: language)
        for paper in [Paper.letter, .a4] {
            let (engine, pages) = try Fixtures.layout(document, paper: paper, typography: typography)
            for page in pages {
                let header = page.header.compactMap { if case let .text(run) = $0 { run } else { nil } }
                let footer = page.footer.compactMap { if case let .text(run) = $0 { run } else { nil } }
                let number = try #require(footer.last)
                let lines = footer.dropLast()
                #expect(header.count == engine.frame(for: document).headerLines && lines.count <= typography.footerLines, "\(language) \(paper)")
                for part in document.runningHeader { #expect(header.contains { $0.text.contains(part) }, "\(part)") }
                for part in document.footer { #expect(lines.contains { $0.text.contains(part) }, "\(part)") }
                #expect(lines.allSatisfy { $0.bounds.maxY <= number.bounds.y || $0.bounds.maxX < number.bounds.x })
                #expect((header + footer).allSatisfy { engine.frame(for: document).printable.contains($0.bounds) }, "\((header + footer).map { ($0.text, $0.bounds.y, $0.bounds.maxY) })")
            }
        }
    }
}
