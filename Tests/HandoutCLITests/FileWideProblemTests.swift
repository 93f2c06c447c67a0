import Foundation
import HandoutBatch
import HandoutTestSupport
import Testing

/// A problem of the whole file stops the run before anything is written, with one message and
/// the fix, instead of one identical line per row; `--check` reports without writing.
@Suite struct FileWideProblemTests {
    let scratch = Scratch()
    var out: String { scratch.path + "/out" }

    func usDates() -> String {
        scratch.write("us.csv", "Patient ID,First Name,Last Name,DOB\nA1,Ana,Ruiz,04/17/1961\nA2,Bo,Lee,12/25/1970\nA3,Cy,Ng,01/02/1980\n")
    }

    /// Dates whose day is never past 12: each reads as month first and as day first.
    func ambiguousDates() -> String {
        scratch.write("either.csv", "Patient ID,First Name,Last Name,DOB\nA1,Ana,Ruiz,04/07/1961\nA2,Bo,Lee,12/05/1970\nA3,Cy,Ng,01/02/1980\n")
    }

    @Test func theFilesOwnDatesSayHowItWritesThemWhenOnlyOneWayReadsThem() throws {
        let checked = try CLI.batch(usDates(), out, ["--check"])
        #expect(checked.status == 0, "\(checked.stdout)\(checked.stderr)")
        #expect(checked.stdout.contains("dates read as MM/dd/yyyy (the file's own dates; set date-format: to choose)\n"), "\(checked.stdout)")
        let made = try CLI.batch(usDates(), out, ["--jobs", "1"])
        #expect(made.status == 0, "\(made.stderr)")
        #expect(made.stdout.contains("dates read as MM/dd/yyyy\n"))
        let text = try CLI.tool("pdftotext", [out + "/A1.pdf", "-"]).1
        #expect(text.contains("April 17, 1961"), "the birth date read month first")
    }

    @Test func datesThatReadTwoWaysStopTheRunNamingBoth() throws {
        let result = try CLI.batch(ambiguousDates(), out)
        #expect(result.status == 2)
        #expect(result.stderr.contains("either.csv: all 3 rows fail the same way: column 'DOB' is not a real date in the form YYYY-MM-DD; every date reads as MM/dd/yyyy or dd/MM/yyyy: pass --date-format with the one your export writes; nothing was written"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect(!result.stderr.contains("1961") && !result.stderr.contains("Ana"))
        #expect(try CLI.batch(ambiguousDates(), out, ["--date-format", "dd/MM/yyyy"]).status == 0)
    }

