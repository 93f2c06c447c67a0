import Foundation
import HandoutTestSupport
import HandoutBatch
import Testing
import HandoutSupport

/// `handout batch` end to end: the real binary, real PDFs.
@Suite(.serialized) struct BatchCommandTests {
    @Test func hostileCSVFailsRowsAloneAndProducesTheRest() throws {
        let dir = Scratch()
        // BOM, CRLF, blank lines, spaces, quoted comma/quote/newline, and every kind of bad row.
        let rows = [
            "\u{FEFF}\"Patient ID\" , First Name ,Last Name,Date of Birth,E-mail,Notes,Factors",
            "",
            "  H1 ,  Ana  ,García,1980-01-02,ana@example.org,\"Line one\r\nline \"\"two\"\", end\",instability",
            "H2,Bo,Li,2999-01-01,,,",
            "H3,Cy,Ng,1990-02-30,,,",
            "   ",
            "H4,Di,Oz,1970-05-05,not-an-email,,",
            "H1,Ed,Po,1970-05-05,,,",
            "H5,Fa,Qu,1970-05-05,,,unknown-factor",
            "H6,,Su,1970-05-05,,,",
            "H7,Ελένη,Παπαδοπούλου,1975-03-03,,,osteoporosis;deformity",
        ]
        let input = dir.write("patients.csv", rows.joined(separator: "\r\n") + "\r\n")
        let result = try CLI.batch(input, dir.path + "/out", ["--jobs", "2"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("3 handouts, 5 failed, 0 skipped in "))
        let manifest = Dictionary(uniqueKeysWithValues: try dir.manifest().map { ($0.line, $0) })
        #expect(manifest.count == 8)
        #expect(manifest[3]?.status == .ok && manifest[3]?.id == "H1" && manifest[3]?.file == "H1.pdf")
        #expect(manifest[5]?.error == "column 'Date of Birth' is in the future")
        #expect(manifest[6]?.error == "column 'Date of Birth' is not a real date in the form YYYY-MM-DD")
        // An address mail cannot use never blocks the printed handout (mail reports it).
        #expect(manifest[8]?.status == .ok)
        #expect(manifest[9]?.error == "column 'Patient ID' is a duplicate of line 3")
        #expect(manifest[10]?.error.hasPrefix("column 'Factors' has a factor the handout content does not know") == true)
        #expect(manifest[11]?.error == "column 'First Name' is empty; a value is required")
        #expect(manifest[12]?.status == .ok)
        // stderr names line, id and column; never a value.
        #expect(result.stderr.contains("patients.csv:5: id H2: column 'Date of Birth' is in the future"))
        // The digest columns are keyed hex, which may hold "2999" by chance: only the other cells count.
        let manifestText = ((try? String(contentsOfFile: dir.path + "/out/manifest.csv", encoding: .utf8)) ?? "")
            .replacingOccurrences(of: "[0-9a-f]{64}", with: "", options: .regularExpression)
        for secret in ["Ana", "García", "2999", "not-an-email", "Ελένη"] {
            #expect(!result.stderr.contains(secret))
            #expect(!manifestText.contains(secret))
        }
        // Real PDFs, with the recorded checksum, size and page count; mode 0600.
        #expect(dir.files(in: "out") == ["H1.pdf", "H4.pdf", "H7.pdf", "manifest.csv"])
        for entry in manifest.values where entry.status == .ok {
            let path = "\(dir.path)/out/\(entry.file)"
            let data = try #require(FileManager.default.contents(atPath: path))
            #expect(SHA256Hex.of(data) == entry.sha256 && data.count == entry.bytes)
            #expect(try CLI.pdfPages(path) == entry.pages)
            #expect(try CLI.tool("qpdf", ["--check", path]).0 == 0)
        }
        for name in dir.files(in: "out") {
            let mode = try FileManager.default.attributesOfItem(atPath: "\(dir.path)/out/\(name)")[.posixPermissions] as? NSNumber
            #expect(mode?.intValue == 0o600)
        }
    }

    /// `--date` reaches the renderer processes: every handout prints the day (it printed none).
    @Test func theRunsDatePrintsInEveryHandout() throws {
        let scratch = Scratch()
        let csv = scratch.write("two.csv", "id,first_name,last_name,birth_date\nD1,Ana,Ruiz,1961-04-17\nD2,Bo,Lee,1970-12-01\n")
        let dated = try CLI.batch(csv, scratch.path + "/dated", ["--date", "2031-11-30", "--jobs", "2"])
        #expect(dated.status == 0, "\(dated.stderr)")
        for id in ["D1", "D2"] {
            #expect(try CLI.pdfText(scratch.path + "/dated/\(id).pdf").contains("Printed November 30, 2031"), "\(id)")
        }
        let undated = try CLI.batch(csv, scratch.path + "/undated", ["--jobs", "1"])
        #expect(undated.status == 0, "\(undated.stderr)")
        let text = try CLI.pdfText(scratch.path + "/undated/D1.pdf")
        #expect(!text.contains("Printed"))
    }

    @Test func pathTraversalIdsNeverWriteOutsideTheOutputDirectory() throws {
        let dir = Scratch()
        let ids = ["../../escape", "../escape", "/tmp/escape", "a/b", "..", ".", ".hidden", "CON", "nul.txt",
                   "x\u{1}y", "a\\\\b", String(repeating: "z", count: 150), "ok-1"]
        let csv = realHeader + ids.map { "\"\($0)\",Ann,Lee,1990-01-01,,,\n" }.joined()
        let input = dir.write("patients.csv", csv)
        let result = try CLI.batch(input, dir.path + "/work/out")
        #expect(result.status == 1)
        #expect(dir.files() == ["patients.csv", "work"])
        #expect(dir.files(in: "work") == ["out"])
        #expect(dir.files(in: "out").isEmpty)
        #expect(dir.files(in: "work/out") == ["manifest.csv", "ok-1.pdf"])
        #expect(!FileManager.default.fileExists(atPath: "/tmp/escape.pdf"))
        let manifest = try dir.manifest("work/out")
        #expect(manifest.filter { $0.status == .failed }.count == ids.count - 1)
        #expect(manifest.filter { $0.status == .failed }.allSatisfy { $0.error.hasPrefix("column 'Patient ID' ") && $0.file.isEmpty })
    }

    @Test func aSymlinkPlantedInTheOutputDirectoryIsReplacedNotFollowed() throws {
        let dir = Scratch()
        let outside = dir.write("outside.txt", "do not touch")
        try FileManager.default.createDirectory(atPath: dir.path + "/out", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: dir.path + "/out/T0.pdf", withDestinationPath: outside)
        let input = dir.write("patients.csv", realHeader + validRows(1))
        #expect(try CLI.batch(input, dir.path + "/out").status == 0)
        #expect(try String(contentsOfFile: outside, encoding: .utf8) == "do not touch")
        let type = try FileManager.default.attributesOfItem(atPath: dir.path + "/out/T0.pdf")[.type] as? FileAttributeType
        #expect(type == .typeRegular)
    }

    @Test func missingColumnIsExit2BeforeAnyOutput() throws {
        let dir = Scratch()
        let input = dir.write("patients.csv", "Chart Key,First Name,Last Name,DOB\n1,a,b,1990-01-01\n")
        let result = try CLI.batch(input, dir.path + "/out")
        #expect(result.status == 2)
        #expect(result.stderr.contains("required column missing: id"))
        #expect(result.stderr.contains("headers found: \"Chart Key\", \"First Name\", \"Last Name\", \"DOB\""))
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/out"))
        // --map fixes it.
        let mapped = try CLI.batch(input, dir.path + "/out", ["--map", "id=Chart Key"])
        #expect(mapped.status == 0)
        #expect(dir.files(in: "out") == ["1.pdf", "manifest.csv"])
    }

    @Test func badFlagsAndFilesAreExit2() throws {
        let dir = Scratch()
        let input = dir.write("patients.csv", realHeader + validRows(1))
        #expect(try CLI.batch(dir.path + "/nope.csv", dir.path + "/out").status == 2)
        #expect(try CLI.batch(input, dir.path + "/out", ["--shard", "3/2"]).status == 2)
        #expect(try CLI.batch(input, dir.path + "/out", ["--jobs", "0"]).status == 2)
        #expect(try CLI.batch(input, dir.path + "/out", ["--date-format", "MMddyy"]).status == 2)
        #expect(try CLI.batch(input, dir.path + "/out", ["--map", "shoe=Size"]).status == 2)
        #expect(try CLI.batch(input, dir.path + "/out", ["--content", dir.path + "/missing.yaml"]).status == 2)
        let uncovered = try CLI.tableContent(in: dir.path, [["Question", "Answer\u{10FFFD}"], ["How long?", "Weeks."]]).content
        let refused = try CLI.batch(input, dir.path + "/out", ["--content", uncovered])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("field 'sections[0].blocks[0].table.columns[1]' has characters no installed font can print"))
        #expect(dir.files(in: "out").isEmpty)
    }

