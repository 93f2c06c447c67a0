import Foundation
import HandoutTestSupport
import Testing

/// `handout render` end to end: the real binary, real fonts, the PDF parsed by poppler and qpdf.
@Suite struct RenderCommandTests {
    let scratch = Scratch()
    var directory: String { scratch.path }
    let pdf: String

    init() throws {
        pdf = scratch.path + "/handout.pdf"
        let result = try CLI.handout(["render", "--patient", CLI.examples + "/patient.json", "--output", pdf])
        #expect(result.status == 0, "\(result.stderr)")
    }

    /// Optional ligatures are off, so Latin text needs no second (CID) subset of its face.
    @Test func everyFaceIsEmbeddedOnceAndTextHasNoLigatures() throws {
        let fonts = try CLI.run("pdffonts", [pdf]).stdout.split(separator: "\n").dropFirst(2)
        let faces = fonts.compactMap { $0.split(separator: " ").first?.split(separator: "+").last.map(String.init) }
        #expect(!faces.isEmpty && faces.count == Set(faces).count, "\(faces)")
        #expect(!(try CLI.pdfText(pdf)).contains("\u{FB01}"))
    }

    @Test func theTextHasEverySectionAndTheWholeTable() throws {
        let text = try CLI.pdfText(pdf)
        // Drawing order: each table cell's lines one after the other.
        let raw = try CLI.run("pdftotext", ["-raw", pdf, "-"]).stdout
        let sections = ["What you need to know", "What is spinal fusion?", "Possible benefits",
                        "Possible drawbacks", "What is motion-preserving surgery?", "How the choices compare",
                        "Which one might fit you?", "Making your choice", "Your next steps",
                        "Questions to ask your doctor", "Notes from your clinician", "Sources", "About this handout"]
        for heading in sections {
            #expect(text.contains(heading), "missing section \(heading)")
        }
        let flat = raw.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for cell in ["Spine movement", "Stopped at the treated level", "Kept, in full or in part", "Recovery time", "Often longer",
                     "Often shorter", "Stress on nearby parts of the spine", "Higher", "Lower", "Flexibility over the years", "Less", "Kept"] {
            #expect(flat.contains(cell), "table cell missing: \(cell)")
        }
    }

    /// A handout a patient reads to the end (issue 12): the example on Letter in at most four
    /// pages, large print in eight, Spanish in five, with the type sizes unchanged.
    @Test(arguments: [([String](), 4), (["--large-print"], 8), (["--lang", "es"], 5)])
    func theExampleFitsItsPageBudget(options: [String], pages: Int) throws {
        let output = directory + "/budget-\(options.joined()).pdf"
        let result = try CLI.handout(["render", "--patient", CLI.examples + "/patient.json", "--output", output] + options)
        #expect(result.status == 0, "\(result.stderr)")
        let count = try #require(try CLI.pdfPages(output))
        #expect(count <= pages, "\(options): \(count) pages")
    }

    /// The footer's "Printed" day is the run's: `--date`, else SOURCE_DATE_EPOCH's, else none
    /// (never the content's review date or the clock); a malformed --date stops the run.
    @Test func thePrintedDayIsTheRunsOrNone() throws {
        func footer(_ options: [String], epoch: String?) throws -> String {
            let output = directory + "/printed-\(UUID().uuidString).pdf"
            var environment = ProcessInfo.processInfo.environment
            environment["SOURCE_DATE_EPOCH"] = epoch
            let result = try CLI.run(CLI.binary.path, ["render", "--patient", CLI.examples + "/patient.json", "--output", output] + options,
                                     environment: environment)
            #expect(result.status == 0, "\(result.stderr)")
            return try CLI.pdfText(output, page: 1)
        }
        #expect(!(try footer([], epoch: nil)).contains("Printed"))
        #expect(try footer([], epoch: "1772409600").contains("Printed March 2, 2026"))
        #expect(try footer(["--date", "2026-03-04"], epoch: "1772409600").contains("Printed March 4, 2026"))
        let bad = try CLI.handout(["render", "--patient", CLI.examples + "/patient.json", "--output", directory + "/bad.pdf", "--date", "4/3/2026"])
        #expect(bad.status == 2 && bad.stderr.contains("--date") && !FileManager.default.fileExists(atPath: directory + "/bad.pdf"))
    }

