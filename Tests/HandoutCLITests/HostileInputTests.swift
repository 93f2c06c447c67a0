import Foundation
import HandoutBatch
import HandoutTestSupport
import Testing

/// Input written the way a hostile or careless export would write it, through the built
/// `handout` as a clinic runs it. Every PDF produced must pass `qpdf --check` and carry no
/// action but `/URI`; every refusal names the field and never repeats the value.
@Suite struct HostileInputTests {
    let scratch = Scratch()
    var directory: String { scratch.path }

    static let injections = [
        "https://x.example/')>>/A<</S/Launch/F(calc.exe)>>/Baz(",
        "https://x.example/')>>/A<</S/JavaScript/JS(app.alert(1))>>/Baz(",
        "https://x.example/\\')>>/S/Launch(",
    ]

    func expectSafe(_ pdf: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(try PDFInspection.isClean(pdf), "qpdf --check: \(pdf)", sourceLocation: sourceLocation)
        let actions = try PDFInspection.actions(in: pdf)
        #expect(actions.isSubset(of: ["/URI"]), "actions: \(actions)", sourceLocation: sourceLocation)
    }

    func render(_ change: (inout [String: Any]) -> Void, extra: [String] = []) throws -> (CLI.Result, String) {
        let patient = try CLI.patientFile(in: directory, change)
        let output = directory + "/\(UUID().uuidString).pdf"
        return (try CLI.handout(["render", "--patient", patient, "--output", output] + extra), output)
    }

    @Test(arguments: injections)
    func aWebsiteNeverBecomesPDFSyntax(_ website: String) throws {
        let (result, pdf) = try render { patient in
            var clinic = patient["clinic"] as! [String: Any]
            clinic["website"] = website
            patient["clinic"] = clinic
        }
        #expect(result.status == 0, "\(result.stderr)")
        try expectSafe(pdf)
        // The same through a clinic file.
        let clinicFile = directory + "/clinic.json"
        try JSONSerialization.data(withJSONObject: ["name": "C", "phone": "555 0100", "website": website]).write(to: URL(fileURLWithPath: clinicFile))
        let (fromFile, filePDF) = try render({ $0.removeValue(forKey: "clinic") }, extra: ["--clinic", clinicFile])
        #expect(fromFile.status == 0, "\(fromFile.stderr)")
        try expectSafe(filePDF)
    }

    @Test(arguments: ["javascript:app.alert(1)", "file:///etc/passwd", "data:text/html,x", "https://a b.example"])
    func aWebsiteThatIsNotAWebAddressIsRefusedNamingTheField(_ website: String) throws {
        let (result, pdf) = try render { patient in
            var clinic = patient["clinic"] as! [String: Any]
            clinic["website"] = website
            patient["clinic"] = clinic
        }
        #expect(result.status == 2)
        #expect(result.stderr.contains("field 'clinic.website' is not a web address"))
        #expect(!result.stderr.contains(website))
        #expect(!FileManager.default.fileExists(atPath: pdf))
    }

    @Test(arguments: ["😀 Maria", "❤️", "👨‍👩‍👧 Family", "Maria 😀"])
    func anEmojiNameRenders(_ name: String) throws {
        let (result, pdf) = try render { $0["givenName"] = name }
        #expect(result.status == 0, "\(result.stderr)")
        try expectSafe(pdf)
        #expect(try CLI.pdfText(pdf, page: 2).contains("González-Whitfield"))
    }

    @Test func controlCharactersAreRefusedNamingTheField() throws {
        let (result, pdf) = try render { $0["givenName"] = "Ma\u{0}ria" }
        #expect(result.status == 2)
        #expect(result.stderr.contains("field 'givenName' contains a control character"))
        #expect(!FileManager.default.fileExists(atPath: pdf))
    }

    @Test func aRightToLeftOverrideCannotReverseTheBirthDate() throws {
        let (result, pdf) = try render { $0["givenName"] = "Maria\u{202E}" }
        #expect(result.status == 0, "\(result.stderr)")
        let text = try CLI.pdfText(pdf)
        #expect(text.contains("April 17, 1961"))
        #expect(!text.contains("\u{202E}"))
    }