    @Test func dateFormatIsStrict() throws {
        let dir = Scratch()
        let input = dir.write("patients.csv", "id,first_name,last_name,birth_date,Appointment Date\nD1,a,b,02/28/1990,12/08/2026\nD2,a,b,02/30/1990,\n")
        let result = try CLI.batch(input, dir.path + "/out", ["--date-format", "MM/dd/yyyy"])
        #expect(result.status == 1)
        let manifest = Dictionary(uniqueKeysWithValues: try dir.manifest().map { ($0.id, $0) })
        #expect(manifest["D1"]?.status == .ok)
        #expect(manifest["D2"]?.error == "column 'birth_date' is not a real date in the form MM/dd/yyyy")
    }

    @Test func jobsTwoIsByteIdenticalToJobsOne() throws {
        let dir = Scratch()
        let input = dir.write("patients.csv", realHeader + validRows(16))
        // One ledger, whose key seals each handout's reads digest, as the resume key seals the others.
        let ledger = ["--ledger", dir.path + "/ledger.sqlite"]
        #expect(try CLI.batch(input, dir.path + "/one", ["--jobs", "1"] + ledger).status == 0)
        try dir.shareResumeKey(from: "one", with: "two")
        #expect(try CLI.batch(input, dir.path + "/two", ["--jobs", "2"] + ledger).status == 0)
        #expect(dir.files(in: "one") == dir.files(in: "two"))
        #expect(dir.files(in: "one").count == 17)
        for name in dir.files(in: "one") where name.hasSuffix(".pdf") {
            let one = FileManager.default.contents(atPath: "\(dir.path)/one/\(name)")
            #expect(one != nil && one == FileManager.default.contents(atPath: "\(dir.path)/two/\(name)"))
        }
        let sort: (ManifestEntry, ManifestEntry) -> Bool = { $0.line < $1.line }
        #expect(try dir.manifest("one").sorted(by: sort) == dir.manifest("two").sorted(by: sort))
    }