    @Test func thePatientIsNamedOnEveryPage() throws {
        let pages = try CLI.pdfPages(pdf) ?? 0
        #expect(pages >= 3)
        for page in 1...pages {
            let text = try CLI.pdfText(pdf, page: page)
            #expect(text.contains("Maria González-Whitfield"), "page \(page) does not name the patient")
            #expect(text.contains("Date of birth: April 17, 1961"), "page \(page) has no birth date")
            #expect(text.contains("Page \(page) of \(pages)"))
            #expect(text.contains("Riverside Spine & Pain Clinic"))
        }
    }

    @Test func thePersonalPartsArePrinted() throws {
        let text = try CLI.pdfText(pdf)
        #expect(text.contains("MRN-4471902"))
        #expect(text.contains("Tuesday, December 8, 2026 at 9:30 AM"))
        #expect(text.contains("Keep walking 20 minutes a day."))
        #expect(text.contains("Younger age") && text.contains("Weak bones"))
    }

    @Test func everyFontIsEmbeddedAndSubset() throws {
        let fonts = try CLI.run("pdffonts", [pdf]).stdout.split(separator: "\n").dropFirst(2)
        #expect(!fonts.isEmpty)
        for font in fonts {
            let columns = font.split(separator: " ", omittingEmptySubsequences: true)
            // name type... emb sub uni object generation
            #expect(columns.suffix(5).prefix(2) == ["yes", "yes"], "not embedded and subset: \(font)")
        }
    }

    @Test func qpdfFindsNoErrors() throws {
        let check = try CLI.run("qpdf", ["--check", pdf])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("No syntax or stream encoding errors"))
    }

    @Test func theDocumentIsTaggedWithMetadataLanguageAndOutline() throws {
        let structure = try CLI.run("pdfinfo", ["-struct", pdf]).stdout
        // Each line of `pdfinfo -struct` starts with an element's type ("TH:" when it has attributes).
        let roles = structure.split(separator: "\n").map { line in
            String(line.drop(while: { $0 == " " }).prefix { $0 != " " && $0 != ":" })
        }
        for role in ["Document", "H1", "H2", "H3", "P", "L", "LI", "Lbl", "LBody", "Table", "TR", "TH", "TD", "Link"] {
            #expect(roles.contains(role), "no \(role) in the tag tree")
        }
        #expect(roles.filter { $0 == "H1" }.count == 1, "the title is the only H1")
        #expect(structure.contains("/Scope /Column"))
        let info = try CLI.run("pdfinfo", [pdf]).stdout
        #expect(info.contains("Tagged:          yes"))
        #expect(info.contains("Title:           Spinal fusion"))
        #expect(info.contains("Author:          Riverside Spine & Pain Clinic"))
        #expect(info.contains("CreationDate:    Fri Jan 16 00:00:00 2026"))
        let json = try CLI.run("qpdf", ["--json=1", "--json-key=objects", pdf]).stdout
        #expect(json.contains("\"/Lang\": \"en-US\""))
        #expect(json.contains("\"/DisplayDocTitle\": true"))
        #expect(json.contains("\"/Tabs\": \"/S\""))
        #expect(json.contains("\"/Scope\": \"/Column\""))
        #expect(json.contains("\"/Outlines\""))
        #expect(json.contains("tel:5555550142"))
        #expect(json.contains("https://riverside-spine.example.org"))
    }

    @Test func twoRendersAreByteIdenticalAndPrivate() throws {
        let second = directory + "/again.pdf"
        let result = try CLI.handout(["render", "--patient", CLI.examples + "/patient.json", "--output", second])
        #expect(result.status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: pdf)) == Data(contentsOf: URL(fileURLWithPath: second)))
        let mode = try FileManager.default.attributesOfItem(atPath: second)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func sourceDateEpochSetsTheDate() throws {
        let dated = directory + "/dated.pdf"
        _ = try CLI.handout(["render", "--patient", CLI.examples + "/patient.json", "--output", dated],
                                  environment: ["SOURCE_DATE_EPOCH": "1767225600"])
        #expect(try CLI.run("pdfinfo", [dated]).stdout.contains("CreationDate:    Thu Jan  1 00:00:00 2026"))
    }

    @Test(arguments: ["Ελένη", "Алексей", "فاطمة", "שרה", "अनीता", "王秀英", "Zoë 😀"])
    func namesInAnyScriptRenderWithRealGlyphs(_ name: String) throws {
        let patient = try CLI.patientFile(in: directory) { $0["givenName"] = name }
        let output = directory + "/\(UUID().uuidString).pdf"
        let result = try CLI.handout(["render", "--patient", patient, "--output", output])
        #expect(result.status == 0, "\(result.stderr)")
        let firstWord = String(name.split(separator: " ")[0])
        #expect(try CLI.pdfText(output, page: 2).contains(firstWord))
    }

    @Test func aCharacterNoFontCoversIsAnErrorNamingTheField() throws {
        let patient = try CLI.patientFile(in: directory) { $0["familyName"] = "Smith\u{10FFFD}" }
        let output = directory + "/none.pdf"
        let result = try CLI.handout(["render", "--patient", patient, "--output", output])
        #expect(result.status == 2)
        #expect(result.stderr.contains("field 'familyName'"))
        #expect(!result.stderr.contains("Smith"))
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    /// A clinic's content whose table has a column with no text at all (it crashed the layout).
    @Test func aContentTableWithAnEmptyColumnRenders() throws {
        let (content, patient) = try CLI.tableContent(in: directory, [["Question", ""], ["How long is recovery?", ""],
                                                                      ["Will I need a brace?", ""]])
        let output = directory + "/empty-column.pdf"
        let result = try CLI.handout(["render", "--patient", patient, "--content", content, "--output", output])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try CLI.pdfText(output).contains("Will I need a brace?"))
    }

    @Test func largePrintOnA4() throws {
        let output = directory + "/large.pdf"
        let result = try CLI.handout(["render", "--patient", CLI.examples + "/patient.json",
                                                "--large-print", "--paper", "a4", "--output", output])
        #expect(result.status == 0)
        let info = try CLI.run("pdfinfo", [output]).stdout
        #expect(info.contains("(A4)"))
        #expect(try CLI.pdfPages(output) ?? 0 > CLI.pdfPages(pdf) ?? 0)
    }
}

