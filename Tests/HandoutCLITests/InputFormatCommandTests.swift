import Foundation
import HandoutBatch
import HandoutTestSupport
import Testing

/// Exports as EHRs and spreadsheets write them, through `handout batch` and `handout mail`:
/// semicolons, tabs, Windows-1252, UTF-16; `--separator`/`--encoding` and their settings over
/// detection; a row that does not line up with the header fails alone.
@Suite(.serialized) struct InputFormatCommandTests {
    let scratch = Scratch()
    var directory: String { scratch.path }

    /// Two patients, one with a clinician written "Last, First Credential", separated by
    /// `separator` (a value holding it quoted).
    static func export(_ separator: String, email: Bool = false) -> String {
        let header = ["Patient ID", "First Name", "Last Name", "DOB", "Provider"] + (email ? ["E-mail"] : [])
        let rows = [["F1", "Ren\u{E9}", "O\u{2019}Brien", "1961-04-17", "Raman, Priya MD"], ["F2", "Bo", "Lee", "1970-12-01", "Lee \u{2013} Spine"]]
        let emails = ["rene@example.org", "bo@example.org"]
        let quoted = { (value: String) in value.contains(separator) ? "\"\(value)\"" : value }
        return ([header] + rows.enumerated().map { $1 + (email ? [emails[$0]] : []) })
            .map { $0.map(quoted).joined(separator: separator) }.joined(separator: "\r\n") + "\r\n"
    }

    static func windows1252(_ text: String) -> [UInt8] {
        let high: [Character: UInt8] = ["\u{E9}": 0xE9, "\u{2019}": 0x92, "\u{2013}": 0x96]
        return text.flatMap { high[$0].map { [$0] } ?? Array(String($0).utf8) }
    }

    static func utf16LittleEndian(_ text: String) -> [UInt8] {
        [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    }

    @Test func everyShapeOfExportMakesEveryRow() throws {
        let exports: [(name: String, bytes: [UInt8], readAs: String)] = [
            ("semicolon.csv", Array(Self.export(";").utf8), "semicolon-separated, UTF-8"),
            ("tab.txt", Array(Self.export("\t").utf8), "tab-separated, UTF-8"),
            ("pipe.csv", [0xEF, 0xBB, 0xBF] + Array(Self.export("|").utf8), "pipe-separated, UTF-8"),
            ("excel.csv", Self.windows1252(Self.export(";")), "semicolon-separated, Windows-1252"),
            ("unicode.txt", Self.utf16LittleEndian(Self.export("\t")), "tab-separated, UTF-16"),
        ]
        for export in exports {
            let input = scratch.write(export.name, bytes: export.bytes)
            let out = directory + "/out-\(export.name)"
            let result = try CLI.batch(input, out, ["--jobs", "1"])
            #expect(result.status == 0, "\(export.name): \(result.stdout)\(result.stderr)")
            #expect(result.stdout.contains("2 handouts, 0 failed"), "\(export.name)")
            #expect(result.stdout.contains("read as: \(export.readAs)\n"), "\(export.name): \(result.stdout)")
            let text = try CLI.pdfText(out + "/F1.pdf")
            #expect(text.contains("Ren\u{E9} O\u{2019}Brien"), "\(export.name)")
        }
    }

    @Test func checkSaysHowTheFileIsRead() throws {
        let plain = scratch.write("plain.csv", Self.export(","))
        let checked = try CLI.batch(plain, directory + "/out", ["--check"])
        #expect(checked.status == 0, "\(checked.stderr)")
        #expect(checked.stdout.hasPrefix("read as: comma-separated, UTF-8\n"))
        // A plain file's run says nothing of it.
        let made = try CLI.batch(plain, directory + "/out", ["--jobs", "1"])
        #expect(made.status == 0 && !made.stdout.contains("read as"), "\(made.stdout)\(made.stderr)")
        let excel = scratch.write("excel.csv", bytes: Self.windows1252(Self.export(";")))
        let excelCheck = try CLI.batch(excel, directory + "/out", ["--check"])
        #expect(excelCheck.status == 0, "\(excelCheck.stderr)")
        #expect(excelCheck.stdout.contains("read as: semicolon-separated, Windows-1252\n"))
        #expect(excelCheck.stdout.contains("column \"Provider\" -> clinician"))
        #expect(excelCheck.stdout.contains("2 of 2 rows can be made"))
    }

    @Test func flagsAndSettingsWinOverDetection() throws {
        let excel = scratch.write("excel.csv", bytes: Self.windows1252(Self.export(";")))
        // Read with commas, the header is one column holding semicolons: said so, and the fix.
        let commas = try CLI.batch(excel, directory + "/out", ["--check", "--separator", "comma"])
        #expect(commas.status == 2)
        #expect(commas.stderr.contains("the first line reads as one column holding semicolons"), "\(commas.stderr)")
        #expect(commas.stderr.contains("--separator semicolon"))
        let utf8 = try CLI.batch(excel, directory + "/out", ["--check", "--encoding", "utf-8"])
        #expect(utf8.status == 2)
        #expect(utf8.stderr.contains("excel.csv:2: the file is not UTF-8 text"), "\(utf8.stderr)")
        // The settings file over detection, and a flag over the settings file.
        let settings = scratch.write("handout.yaml", "separator: comma\nencoding: utf-8\n")
        #expect(try CLI.batch(excel, directory + "/out", ["--check", "--config", settings]).status == 2)
        let flags = try CLI.batch(excel, directory + "/out", ["--check", "--config", settings, "--separator", ";", "--encoding", "windows-1252"])
        #expect(flags.status == 0, "\(flags.stderr)")
        #expect(flags.stdout.contains("read as: semicolon-separated, Windows-1252"))
        let fixed = scratch.write("fixed.yaml", "separator: semicolon\nencoding: windows-1252\n")
        let fromSettings = try CLI.batch(excel, directory + "/out", ["--check", "--config", fixed])
        #expect(fromSettings.status == 0 && fromSettings.stdout.contains("2 of 2 rows can be made"), "\(fromSettings.stderr)")
    }

    @Test func badValuesStopTheRunNamingTheFlagOrTheLine() throws {
        let plain = scratch.write("plain.csv", Self.export(","))
        let separator = try CLI.batch(plain, directory + "/out", ["--separator", "colon"])
        #expect(separator.status == 2)
        #expect(separator.stderr.contains("--separator"), "\(separator.stderr)")
        let encoding = try CLI.batch(plain, directory + "/out", ["--encoding", "latin9"])
        #expect(encoding.status == 2)
        #expect(encoding.stderr.contains("--encoding"), "\(encoding.stderr)")
        let settings = scratch.write("handout.yaml", "paper: letter\nseparator: colon\n")
        let setting = try CLI.batch(plain, directory + "/out", ["--config", settings])
        #expect(setting.status == 2)
        #expect(setting.stderr.contains("handout.yaml:2:12: separator: must be comma, semicolon, tab or pipe"), "\(setting.stderr)")
        let encodingSetting = scratch.write("encoding.yaml", "encoding: latin9\n")
        let refused = try CLI.batch(plain, directory + "/out", ["--config", encodingSetting])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("encoding.yaml:1:11: encoding: must be utf-8, utf-16 or windows-1252"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory + "/out"))
    }