    @Test func oversizeFieldsAreRefusedNamingTheField() throws {
        let (notes, _) = try render { $0["notes"] = String(repeating: "Walk daily. ", count: 28_250) }
        #expect(notes.status == 2 && notes.stderr.contains("field 'notes' is longer than"))
        let (name, _) = try render { $0["givenName"] = String(repeating: "Maria ", count: 170_000) }
        #expect(name.status == 2 && name.stderr.contains("field 'givenName' is longer than"))
        #expect(!name.stderr.contains("Maria"))
    }

    @Test func placeholdersInARecordPrintAsTheyAreOnEveryRun() throws {
        let change: (inout [String: Any]) -> Void = { patient in
            patient["givenName"] = "{dob}"
            patient["appointment"] = ["date": "2026-12-08", "time": "{place}", "place": "{name}"]
        }
        let (first, firstPDF) = try render(change)
        let (second, secondPDF) = try render(change)
        #expect(first.status == 0 && second.status == 0)
        #expect(FileManager.default.contents(atPath: firstPDF) == FileManager.default.contents(atPath: secondPDF))
        #expect(try CLI.pdfText(firstPDF).contains("{dob} González-Whitfield"))
    }

    @Test func renderNeverOverwritesItsInputOrADirectory() throws {
        let patient = try CLI.patientFile(in: directory) { _ in }
        let before = FileManager.default.contents(atPath: patient)
        let same = try CLI.handout(["render", "--patient", patient, "--output", patient])
        #expect(same.status == 2 && same.stderr.contains("is the input file"))
        #expect(FileManager.default.contents(atPath: patient) == before)
        let intoDirectory = try CLI.handout(["render", "--patient", patient, "--output", directory])
        #expect(intoDirectory.status == 2 && intoDirectory.stderr.contains("is a directory"))
    }

