import Foundation
import HandoutTestSupport
import Testing

/// A translation no person has reviewed (the Spanish one, `reviewed: false`) goes to a patient only
/// when the clinic says so (`--unreviewed-translations use`, `unreviewed-translations: use`);
/// otherwise the patient gets the English handout with a notice in their own language at the top.
@Suite struct TranslationReviewTests {
    let scratch = Scratch()
    static let notice = "Este folleto está en inglés. Llame al (555) 555-0142 para recibir ayuda gratis en español."

    func render(language: String, _ options: [String] = []) throws -> (result: CLI.Result, pdf: String) {
        let patient = try CLI.patientFile(in: scratch.path) { $0["language"] = language }
        let pdf = scratch.path + "/\(UUID().uuidString).pdf"
        return (try CLI.handout(["render", "--patient", patient, "--output", pdf] + options), pdf)
    }

    /// Page 1's words on one line each, whatever the PDF's line breaks.
    func firstPage(_ pdf: String) throws -> String {
        try CLI.pdfText(pdf, page: 1).split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    @Test func byDefaultASpanishSpeakerGetsEnglishWithANoticeInSpanish() throws {
        let (result, pdf) = try render(language: "Spanish")
        #expect(result.status == 0, "\(result.stderr)")
        let page = try firstPage(pdf)
        #expect(page.contains(Self.notice), "\(page)")
        #expect(page.contains("Spinal fusion or motion-preserving surgery"))
        #expect(page.range(of: "Este folleto")!.lowerBound < page.range(of: "Spinal fusion or motion-preserving")!.lowerBound,
                "the notice comes before the title")
        #expect(result.stderr.contains("field 'language' is Spanish, made in English: the Spanish translation is not reviewed"), "\(result.stderr)")
        #expect(result.stderr.contains("a notice in Spanish at the top"), "\(result.stderr)")
    }

    /// A screen reader speaks the notice in Spanish: its P says /Lang (es); the rest is English.
    @Test func theNoticeIsTaggedWithItsOwnLanguage() throws {
        let (result, pdf) = try render(language: "es")
        #expect(result.status == 0, "\(result.stderr)")
        let python = CLI.repository.appendingPathComponent(".build-venv/validators/bin/python").path
        let reader = CLI.repository.appendingPathComponent("scripts/read_aloud.py").path
        let reading = try CLI.run(python, [reader, "--lang", "en-US", "--passage-lang", "es", pdf])
        #expect(reading.status == 0, "\(reading.stdout)\(reading.stderr)")
        let lines = reading.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(lines.contains("P [es]: \(Self.notice)"), "\(lines.prefix(8))")
        let withoutLanguage = try CLI.run(python, [reader, "--lang", "en-US", pdf])
        #expect(withoutLanguage.stdout.contains("P says its language is 'es'"), "the reader tells a passage from the document")
    }

    @Test func theFlagOrTheSettingGivesTheUnreviewedTranslation() throws {
        let (flagged, pdf) = try render(language: "es", ["--unreviewed-translations", "use"])
        #expect(flagged.status == 0, "\(flagged.stderr)")
        #expect(try firstPage(pdf).contains("Fusión espinal"))
        #expect(!(try firstPage(pdf).contains("Este folleto está en inglés")))
        let settings = scratch.write("handout.yaml", "unreviewed-translations: use\n")
        let (set, fromSettings) = try render(language: "es", ["--config", settings])
        #expect(set.status == 0, "\(set.stderr)")
        #expect(try firstPage(fromSettings).contains("Fusión espinal"))
        let (overridden, english) = try render(language: "es", ["--config", settings, "--unreviewed-translations", "english-with-notice"])
        #expect(overridden.status == 0, "\(overridden.stderr)")
        #expect(try firstPage(english).contains(Self.notice), "the flag wins over the file")
    }

    /// `--lang es` is the run's own choice of language: the clinic asked for Spanish.
    @Test func aRunInSpanishIsTheClinicsChoice() throws {
        let (result, pdf) = try render(language: "en", ["--lang", "es"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try firstPage(pdf).contains("Fusión espinal"))
    }

    /// A language with no translation but a notice gets the notice too; one with neither, English alone.
    @Test func aLanguageWithoutContentGetsItsNoticeWhenThereIsOne() throws {
        let (result, pdf) = try render(language: "Elvish")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!(try firstPage(pdf).contains("free help")))
    }

    @Test func aBadSettingValueStopsTheRunNamingTheKey() throws {
        let settings = scratch.write("handout.yaml", "unreviewed-translations: maybe\n")
        let (result, _) = try render(language: "es", ["--config", settings])
        #expect(result.status == 2)
        #expect(result.stderr.contains("unreviewed-translations") && result.stderr.contains("must be use or english-with-notice"), "\(result.stderr)")
        let (flag, _) = try render(language: "es", ["--unreviewed-translations", "maybe"])
        #expect(flag.status != 0)
    }

    /// The batch says who got a notice instead of a translation: the manifest's warning, and the
    /// summary by record id and line, never a name.
    @Test func theBatchSaysWhoGotANoticeInsteadOfATranslation() throws {
        let input = scratch.write("p.csv", """
            id,first_name,last_name,birth_date,language
            A,Ana,Ruiz,1970-01-01,Spanish
            B,Bo,Lind,1971-02-02,English

            """)
        let result = try CLI.batch(input, scratch.path + "/out", ["--jobs", "1"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("column 'language' is Spanish, made in English: the Spanish translation is not reviewed"), "\(result.stdout)")
        #expect(result.stdout.contains("a notice in Spanish"), "\(result.stdout)")
        #expect(result.stdout.contains("  English with a notice instead of a translation: A (line 2)\n"), "\(result.stdout)")
        #expect(!result.stdout.contains("Ana") && !result.stdout.contains("Ruiz"))
        let manifest = try scratch.manifest().sorted { $0.line < $1.line }
        #expect(manifest.map { $0.warnings.map(\.rawValue) } == [["language-notice"], []])
        #expect(try CLI.pdfText(scratch.path + "/out/A.pdf", page: 1).contains("Este folleto está en inglés"))
        let check = try CLI.batch(input, scratch.path + "/check", ["--check"])
        #expect(check.stdout.contains("1 Spanish will get English: the Spanish translation is not reviewed"), "\(check.stdout)")
    }
}
