import Foundation
import HandoutTestSupport
import Testing

/// `handout render --large-print` end to end (issue 23): every glyph of the PDF measured, with
/// the text matrix and the page's transformation, by pdfplumber; the pages counted; the
/// structure read.
@Suite struct LargePrintCommandTests {
    let scratch = Scratch()
    static let python = CLI.repository.appendingPathComponent(".build-venv/validators/bin/python").path

    /// Each page's count of glyphs under 18 pt (white space aside), and the glyphs of the page.
    static let sizes = """
    import pdfplumber, sys
    with pdfplumber.open(sys.argv[1]) as pdf:
        for page in pdf.pages:
            glyphs = [c for c in page.chars if c["text"].strip()]
            print(len([c for c in glyphs if c["size"] < 17.99]), len(glyphs))
    """

    /// The example patient without a clinic of its own, and the example clinic file (its logo),
    /// asking for a QR code when `code`.
    func exampleWithLogo(code: Bool) throws -> (patient: String, clinic: String) {
        let patient = try CLI.patientFile(in: scratch.path) { $0.removeValue(forKey: "clinic") }
        if !FileManager.default.fileExists(atPath: scratch.path + "/logo.svg") {
            try FileManager.default.copyItem(atPath: CLI.examples + "/logo.svg", toPath: scratch.path + "/logo.svg")
        }
        var clinic = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: CLI.examples + "/clinic.json"))) as! [String: Any]
        clinic["qrCode"] = code
        let clinicPath = scratch.path + "/clinic-\(code).json"
        try JSONSerialization.data(withJSONObject: clinic).write(to: URL(fileURLWithPath: clinicPath))
        return (patient, clinicPath)
    }

    func render(_ name: String, _ options: [String], code: Bool = true) throws -> String {
        let (patient, clinic) = try exampleWithLogo(code: code)
        let pdf = scratch.path + "/\(name).pdf"
        let result = try CLI.handout(["render", "--patient", patient, "--clinic", clinic, "--output", pdf] + options)
        #expect(result.status == 0, "\(result.stderr)")
        return pdf
    }

    /// Per page: glyphs under 18 pt, glyphs.
    func glyphSizes(_ pdf: String) throws -> [(small: Int, all: Int)] {
        #expect(FileManager.default.isExecutableFile(atPath: Self.python), "no pdfplumber: run scripts/setup-validators.sh")
        let result = try CLI.run(Self.python, ["-c", Self.sizes, pdf])
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout.split(separator: "\n").map { line in
            let counts = line.split(separator: " ").compactMap { Int($0) }
            return (counts[0], counts[1])
        }
    }

    @Test(arguments: [("en", "letter"), ("es", "letter"), ("en", "a4"), ("ar", "letter")])
    func everyGlyphOfALargePrintHandoutIsEighteenPointOrMore(language: String, paper: String) throws {
        let pages = try glyphSizes(try render("large-\(language)-\(paper)", ["--large-print", "--lang", language, "--paper", paper]))
        #expect(pages.count >= 5)
        for (number, page) in pages.enumerated() {
            #expect(page.all > 100 && page.small == 0, "page \(number + 1): \(page.small) of \(page.all) glyphs under 18 pt")
        }
    }

    /// The measure is no rubber stamp: the standard handout's furniture and sources are smaller.
    @Test func theStandardHandoutHasGlyphsUnderEighteenPoint() throws {
        let pages = try glyphSizes(try render("standard", []))
        #expect(pages.allSatisfy { $0.small > 50 })
    }

    /// Within 8 Letter pages with the clinic's logo (9 with its QR code too); its boxes still one
    /// element each, and the QR code's caption read as text, in the handout's language.
    @Test func theExampleWithALogoFitsEightPagesWithEveryBoxOneElement() throws {
        #expect(try CLI.pdfPages(try render("logo", ["--large-print"], code: false)) ?? 99 <= 8)
        let large = try render("large", ["--large-print"])
        let standard = try render("regular", [])
        #expect(try CLI.pdfPages(large) ?? 99 <= 9)
        func divisions(_ pdf: String) throws -> Int {
            try CLI.run("pdfinfo", ["-struct", pdf]).stdout.split(separator: "\n").filter { $0.trimmingCharacters(in: .whitespaces) == "Div" }.count
        }
        #expect(try divisions(large) == divisions(standard) && divisions(large) >= 3)
        let reader = CLI.repository.appendingPathComponent("scripts/read_aloud.py").path
        let reading = try CLI.run(Self.python, [reader, "--lang", "en-US", large])
        #expect(reading.status == 0, "\(reading.stdout.split(separator: "\n").filter { $0.hasPrefix("read_aloud:") })")
        let lines = reading.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        let caption = try #require(lines.firstIndex(of: "Span: Scan to open our website"))
        #expect(lines[caption - 2] == "Figure" && lines[caption - 1] == "P" && lines[caption + 1] == "Link: riverside-spine.example.org")
        let spanish = try CLI.pdfText(try render("es", ["--lang", "es"]))
        #expect(spanish.contains("Escanee para abrir nuestro sitio web"))
    }
}