    @Test func ctrlCFinishesTheRecordsInProgressAndSaysHowToResume() throws {
        let dir = Scratch()
        let count = 60
        let input = dir.write("patients.csv", realHeader + validRows(count))
        let out = dir.path + "/out"
        let (process, stdout, stderr) = try CLI.start(["batch", input, "--output-dir", out, "--clinic", CLI.clinic, "--jobs", "2"])
        try dir.waitForManifestRows(5, of: process)
        kill(process.processIdentifier, SIGINT)
        let said = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        _ = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        #expect(said.contains("stopped by Ctrl-C") && said.contains("--resume"))
        let stopped = try dir.manifest()
        // Every record that was started was finished and recorded ok: none failed by the stop.
        #expect(stopped.count < count && stopped.allSatisfy { $0.status == .ok })
        let resumed = try CLI.batch(input, out, ["--resume", "--jobs", "2"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(try dir.manifest().count == count)
    }

    @Test func killNineThenResume() throws {
        let dir = Scratch()
        let count = 80
        let input = dir.write("patients.csv", realHeader + validRows(count))
        let out = dir.path + "/out"
        let (process, _, _) = try CLI.start(["batch", input, "--output-dir", out, "--clinic", CLI.clinic, "--jobs", "2"])
        // Wait until some rows are done, then kill -9 mid-run.
        try dir.waitForManifestRows(10, of: process)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let before = try dir.manifest()
        #expect(before.count >= 10 && before.count < count, "the kill should land mid-run")
        // A leftover temp file, as a kill during a write leaves.
        _ = FileManager.default.createFile(atPath: out + "/.handout-tmp-0of1-T79.pdf", contents: Data("%PDF-half".utf8))

        let result = try CLI.batch(input, out, ["--resume", "--jobs", "2"])
        #expect(result.status == 0)
        let after = try dir.manifest()
        #expect(after.count == count)
        #expect(Set(after.map(\.line)).count == count)
        let skipped = after.filter { $0.status == .skipped }
        #expect(skipped.count >= before.filter { $0.status == .ok }.count - 2)
        #expect(after.allSatisfy { $0.status == .ok || $0.status == .skipped })
        #expect(result.stdout.contains("\(count - skipped.count) handouts, 0 failed, \(skipped.count) skipped"))
        // Exactly one PDF per row, no temp files, every file matching its manifest row.
        let files = dir.files(in: "out")
        #expect(files.count == count + 1)
        #expect(!files.contains { $0.hasPrefix(".") })
        for entry in after {
            let data = try #require(FileManager.default.contents(atPath: "\(out)/\(entry.file)"))
            #expect(SHA256Hex.of(data) == entry.sha256)
        }
        #expect(try CLI.tool("qpdf", ["--check", "\(out)/T79.pdf"]).0 == 0)

        // A file damaged after the run is redone on the next resume.
        try Data("damaged".utf8).write(to: URL(fileURLWithPath: out + "/T3.pdf"))
        let again = try CLI.batch(input, out, ["--resume"])
        #expect(again.stdout.hasPrefix("1 handouts, 0 failed, \(count - 1) skipped"))
        #expect(try CLI.tool("qpdf", ["--check", "\(out)/T3.pdf"]).0 == 0)
    }

    @Test func shardsFromFlagsAndFromTheEnvironment() throws {
        let dir = Scratch()
        let input = dir.write("patients.csv", realHeader + validRows(7))
        #expect(try CLI.batch(input, dir.path + "/out", ["--shard", "0/2"]).status == 0)
        #expect(try CLI.batch(input, dir.path + "/out", environment: ["JOB_COMPLETION_INDEX": "1", "JOB_COMPLETIONS": "2"]).status == 0)
        #expect(try dir.manifest(name: "manifest-0-of-2.csv").map(\.id).sorted() == ["T0", "T2", "T4", "T6"])
        #expect(try dir.manifest(name: "manifest-1-of-2.csv").map(\.id).sorted() == ["T1", "T3", "T5"])
        #expect(dir.files(in: "out").filter { $0.hasSuffix(".pdf") }.count == 7)
        let limited = try CLI.batch(input, dir.path + "/lim", ["--limit", "2"])
        #expect(limited.stdout.hasPrefix("2 handouts, 0 failed, 0 skipped"))
    }

    @Test func eachPatientGetsTheirLanguage() throws {
        let dir = Scratch()
        let input = dir.write("patients.csv", "id,First Name,Last Name,DOB,Preferred Language\nE1,Ann,Lee,1990-01-01,English\nS1,Ana,Ruiz,1990-01-01,es-MX\nX1,Xi,Yu,1990-01-01,German\nN1,No,Lang,1990-01-01,\nK1,Kl,On,1990-01-01,Elvish\nS2,Eva,Paz,1990-01-01,SPA\n")
        // The Spanish translation is not reviewed: this run gives it anyway.
        let result = try CLI.batch(input, dir.path + "/out", ["--unreviewed-translations", "use"])
        // A language without content is a warning, not a failure: the handout is made in the run's language.
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("6 handouts, 0 failed"))
        #expect(result.stdout.contains("  warning: 1 row: column 'Preferred Language' is German, made in English: no handout in German"))
        #expect(result.stdout.contains("  warning: 1 row: column 'Preferred Language' is \"Elvish\", made in English: not a language Handout knows"))
        let manifest = Dictionary(uniqueKeysWithValues: try dir.manifest().map { ($0.id, $0) })
        #expect(manifest.values.allSatisfy { $0.status == .ok })
        #expect(try CLI.pdfText(dir.path + "/out/S2.pdf", page: 1).contains("Fecha de nacimiento"))
        #expect(try CLI.pdfText(dir.path + "/out/X1.pdf", page: 1).contains("Date of birth"))
        #expect(try CLI.pdfText(dir.path + "/out/K1.pdf", page: 1).contains("Date of birth"))
        let spanish = try CLI.pdfText(dir.path + "/out/S1.pdf", page: 1)
        let english = try CLI.pdfText(dir.path + "/out/E1.pdf", page: 1)
        let noLanguage = try CLI.pdfText(dir.path + "/out/N1.pdf", page: 1)
        #expect(spanish.contains("Fecha de nacimiento") && !spanish.contains("Date of birth"))
        #expect(english.contains("Date of birth") && !english.contains("Fecha de nacimiento"))
        #expect(noLanguage.contains("Date of birth"))
        // --lang sets the run's language and overrides the column.
        let forced = try CLI.batch(input, dir.path + "/forced", ["--lang", "es"])
        #expect(try CLI.pdfText(dir.path + "/forced/X1.pdf", page: 1).contains("Fecha de nacimiento"))
        #expect(forced.status == 0)
    }

    @Test func ndjsonAndTheExampleFile() throws {
        let dir = Scratch()
        let input = dir.write("patients.ndjson", """
        {"id":"J1","givenName":"Zoë","familyName":"Ødegård","birthDate":"1985-03-04","factors":["instability"]}

        {"id":"J2","givenName":"x","familyName":"y","birthDate":"1985-13-04"}
        """)
        let result = try CLI.batch(input, dir.path + "/out")
        #expect(result.status == 1)
        let manifest = Dictionary(uniqueKeysWithValues: try dir.manifest().map { ($0.line, $0) })
        #expect(manifest[1]?.status == .ok)
        #expect(manifest[3]?.error == "field 'birthDate' is not a real date in the form YYYY-MM-DD")

        let example = try CLI.batch(CLI.repository.appendingPathComponent("Examples/patients.csv").path, dir.path + "/example")
        #expect(example.status == 0)
        #expect(example.stdout.hasPrefix("20 handouts, 0 failed, 0 skipped"))
    }
}
