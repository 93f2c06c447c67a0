import Foundation
import HandoutBatch
import HandoutTestSupport
import Testing

/// Values as EHR exports write them: languages by any of their names, clinicians as
/// "Last, First Credentials", quoted cells over two lines. The built-in content is in English and
/// Spanish, so every other language falls back to English, with a warning that names it.
@Suite struct RecordValueTests {
    let scratch = Scratch()
    var out: String { scratch.path + "/out" }

    /// One row per language value, with the name in one column and US dates, as EHRs export them.
    func export(_ languages: [String]) -> String {
        let rows = languages.enumerated().map { index, language in
            "L\(index),\"Ruiz, Ana\",04/17/1961,\(language)\n"
        }
        return scratch.write("export.csv", "id,Patient Name,DOB,Language\n" + rows.joined())
    }

    @Test func checkCountsWhoWillGetWhichLanguage() throws {
        let input = export(["English", "ENG", "en-US", "Spanish; Castilian", "Español", "Marshallese", "mah", "MARSHALLESE",
                            "Elvish", "\"Elvish\"", ""])
        let result = try CLI.batch(input, out, ["--check", "--date-format", "MM/dd/yyyy", "--unreviewed-translations", "use"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasSuffix("""
            11 of 11 rows can be made
            languages: 4 English, 2 Spanish
              3 Marshallese will get English: no handout in Marshallese
              2 "Elvish" will get English: not a language Handout knows; to use it, add under languages: in handout.yaml a line like  "Elvish": es  (with the code of the language it means)

            """), "\(result.stdout)")
        #expect(!FileManager.default.fileExists(atPath: out))
        // With --lang, everyone gets that language: no one falls back.
        let spanish = try CLI.batch(input, out, ["--check", "--date-format", "MM/dd/yyyy", "--lang", "es"])
        #expect(spanish.stdout.hasSuffix("11 of 11 rows can be made\nlanguages: 11 Spanish\n"), "\(spanish.stdout)")
    }

    @Test func aLanguageWithoutContentIsMadeInEnglishWithAWarningNamingIt() throws {
        let input = export(["Marshallese", "mah", "Spanish; Castilian", "Elvish", "1961-04-17"])
        let result = try CLI.batch(input, out, ["--date-format", "MM/dd/yyyy", "--jobs", "1", "--unreviewed-translations", "use"])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stdout.contains("4 handouts, 1 failed"), "\(result.stdout)")
        #expect(result.stdout.contains("  warning: 2 rows: column 'Language' is Marshallese, made in English: no handout in Marshallese\n"),
                "\(result.stdout)")
        #expect(result.stdout.contains("""
              warning: 1 row: column 'Language' is "Elvish", made in English: not a language Handout knows; \
            to use it, add under languages: in handout.yaml a line like  "Elvish": es  (with the code of the language it means)
            """), "\(result.stdout)")
        let manifest = Dictionary(uniqueKeysWithValues: try scratch.manifest().map { ($0.id, $0) })
        #expect(manifest["L0"]?.warnings == [.languageFallback] && manifest["L3"]?.warnings == [.languageFallback])
        #expect(try CLI.pdfText(out + "/L0.pdf", page: 1).contains("Date of birth"))
        #expect(try CLI.pdfText(out + "/L2.pdf", page: 1).contains("Fecha de nacimiento"))
        // A value with digits may be another column's data: the row fails and the value is not shown.
        #expect(manifest["L4"]?.error.hasPrefix("column 'Language' holds digits or signs, so it is not a language") == true)
        #expect(!result.stdout.contains("1961-04-17") && !result.stderr.contains("1961-04-17") && manifest["L4"]?.error.contains("1961") == false)
    }

    @Test func aClinicsSpellingGivesTheLanguage() throws {
        let input = export(["Elvish"])
        let config = scratch.write("handout.yaml", "languages:\n  \"Elvish\": es\nunreviewed-translations: use\n")
        let result = try CLI.batch(input, out, ["--date-format", "MM/dd/yyyy", "--config", config])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stdout.contains("warning"), "\(result.stdout)")
        #expect(try CLI.pdfText(out + "/L0.pdf", page: 1).contains("Fecha de nacimiento"))
    }

    @Test func aClinicianIsPrintedFirstNameFirstAndALineBreakInACellIsASpace() throws {
        let input = scratch.write("visits.csv", """
            id,First Name,Last Name,DOB,Provider\r
            C1,Ana,Ruiz,1961-04-17,"Raman, Priya MD"\r
            C2,Bo,Lee,1970-12-25,"Dr. Smith, MD\r
            Spine Center"\r
            C3,Cy,Ng,1980-01-02,"Smith, John A. MD, PhD"\r

            """)
        let result = try CLI.batch(input, out, ["--jobs", "1"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try CLI.pdfText(out + "/C1.pdf", page: 1).contains("Priya Raman, MD"))
        #expect(try CLI.pdfText(out + "/C2.pdf", page: 1).contains("Dr. Smith, MD Spine Center"))
        #expect(try CLI.pdfText(out + "/C3.pdf", page: 1).contains("John A. Smith, MD, PhD"))
    }
}
