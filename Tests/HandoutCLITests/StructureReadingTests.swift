import Foundation
import HandoutTestSupport
import Testing

/// The handout read through its structure tree as a screen reader reads it
/// (scripts/read_aloud.py): what the PDF/UA validators do not check. Reading order, nothing
/// missing or repeated, Lbl and LBody in every list item, headings that never skip a level,
/// tables with THead and TBody, check boxes read by their state, one document language.
@Suite struct StructureReadingTests {
    let scratch = Scratch()
    static let python = CLI.repository.appendingPathComponent(".build-venv/validators/bin/python").path
    static let reader = CLI.repository.appendingPathComponent("scripts/read_aloud.py").path

    func render(_ name: String, _ options: [String], patient: String = CLI.examples + "/patient.json") throws -> String {
        let pdf = scratch.path + "/\(name).pdf"
        let render = try CLI.handout(["render", "--patient", patient, "--output", pdf] + options)
        #expect(render.status == 0, "\(render.stderr)")
        return pdf
    }

    /// The reading, one element per line; the problems the reader found fail the test.
    func reading(_ pdf: String, language: String) throws -> [String] {
        #expect(FileManager.default.isExecutableFile(atPath: Self.python), "no reader: run scripts/setup-validators.sh")
        let result = try CLI.run(Self.python, [Self.reader, "--lang", language, pdf])
        #expect(result.status == 0, "\(result.stdout.split(separator: "\n").filter { $0.hasPrefix("read_aloud:") })\(result.stderr)")
        return result.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
    }

    @Test func theEnglishHandoutReadsInOrderWithThePatientOnceAndTheCheckBoxesByTheirState() throws {
        let lines = try reading(try render("en", []), language: "en-US")
        #expect(lines.filter { $0.contains("González-Whitfield") } == ["P: Patient: Maria González-Whitfield"])
        #expect(lines.filter { $0.hasPrefix("H1") } == ["H1: Spinal fusion or motion-preserving surgery: what to know"])
        #expect(lines.contains("Lbl: not checked") && lines.contains("Lbl: checked") && !lines.contains("Lbl: ☐"))
        // The two side-by-side lists: all of the left one, then the right one.
        let benefits = try #require(lines.firstIndex(of: "H3: Possible benefits"))
        let drawbacks = try #require(lines.firstIndex(of: "H3: Possible drawbacks"))
        let lastBenefit = try #require(lines.firstIndex(of: "LBody: May ease pain from a pinched nerve (a nerve that is pressed on)"))
        #expect(benefits < lastBenefit && lastBenefit < drawbacks)
        #expect(lines.contains("Link: medlineplus.gov/ency/article/002968.htm"))
    }

    @Test func theSpanishHandoutIsSpanishThroughout() throws {
        let lines = try reading(try render("es", ["--lang", "es"]), language: "es-US")
        #expect(lines.contains("Lbl: sin marcar") && lines.contains("Lbl: marcada"))
    }

    /// Another paper or type size moves the page breaks, never the words a listener hears.
    @Test(arguments: [("large-print", ["--large-print"]), ("a4", ["--paper", "a4"])])
    func otherLayoutsReadTheSameWords(name: String, options: [String]) throws {
        func words(_ lines: [String]) -> [Substring] {
            lines.flatMap { line in line.split(separator: ": ", maxSplits: 1).dropFirst().flatMap { $0.split(separator: " ") } }
        }
        let plain = words(try reading(try render("plain-\(name)", []), language: "en-US"))
        #expect(plain.count > 800)
        #expect(words(try reading(try render(name, options), language: "en-US")) == plain)
    }

    @Test func aRightToLeftNameAndATallTableCellReadInOrder() throws {
        let arabic = try CLI.patientFile(in: scratch.path) {
            $0["givenName"] = "ليلى"
            $0["familyName"] = "حداد"
        }
        #expect(try reading(try render("arabic", [], patient: arabic), language: "en-US").contains { $0.contains("حداد") })
        let cell = String(repeating: "Fusion stops motion at one level of the spine. ", count: 75)
        let (content, patient) = try CLI.tableContent(in: scratch.path, [["Question", "Answer"], ["What is fusion?", cell]])
        let lines = try reading(try render("tall-cell", ["--content", content], patient: patient), language: "en-US")
        #expect(lines.filter { $0 == "Table" }.count == 1)
    }

    /// A right-to-left handout (the Arabic and Hebrew fixtures of a clinic's content folder) is laid
    /// out mirrored and read in the content's order: the reader checks its pages from the right.
    @Test(arguments: [("ar", "عليه علامة", "بدون علامة"), ("he", "מסומן", "לא מסומן")])
    func aRightToLeftHandoutReadsFromTheRightInTheContentsOrder(language: String, checked: String, unchecked: String) throws {
        let folder = CLI.repository.appendingPathComponent("Tests/Fixtures/right-to-left").path
        let pdf = try render("rtl-\(language)", ["--content-dir", folder, "--lang", language], patient: folder + "/patient.json")
        let lines = try reading(pdf, language: language)
        #expect(lines.filter { $0.hasPrefix("H1") }.count == 1 && lines.filter { $0 == "Table" }.count == 1)
        #expect(lines.contains("Lbl: \(checked)") && lines.contains("Lbl: \(unchecked)"))
    }

    /// Read as right to left, the English handout's side-by-side lists (the left one read first) fail:
    /// the right-to-left order check is no rubber stamp either.
    @Test func aLeftToRightPageDeclaredArabicIsReadOutOfOrder() throws {
        let pdf = try render("declared-arabic", [])
        let declared = scratch.path + "/declared-arabic-lang.pdf"
        let relabel = """
        import pikepdf, sys
        pdf = pikepdf.open(sys.argv[1])
        pdf.Root.Lang = pikepdf.String("ar")
        pdf.save(sys.argv[2])
        """
        let saved = try CLI.run(Self.python, ["-c", relabel, pdf, declared])
        #expect(saved.status == 0, "\(saved.stderr)")
        let result = try CLI.run(Self.python, [Self.reader, "--quiet", "--lang", "ar", declared])
        #expect(result.status == 1)
        #expect(result.stdout.contains("but sits above it to the right"), "\(result.stdout)")
    }

    /// The reader is no rubber stamp: a tree read backwards and a check box without its state fail.
    @Test func theReaderFindsATreeOutOfOrderAndASilentCheckBox() throws {
        let pdf = try render("damaged", [])
        let damaged = scratch.path + "/damaged-tree.pdf"
        let damage = """
        import pikepdf, sys
        pdf = pikepdf.open(sys.argv[1])
        document = pdf.Root.StructTreeRoot.K[0]
        document.K = pikepdf.Array(reversed(list(document.K)))
        for element in pdf.objects:
            if isinstance(element, pikepdf.Dictionary) and element.get("/S") == "/Lbl" and "/ActualText" in element:
                del element["/ActualText"]
        pdf.save(sys.argv[2])
        """
        let saved = try CLI.run(Self.python, ["-c", damage, pdf, damaged])
        #expect(saved.status == 0, "\(saved.stderr)")
        let result = try CLI.run(Self.python, [Self.reader, "--quiet", "--lang", "en-US", damaged])
        #expect(result.status == 1)
        #expect(result.stdout.contains("out of drawing order"), "\(result.stdout)")
        #expect(result.stdout.contains("a list label with nothing to read"), "\(result.stdout)")
        #expect(result.stdout.contains("do not start with the one H1"), "\(result.stdout)")
    }
}