    @Test func noClinicAnywhereStopsBeforeAnyRow() throws {
        let result = try CLI.handout(["batch", usDates(), "--output-dir", out, "--date-format", "MM/dd/yyyy"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("all 3 rows fail the same way: has no clinic details: add columns \"Clinic Name\" and \"Clinic Phone\", or name the clinic in the settings file (clinic:)"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func anOptionalColumnEmptyInEveryRowIsOneWarningAndStopsNothing() throws {
        let input = scratch.write("no-email.csv", """
            Patient ID,First Name,Last Name,DOB,E-mail,Notes,Pref Lang
            A1,Ana,Ruiz,1961-04-17,,Bring the scans,
            A2,Bo,Lee,1970-12-25, ,,
            A3,Cy,Ng,1980-01-02,,,

            """)
        let warnings = "  warning: column 'E-mail' is empty in every row\n  warning: column 'Pref Lang' is empty in every row\n"
        let checked = try CLI.batch(input, out, ["--check", "--map", "language=Pref Lang"])
        #expect(checked.status == 0, "\(checked.stderr)")
        #expect(checked.stdout.hasSuffix("3 of 3 rows can be made\n" + warnings + "languages: 3 English\n"), "\(checked.stdout)")
        #expect(!FileManager.default.fileExists(atPath: out))
        let made = try CLI.batch(input, out, ["--map", "language=Pref Lang", "--jobs", "1"])
        #expect(made.status == 0, "\(made.stderr)")
        #expect(made.stdout.contains("3 handouts, 0 failed") && made.stdout.contains(warnings), "\(made.stdout)")
        #expect(!made.stdout.contains("'Notes'") && made.stderr.isEmpty, "\(made.stdout)\(made.stderr)")
        #expect(try scratch.manifest().allSatisfy { $0.status == .ok })
    }

    @Test func checkPrintsTheMappingAndWritesNothing() throws {
        let input = scratch.write("mixed.csv", "Patient ID,First Name,Last Name,DOB,Notes\nA1,Ana,Ruiz,1961-04-17,\nA2,,Lee,1970-12-25,\nA3,Cy,Ng,2999-01-02,\nA4,,Ng,1980-01-02,\n")
        let result = try CLI.batch(input, out, ["--check"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("column \"Patient ID\" -> id\ncolumn \"First Name\" -> givenName\ncolumn \"Last Name\" -> familyName\ncolumn \"DOB\" -> birthDate\ncolumn \"Notes\" -> notes"))
        #expect(result.stdout.contains("1 of 4 rows can be made\n  2 rows: column 'First Name' is empty; a value is required\n  1 row: column 'DOB' is in the future"))
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect(try CLI.batch(usDates(), out, ["--check", "--date-format", "MM/dd/yyyy"]).status == 0)
    }

    @Test func theSummaryGroupsRepeatedReasons() throws {
        var rows = "Patient ID,First Name,Last Name,DOB\nA0,Ana,Ruiz,1961-04-17\n"
        for index in 1...6 { rows += "B\(index),,Lee,1970-12-25\n" }
        let result = try CLI.batch(scratch.write("p.csv", rows), out)
        #expect(result.status == 1)
        #expect(result.stdout.contains("1 handouts, 6 failed, 0 skipped in "))
        #expect(result.stdout.contains("\n  6 rows: column 'First Name' is empty; a value is required\n"))
    }
}

/// An export shaped like an EHR's: one "Patient Name" column as `Last, First`, US dates,
/// languages as words and codes, the MRN as the record id.
@Suite struct EHRExportTests {
    let scratch = Scratch()

    @Test func anEHRShapedExportNeedsNoPreprocessing() throws {
        let input = scratch.write("export.csv", """
            "Patient MRN","Patient Name","DOB","Preferred Language","Appt Date","Provider","Patient Email"\r
            M-1,"Torres, Wei","04/17/1961",Spanish,12/08/2026,"Dr. Raman",wei@example.org\r
            M-2,"Ana Maria Silva","12/25/1970",ENG,12/09/2026,"Dr. Raman",ana@example.org\r

            """)
        // The Spanish translation is not reviewed: this run gives it anyway.
        let result = try CLI.batch(input, scratch.path + "/out", ["--map", "id=Patient MRN", "--date-format", "MM/dd/yyyy",
                                                                  "--unreviewed-translations", "use"])
        #expect(result.status == 0, "\(result.stderr)")
        let spanish = try CLI.pdfText(scratch.path + "/out/M-1.pdf", page: 1)
        #expect(spanish.contains("Wei Torres") && spanish.contains("17 de abril de 1961"))
        #expect(try CLI.pdfText(scratch.path + "/out/M-2.pdf", page: 1).contains("Ana Maria Silva · Date of birth: December 25, 1970"))
        let twice = try CLI.batch(input, scratch.path + "/twice", ["--map", "givenName=Patient Name", "--map", "familyName=Patient Name"])
        #expect(twice.status == 2)
        #expect(twice.stderr.contains("use --map name=\"Patient Name\""))
        let mailed = try CLI.handout(["mail", "--batch", scratch.path + "/out", "--csv", input, "--map", "id=Patient MRN",
                                      "--from", "Clinic <care@clinic.example>", "--clinic", CLI.clinic, "--outbox", scratch.path + "/eml"])
        #expect(mailed.status == 0, "\(mailed.stdout)\(mailed.stderr)")
        #expect(scratch.files(in: "eml") == ["M-1.eml", "M-2.eml"])
    }
}