    @Test func renderWritesIntoAPipeWithoutReplacingIt() throws {
        let patient = try CLI.patientFile(in: directory) { _ in }
        let result = try CLI.handout(["render", "--patient", patient, "--output", "/dev/stdout"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("%PDF-"))
        var info = stat()
        #expect(lstat("/dev/stdout", &info) == 0 && info.st_mode & S_IFMT == S_IFLNK)
    }

    @Test func oneBadOrExoticRowNeverStopsTheBatch() throws {
        var rows = ["id,first_name,last_name,birth_date,clinic_name,clinic_phone,clinic_website"]
        let names = ["😀 Maria", "❤️", "👨‍👩‍👧", "Ma\u{0}ria", "Ana\u{202E}", "{dob}", "Wei"]
        for (index, name) in names.enumerated() {
            rows.append("P\(index),\(name),Lopez,1961-04-17,Clinic,555-0100,\"\(Self.injections[index % Self.injections.count].replacingOccurrences(of: "\"", with: "\"\""))\"")
        }
        let input = scratch.write("patients.csv", rows.joined(separator: "\n") + "\n")
        let result = try CLI.batch(input, directory + "/out", ["--jobs", "2"])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stdout.contains("6 handouts, 1 failed"))
        #expect(result.stderr.contains("patients.csv:5: id P3: column 'first_name' contains a control character"))
        for index in [0, 1, 2, 4, 5, 6] { try expectSafe("\(directory)/out/P\(index).pdf") }
    }

    @Test func aStrayQuoteOrAMissingHeaderNeverEchoesPatients() throws {
        let stray = scratch.write("stray.csv", """
        id,first_name,last_name,birth_date,email
        P0,Ann,Lee,1960-01-01,ann@example.org
        "P1,Maria,Lopez,1961-04-17,maria@example.org
        P2,Wei,Torres,1970-02-03,wei@example.org
        P3,Ana,Silva,1980-05-06,ana@example.org

        """)
        let strayResult = try CLI.batch(stray, directory + "/stray")
        let headerless = scratch.write("headerless.csv", "P1,Maria,Lopez,1961-04-17,maria@example.org\n")
        let headerlessResult = try CLI.batch(headerless, directory + "/headerless")
        #expect(strayResult.status == 1)
        #expect(headerlessResult.status == 2)
        #expect(headerlessResult.stderr.contains("names no column Handout knows"))
        for output in [strayResult.stdout + strayResult.stderr, headerlessResult.stderr] {
            for value in ["Maria", "Lopez", "1961", "maria@example.org", "Wei", "Torres", "1970-02-03"] {
                #expect(!output.contains(value), "\(value) in: \(output)")
            }
        }
        let manifest = try String(contentsOfFile: directory + "/stray/manifest.csv", encoding: .utf8)
        #expect(!manifest.contains("Maria") && !manifest.contains("1961"))
    }

    @Test func anOutputDirectoryOthersMayWriteIsRefused() throws {
        let shared = directory + "/shared"
        try FileManager.default.createDirectory(atPath: shared, withIntermediateDirectories: false)
        chmod(shared, 0o777)
        let result = try CLI.batch(CLI.examples + "/patients.csv", shared)
        #expect(result.status == 2)
        #expect(result.stderr.contains("others can write to it"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: shared).isEmpty)
    }

    @Test func aLinkPlantedAtTheOldTemporaryNameIsNeverWrittenThrough() throws {
        let out = directory + "/out"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        let victim = scratch.write("victim.txt", "untouched")
        #expect(try CLI.batch(CLI.examples + "/patients.csv", directory + "/first").status == 0)
        var ids: [String] = []
        try ManifestReader.read(path: directory + "/first/manifest.csv") { ids.append($0.id) }
        for id in ids {
            // The names the earlier writer used: predictable, opened without O_EXCL.
            link(victim, "\(out)/.handout-tmp-0of1-\(id).pdf")
            symlink(victim, "\(out)/\(id).pdf")
        }
        let result = try CLI.batch(CLI.examples + "/patients.csv", out)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "untouched")
        var info = stat()
        #expect(ids.count == 20)
        for id in ids {
            #expect(lstat("\(out)/\(id).pdf", &info) == 0 && info.st_mode & S_IFMT == S_IFREG && info.st_nlink == 1, "\(id)")
        }
    }

    @Test func jobsAreCappedWithTheReason() throws {
        let result = try CLI.batch(CLI.examples + "/patients.csv", directory + "/out", ["--jobs", "100000"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--jobs 100000: at most"))
        #expect(result.stderr.contains("renderer process"))
    }
}

/// Input text a message quotes reaches the terminal with its control characters written out:
/// an OSC sequence in a CSV header or an escape in a settings key cannot retitle the window,
/// ring the bell or recolour what follows.
@Suite struct EchoedControlCharacterTests {
    let scratch = Scratch()

    func expectEscaped(_ output: String, shown: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!output.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{07}" }, "raw control characters in: \(output.debugDescription)",
                sourceLocation: sourceLocation)
        #expect(output.contains(shown), "\(output.debugDescription)", sourceLocation: sourceLocation)
    }

    @Test func aCSVHeaderIsEchoedEscaped() throws {
        let csv = scratch.write("export.csv", "Patient ID,First Name,Last Name,\u{1B}]0;pwned\u{07}Birth\n")
        let result = try CLI.handout(["batch", csv, "--check", "--output-dir", scratch.path + "/out"])
        #expect(result.status == 2)
        expectEscaped(result.stderr, shown: #""\u{1B}]0;pwned\u{7}Birth""#)
    }

    @Test func aSettingsKeyIsEchoedEscaped() throws {
        let config = scratch.write("handout.yaml", "\"pap\\e[8mer\": a4\ncolumns:\n  \"id\\e]0;x\\a\": Patient ID\n")
        let result = try CLI.handout(["batch", CLI.examples + "/patients.csv", "--check", "--config", config])
        #expect(result.status == 2)
        expectEscaped(result.stderr, shown: #"pap\u{1B}[8mer: unknown setting"#)
    }
}