extension RenderCommandTests {
    @Test func aPasswordFileEncryptsWithAES256() throws {
        let password = directory + "/password.txt"
        try "open sesame\n".write(toFile: password, atomically: true, encoding: .utf8)
        let output = directory + "/locked.pdf"
        let result = try CLI.handout(["render", "--patient", CLI.examples + "/patient.json",
                                                "--password-file", password, "--output", output])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try CLI.run("pdftotext", [output, "-"]).status != 0, "opened without the password")
        let info = try CLI.run("pdfinfo", ["-upw", "open sesame", output]).stdout
        #expect(info.contains("Encrypted:       yes"))
        let encryption = try CLI.run("qpdf", ["--password=open sesame", "--show-encryption", output]).stdout
        #expect(encryption.contains("AESv3"))
        #expect(try CLI.run("pdftotext", ["-upw", "open sesame", output, "-"]).stdout.contains("Maria González-Whitfield"))
    }

    /// An appointment already past is made as given, with a warning (render) or a counted warning
    /// (batch, naming the column), never silence.
    @Test func aPastAppointmentIsAWarning() throws {
        let patient = try CLI.patientFile(in: directory) { $0["appointment"] = ["date": "2020-01-02", "time": "9:30 AM"] }
        let render = try CLI.handout(["render", "--patient", patient, "--output", directory + "/past.pdf"])
        #expect(render.status == 0)
        #expect(render.stderr.contains("field 'appointment.date' is in the past"))
        let current = try CLI.handout(["render", "--patient", CLI.examples + "/patient.json", "--output", directory + "/current.pdf"])
        #expect(!current.stderr.contains("in the past"))
        let csv = scratch.write("past.csv", "Patient ID,First Name,Last Name,Date of Birth,Appt Date\nP1,Ana,Li,1970-01-01,2020-01-02\nP2,Bo,Ng,1971-01-01,2099-01-02\n")
        let batch = try CLI.batch(csv, directory + "/batch")
        #expect(batch.status == 0, "\(batch.stderr)")
        #expect(batch.stdout.contains("warning: 1 row: column 'Appt Date' is in the past"), "\(batch.stdout)")
    }
}
