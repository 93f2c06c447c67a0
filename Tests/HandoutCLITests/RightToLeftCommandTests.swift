import Foundation
import HandoutTestSupport
import Testing

/// `handout render` of a right-to-left handout (the Arabic and Hebrew fixtures, a clinic's content
/// folder with its own locale files), read back by poppler's word boxes (`pdftotext -bbox`).
@Suite struct RightToLeftCommandTests {
    static let folder = CLI.repository.appendingPathComponent("Tests/Fixtures/right-to-left").path
    let scratch = Scratch()

    /// A word as poppler places it on the page (points, y down).
    struct Word {
        let text: String
        let xMin: Double, yMin: Double, xMax: Double, yMax: Double
    }

    func render(_ language: String, _ options: [String] = []) throws -> String {
        let pdf = scratch.path + "/\(language).pdf"
        let result = try CLI.handout(["render", "--patient", Self.folder + "/patient.json", "--content-dir", Self.folder,
                                      "--lang", language, "--output", pdf] + options)
        #expect(result.status == 0, "\(result.stderr)")
        return pdf
    }

    /// Each page's words: poppler writes one `<word xMin="…" yMin="…" xMax="…" yMax="…">text</word>` a line.
    func words(_ pdf: String) throws -> [[Word]] {
        var pages: [[Word]] = []
        for line in try CLI.run("pdftotext", ["-bbox", pdf, "-"]).stdout.split(separator: "\n") {
            let line = line.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("<page ") { pages.append([]) }
            guard line.hasPrefix("<word "), !pages.isEmpty else { continue }
            let parts = line.components(separatedBy: "\"")
            try #require(parts.count == 9, "\(line)")
            let numbers = [1, 3, 5, 7].compactMap { Double(parts[$0]) }
            try #require(numbers.count == 4, "\(line)")
            let text = String(parts[8].dropFirst(">".count).dropLast("</word>".count))
            pages[pages.count - 1].append(Word(text: text, xMin: numbers[0], yMin: numbers[1], xMax: numbers[2], yMax: numbers[3]))
        }
        return pages
    }

    /// The words of a page grouped into lines (same baseline band), top to bottom.
    func lines(_ words: [Word]) -> [[Word]] {
        var lines: [[Word]] = []
        for word in words.sorted(by: { $0.yMax < $1.yMax }) {
            if let last = lines.last?.first, abs(last.yMax - word.yMax) < 2 {
                lines[lines.count - 1].append(word)
            } else {
                lines.append([word])
            }
        }
        return lines
    }

    /// Letter with side margins of 0.75 in: text runs between x 54 and 558.
    static let left = 54.0, right = 558.0

    @Test(arguments: ["ar", "he"])
    func theRunningHeaderAndTheTitleEndAtTheRightMarginAndOnlyThePageNumberAndTheWebsiteTouchTheLeft(language: String) throws {
        let pages = try words(try render(language))
        #expect(pages.count >= 2)
        for (index, page) in pages.enumerated() {
            let lines = lines(page)
            let atRight = lines.filter { abs(($0.map(\.xMax).max() ?? 0) - Self.right) < 1 }
            let atLeft = lines.filter { abs(($0.map(\.xMin).min() ?? 0) - Self.left) < 1 }
            #expect(abs((lines.first?.map(\.xMax).max() ?? 0) - Self.right) < 1, "page \(index + 1): the running header is not at the right")
            #expect(atRight.count > 2 * atLeft.count, "page \(index + 1): \(atRight.count) lines at the right margin, \(atLeft.count) at the left")
            // At the left margin: the page number (on the footer's first line) and, on page 1, the masthead's website.
            let footer = atLeft.filter { $0.first!.yMin > 700 }
            let masthead = atLeft.filter { $0.contains { $0.text.hasPrefix("riverside-spine.example.org") } }
            #expect(footer.count == 1 && masthead.count == (index == 0 ? 1 : 0) && atLeft.count == footer.count + masthead.count,
                    "page \(index + 1): \(atLeft.map { $0.map(\.text).joined(separator: " ") })")
        }
        // The title, the first line below the masthead, ends at the right margin too.
        let title = try #require(lines(pages[0]).dropFirst(2).first)
        #expect(abs((title.map(\.xMax).max() ?? 0) - Self.right) < 1)
    }

    /// The English example, for contrast: the same measures say left to right there.
    @Test func theEnglishHandoutStaysLeftToRight() throws {
        let pdf = scratch.path + "/en.pdf"
        #expect(try CLI.handout(["render", "--patient", CLI.examples + "/patient.json", "--output", pdf]).status == 0)
        let lines = lines(try words(pdf)[0])
        #expect(abs((lines.first?.map(\.xMin).min() ?? 0) - Self.left) < 1)
        let atRight = lines.filter { abs(($0.map(\.xMax).max() ?? 0) - Self.right) < 1 }
        let atLeft = lines.filter { abs(($0.map(\.xMin).min() ?? 0) - Self.left) < 1 }
        #expect(atLeft.count > 2 * atRight.count)
    }

    /// Each bullet has its item's text just left of it and nothing just right of it.
    @Test(arguments: ["ar", "he"])
    func bulletsStandRightOfTheirItems(language: String) throws {
        let pages = try words(try render(language))
        let bullets = pages.joined().filter { $0.text == "•" }
        #expect(bullets.count >= 8)
        for page in pages {
            for bullet in page where bullet.text == "•" {
                let line = page.filter { abs($0.yMax - bullet.yMax) < 2 && $0.text != "•" }
                #expect(line.contains { $0.xMax < bullet.xMin && $0.xMax > bullet.xMin - 20 }, "no text just left of a bullet at x \(bullet.xMin)")
                #expect(!line.contains { $0.xMin > bullet.xMax && $0.xMin < bullet.xMax + 10 }, "text just right of a bullet at x \(bullet.xMin)")
            }
        }
    }

    /// A clinic's locale file is checked when the run starts, whatever language the handout is in:
    /// a missing key or an unknown direction stops the run (exit 2), naming the file.
    @Test(arguments: [("missing-key", "key 'visitLabel' is missing"), ("sideways", "key 'direction' is 'sideways'; write \"ltr\" or \"rtl\"")])
    func aBadLocaleFileInTheContentFolderStopsTheRun(name: String, problem: String) throws {
        let folder = scratch.path + "/content-\(name)"
        try FileManager.default.createDirectory(atPath: folder + "/locales", withIntermediateDirectories: true)
        let locale = try String(contentsOfFile: Self.folder + "/locales/he.yaml", encoding: .utf8)
        let broken = name == "missing-key" ? locale.replacingOccurrences(of: "visitLabel: \"התור שלך\"\n", with: "")
            : locale.replacingOccurrences(of: "direction: \"rtl\"", with: "direction: \"sideways\"")
        #expect(broken != locale)
        try broken.write(toFile: folder + "/locales/he.yaml", atomically: true, encoding: .utf8)
        let pdf = scratch.path + "/\(name).pdf"
        let result = try CLI.handout(["render", "--patient", CLI.examples + "/patient.json", "--content-dir", folder, "--output", pdf])
        #expect(result.status == 2)
        #expect(result.stderr.contains(folder + "/locales/he.yaml") && result.stderr.contains(problem), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: pdf))
    }
}