    /// What a naive `sed 's/;/,/g'` makes of "Raman, Priya MD": one field too many in that row
    /// only. Batch fails it alone; mail says why it is not mailed.
    @Test func aRowThatDoesNotLineUpFailsAloneWithItsCounts() throws {
        let split = Self.export(";", email: true).replacingOccurrences(of: ";", with: ",") + "F3,Cy,Ng,1980-01-01,Ng,cy@example.org\r\n"
        #expect(!split.contains("\""))
        let input = scratch.write("patients.csv", split)
        let words = "7 fields where the header has 6: a separator inside a value that is not quoted?"
        let check = try CLI.batch(input, directory + "/out", ["--check"])
        #expect(check.status == 1)
        #expect(check.stdout.contains("2 of 3 rows can be made"))
        #expect(check.stdout.contains("1 row: \(words)"), "\(check.stdout)")
        let result = try CLI.batch(input, directory + "/out", ["--jobs", "1"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("2 handouts, 1 failed"), "\(result.stdout)")
        #expect(result.stderr.contains("patients.csv:2: \(words)"), "\(result.stderr)")
        let manifest = Dictionary(uniqueKeysWithValues: try scratch.manifest().map { ($0.line, $0) })
        #expect(manifest[2]?.status == .failed && manifest[2]?.id == "")
        #expect(manifest[3]?.status == .ok && manifest[4]?.status == .ok)
        let mail = try CLI.handout(["mail", "--batch", directory + "/out", "--csv", input, "--from", "Clinic <care@clinic.example.org>",
                                    "--clinic", CLI.clinic, "--dry-run"])
        #expect(mail.status == 1)
        #expect(mail.stderr.contains("patients.csv:2: \(words); not mailed"), "\(mail.stderr)")
        #expect(mail.stdout.contains("1 without a handout"), "\(mail.stdout)")
        for secret in ["Priya", "Raman", "1961", "rene@"] {
            #expect(!result.stderr.contains(secret) && !check.stdout.contains(secret) && !mail.stderr.contains(secret))
        }
    }

    @Test func mailReadsTheExportAsBatchDid() throws {
        let input = scratch.write("excel.csv", bytes: Self.windows1252(Self.export(";", email: true)))
        let batch = directory + "/batch"
        let made = try CLI.batch(input, batch, ["--jobs", "1"])
        #expect(made.status == 0, "\(made.stdout)\(made.stderr)")
        try "letmein\n".write(toFile: directory + "/password", atomically: true, encoding: .utf8)
        let server = try SMTPTestServer(in: directory)
        let sent = try CLI.handout(["mail", "--batch", batch, "--csv", input, "--from", "Clinic <care@clinic.example.org>", "--clinic", CLI.clinic,
                                    "--smtp", "smtp://localhost:\(server.port)", "--ca-file", server.caFile,
                                    "--user", "care", "--password-file", directory + "/password"])
        #expect(sent.status == 0, "\(sent.stdout)\(sent.stderr)")
        #expect(sent.stdout.contains("read as: semicolon-separated, Windows-1252\n"), "\(sent.stdout)")
        #expect(sent.stdout.contains("sent 2"))
        #expect(try server.received().map(\.recipients).sorted { $0[0] < $1[0] } == [["bo@example.org"], ["rene@example.org"]])
    }
}
