import Foundation
import HandoutCore
import HandoutTestSupport
import Testing
@testable import HandoutLayout
@testable import HandoutPDF

enum Fixtures {
    static let metadata = Document.Metadata(title: "Spinal fusion (a comparison)", author: "Riverside Spine & Pain Clinic",
                                            subject: "Choices", keywords: ["spine", "fusion"], language: "es",
                                            date: CalendarDate(year: 2026, month: 1, day: 16)!)

    /// Two pages by hand: a title, a rule, a one-row table, and a paragraph that runs from the
    /// first page on to the second, then a fill; a running header and a footer on each.
    static func twoPages(firstLine title: RichText = [Span("Title")]) -> [Page] {
        let shaper = TextShaper()
        func line(_ text: RichText, y: Double) -> DisplayItem {
            .text(TextRun(shaped: shaper.shape(text, style: Typography.standard.body, width: nil), lineIndex: 0, origin: Point(x: 72, y: y)))
        }
        func line(_ text: String, y: Double) -> DisplayItem { line([Span(text)], y: y) }
        let size = Paper.letter.size
        let first: [DisplayItem] = [
            .beginTag(.heading(level: 1)), line(title, y: 100), .endTag(.heading(level: 1)),
            .line(from: Point(x: 72, y: 120), to: Point(x: 540, y: 120), Palette.rule, lineWidth: 0.75),
            .beginTag(.table), .beginTag(.tableRow), .beginTag(.tableHeader), line("Header cell", y: 140),
            .endTag(.tableHeader), .endTag(.tableRow), .endTag(.table),
            .beginTag(.paragraph), line("A paragraph that runs on", y: 700),
        ]
        let second: [DisplayItem] = [line("to the next page.", y: 100), .endTag(.paragraph),
                                     .fill(Rect(x: 72, y: 120, width: 100, height: 20), Palette.tint)]
        return [Page(size: size, header: [line("Running header, page 1", y: 40)], footer: [line("Page 1 of 2", y: 760)], content: first),
                Page(size: size, header: [line("Running header, page 2", y: 40)], footer: [line("Page 2 of 2", y: 760)], content: second)]
    }

    /// The dictionaries of every object of the PDF at `path` (of streams, their dictionary), through qpdf's JSON.
    static func objects(in path: String) throws -> [[String: Any]] {
        let json = try CLI.run("qpdf", ["--json=2", "--json-key=qpdf", path]).stdout
        let root = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let objects = try #require((root["qpdf"] as? [Any])?.last as? [String: Any])
        return objects.values.compactMap { entry in
            let entry = entry as? [String: Any]
            return entry?["value"] as? [String: Any] ?? (entry?["stream"] as? [String: Any])?["dict"] as? [String: Any]
        }
    }

    /// The content stream of each page of the PDF at `path`, decoded, through qpdf.
    static func pageContents(_ path: String) throws -> [String] {
        let pages = try CLI.run("qpdf", ["--show-pages", path]).stdout.split(separator: "\n")
        return try pages.filter { $0.hasPrefix("    ") }.map { line in
            let object = String(try #require(line.split(separator: " ").first))
            return try CLI.run("qpdf", ["--show-object=\(object)", "--filtered-stream-data", path]).stdout
        }
    }

    /// A document long enough for several pages: a long paragraph and a long table.
    static func longDocument() -> Document {
        let sentence = "Walk every day, rest when the pain is sharp, and write down what makes it better or worse. "
        let rows = (1...60).map { ["Factor \($0)", String(repeating: "Answer \($0). ", count: 3)] }
        return Document(metadata: metadata, runningHeader: ["Maria González", "April 17, 1961"], footer: ["Clinic", "Version 1"],
                        pageNumberTemplate: "Page {page} of {pages}",
                        blocks: [.heading(level: 1, text: "Title"), .paragraph([Span(String(repeating: sentence, count: 60))]),
                                 .table(Table(caption: nil, header: ["Factor", "Answer"], rows: rows))])
    }

    /// The structure tags of a page's drawing as "+P" (begin) and "-P" (end), the Spans the
    /// drawer adds as "+Span" and "-Span", text as "text", the rest left out.
    static func tags(_ steps: [PDFDrawer.DrawStep]) -> [String] {
        steps.compactMap { step in
            switch step {
            case .beginSpan: return "+Span"
            case .endSpan: return "-Span"
            case let .item(.beginTag(role), _): return "+" + role.pdfStructureType
            case let .item(.endTag(role), _): return "-" + role.pdfStructureType
            case .item(.text, _): return "text"
            default: return nil
            }
        }
    }
}
