import Foundation
import HandoutConfig
import HandoutTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

/// The batch page's columns: every column with a choice of field, the count of rows for the
/// choices, "Save this mapping" into the settings file, and staff's words for a file that
/// cannot be used as it is (never a command-line flag).
@Suite struct ColumnMappingTests {
    static let settingsText = """
    # Lakeside Spine: settings kept by the office manager
    paper: letter   # US Letter

    # the columns our EHR names in its own way
    columns:
      id: "Patient ID"

    """

    /// The example export with its date of birth column under a name no table knows.
    static var csvWithUnknownColumn: [UInt8] {
        let text = String(decoding: BatchTests.exampleCSV, as: UTF8.self)
        return Array(text.replacingOccurrences(of: "\"DOB\"", with: "\"Geburtsdatum\"").utf8)
    }

    static var exampleRows: Int {
        String(decoding: BatchTests.exampleCSV, as: UTF8.self).split(separator: "\n").filter { $0.hasPrefix("\"P-") }.count
    }

    /// A server whose settings file is `settingsText`, in the fixture's scratch folder.
    static func fixtureWithSettings() throws -> (ServerFixture, String) {
        var fixture = try ServerFixture()
        let file = fixture.scratch.write("handout.yaml", settingsText)
        fixture.settings.configuration.file = file
        return (fixture, file)
    }

    /// The choices a checked page shows, as the form sends them.
    static func choices(in page: String) -> [(String, String)] {
        let selects = page.components(separatedBy: "<select id=\"").dropFirst()
        return selects.map { select in
            let name = String(select.prefix { $0 != "\"" })
            let chosen = select.components(separatedBy: "</select>")[0].components(separatedBy: "<option value=\"")
                .first { $0.contains("\" selected>") }.map { String($0.prefix { $0 != "\"" }) } ?? ""
            return (name, chosen)
        }
    }

    @Test func aColumnChosenOnThePageIsCountedSavedAndNeededNoMoreNextTime() async throws {
        let (fixture, file) = try Self.fixtureWithSettings()
        let rows = Self.exampleRows
        try await fixture.run { client in
            let browser = Browser(client)
            try await browser.get("/batch")
            let uploaded = try await browser.upload("/batch", csv: Self.csvWithUnknownColumn)
            #expect(uploaded.status == .seeOther)
            let batch = String(uploaded.headers[.location]!.split(separator: "?")[0])
            let checked = try await browser.get(batch).body
            // Every column, the unknown one not used, the problem in staff's words.
            #expect(checked.contains("<label for=\"column-3\">Geburtsdatum</label>"))
            #expect(checked.contains("<label for=\"column-1\">First Name</label>"))
            var choices = Self.choices(in: checked)
            #expect(choices.count == 11)
            #expect(choices[3] == ("column-3", ""))
            #expect(choices[1] == ("column-1", "givenName"))
            #expect(checked.contains("No column is chosen for: Date of birth. Choose the column that holds each in the list above."), "\(checked)")
            #expect(checked.contains("id=\"start\" class=\"primary\" disabled"))
            #expect(!checked.contains("--"), "no command-line words")

            // The page's script asks for the count as a choice changes.
            choices[3].1 = "birthDate"
            let counted = try await browser.post(batch + "/columns/count", choices)
            #expect(counted.status == .ok)
            #expect(counted.body.contains("\"count\":\"\(rows) of \(rows) rows can be made.\""), "\(counted.body)")
            #expect(!counted.body.contains("problem"))
            // Two columns for one field are refused, in staff's words.
            let twice = try await browser.post(batch + "/columns", replacing(choices, "column-4", with: "birthDate"))
            #expect(twice.status == .unprocessableContent)
            #expect(twice.body.contains("Two columns are set to “Date of birth”: choose one column for each field."))

            let saved = try await browser.post(batch + "/columns/save", choices)
            #expect(saved.status == .ok)
            #expect(saved.body.contains("Saved in the settings file"), "\(saved.body)")
            #expect(saved.body.contains("\(rows) of \(rows) rows can be made."))
            #expect(!saved.body.contains("id=\"start\" class=\"primary\" disabled"))

            // The next upload of the same export needs no choosing, and makes every row.
            try await browser.get("/batch")
            let again = try await browser.upload("/batch", csv: Self.csvWithUnknownColumn)
            let next = String(again.headers[.location]!.split(separator: "?")[0])
            let page = try await browser.get(next).body
            #expect(Self.choices(in: page)[3] == ("column-3", "birthDate"))
            #expect(page.contains("\(rows) of \(rows) rows can be made."))
            try await browser.post(next + "/start", [])
            let finished = try await BatchTests.waitUntilFinished(browser, next)
            #expect(finished.contains("\(rows) of \(rows) rows done, 0 failed."), "\(finished)")

            // An export that names the column as the detection knows it is not held back by the saved spelling.
            try await browser.get("/batch")
            let usual = try await browser.upload("/batch", csv: BatchTests.exampleCSV)
            let usualPage = try await browser.get(String(usual.headers[.location]!)).body
            #expect(usualPage.contains("\(rows) of \(rows) rows can be made."), "\(usualPage)")
            #expect(!usualPage.contains("id=\"start\" class=\"primary\" disabled"))
        }
        // Only the new line was added; the comments and the rest are as they were; 0600.
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text == Self.settingsText.replacingOccurrences(of: "  id: \"Patient ID\"\n", with: "  id: \"Patient ID\"\n  birthDate: \"Geburtsdatum\"\n"))
        let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(fixture.audit.contains("\"action\":\"saved-columns\""))
        #expect(!fixture.audit.contains("Geburtsdatum"))
    }

    /// Two saves at once (two people, two exports) keep each other's lines.
    @Test func twoSavesAtOnceKeepBoth() async throws {
        let (fixture, file) = try Self.fixtureWithSettings()
        let example = String(decoding: BatchTests.exampleCSV, as: UTF8.self)
        let exports = [("\"DOB\"", "\"Geburtsdatum\"", "column-3", "birthDate"), ("\"Email\"", "\"Kontakt Mail\"", "column-5", "email")]
        try await fixture.run { client in
            var posts: [(Browser, String, [(String, String)])] = []
            for (header, renamed, column, field) in exports {
                let browser = Browser(client)
                try await browser.get("/batch")
                let uploaded = try await browser.upload("/batch", csv: Array(example.replacingOccurrences(of: header, with: renamed).utf8))
                let batch = String(uploaded.headers[.location]!.split(separator: "?")[0])
                posts.append((browser, batch, replacing(Self.choices(in: try await browser.get(batch).body), column, with: field)))
            }
            async let first = posts[0].0.post(posts[0].1 + "/columns/save", posts[0].2)
            async let second = posts[1].0.post(posts[1].1 + "/columns/save", posts[1].2)
            let (one, two) = try await (first, second)
            #expect(one.body.contains("Saved in the settings file") && two.body.contains("Saved in the settings file"))
        }
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.contains("  birthDate: \"Geburtsdatum\"\n") && text.contains("  email: \"Kontakt Mail\"\n"), "\(text)")
        #expect(text.hasPrefix("# Lakeside Spine: settings kept by the office manager\npaper: letter   # US Letter\n"))
    }

    /// Choosing on the page without the script: the form's choices are used by "Check again"
    /// and by the start itself.
    @Test func theStartUsesTheChoicesOfItsForm() async throws {
        let fixture = try ServerFixture()
        let rows = Self.exampleRows
        try await fixture.run { client in
            let browser = Browser(client)
            try await browser.get("/batch")
            let uploaded = try await browser.upload("/batch", csv: Self.csvWithUnknownColumn)
            let batch = String(uploaded.headers[.location]!.split(separator: "?")[0])
            let checked = try await browser.get(batch).body
            // Without a settings file the page says where a mapping would be kept, and has no save.
            #expect(checked.contains("This server runs without a settings file"))
            #expect(!checked.contains("id=\"save-mapping\""))
            let choices = replacing(Self.choices(in: checked), "column-3", with: "birthDate")
            let recounted = try await browser.post(batch + "/columns", choices)
            #expect(recounted.status == .seeOther)
            #expect(try await browser.get(batch).body.contains("\(rows) of \(rows) rows can be made."))
            try await browser.post(batch + "/start", choices)
            let finished = try await BatchTests.waitUntilFinished(browser, batch)
            #expect(finished.contains("\(rows) of \(rows) rows done, 0 failed."), "\(finished)")
        }
    }

    /// An export wider than a form may carry lists its columns with their detected fields, and
    /// its batch starts as before.
    @Test func aVeryWideExportListsItsColumnsAndRuns() async throws {
        let fixture = try ServerFixture()
        let rows = Self.exampleRows
        let lines = String(decoding: BatchTests.exampleCSV, as: UTF8.self).split(separator: "\n").map(String.init)
        let extra = (1...300).map { "\"Extra \($0)\"" }.joined(separator: ",")
        let wide = lines.enumerated().map { $0.offset == 0 ? $0.element + "," + extra : $0.element + String(repeating: ",", count: 300) }
        try await fixture.run { client in
            let browser = Browser(client)
            try await browser.get("/batch")
            let uploaded = try await browser.upload("/batch", csv: Array(wide.joined(separator: "\n").utf8))
            let batch = String(uploaded.headers[.location]!.split(separator: "?")[0])
            let page = try await browser.get(batch).body
            #expect(!page.contains("<select"))
            #expect(page.contains("This file has too many columns (311) to choose them here: the recognized columns are used."))
            #expect(page.contains("<tr><th scope=\"row\">DOB</th><td>Date of birth (birthDate)</td></tr>"))
            try await browser.post(batch + "/start", [])
            let finished = try await BatchTests.waitUntilFinished(browser, batch)
            #expect(finished.contains("\(rows) of \(rows) rows done, 0 failed."), "\(finished)")
        }
    }

    /// A header is the file's text: shown escaped, saved as the same text, never as HTML or YAML.
    @Test func aHostileHeaderIsShownEscapedAndSavedAsItself() async throws {
        let (fixture, file) = try Self.fixtureWithSettings()
        let hostile = "<script>alert(1)</script> \\\" # x: [y]"
        let csv = String(decoding: BatchTests.exampleCSV, as: UTF8.self)
            .replacingOccurrences(of: "\"DOB\"", with: "\"\(hostile.replacingOccurrences(of: "\"", with: "\"\""))\"")
        try await fixture.run { client in
            let browser = Browser(client)
            try await browser.get("/batch")
            let uploaded = try await browser.upload("/batch", csv: Array(csv.utf8))
            let batch = String(uploaded.headers[.location]!.split(separator: "?")[0])
            let checked = try await browser.get(batch).body
            #expect(!checked.contains("<script>alert"))
            #expect(checked.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            let saved = try await browser.post(batch + "/columns/save", replacing(Self.choices(in: checked), "column-3", with: "birthDate"))
            #expect(saved.body.contains("Saved in the settings file"), "\(saved.body)")
        }
        let reread = try ConfigurationFile.parse(String(contentsOfFile: file, encoding: .utf8), file: "handout.yaml",
                                                 folder: URL(fileURLWithPath: fixture.scratch.path))
        #expect(reread.columns.fields[.birthDate] == [hostile])
    }

    /// Saving is a POST like any other: the session's token and this site's own page are needed.
    @Test func savingNeedsTheTokenAndThisSitesPage() async throws {
        let (fixture, file) = try Self.fixtureWithSettings()
        try await fixture.run { client in
            let browser = Browser(client)
            try await browser.get("/batch")
            let uploaded = try await browser.upload("/batch", csv: Self.csvWithUnknownColumn)
            let batch = String(uploaded.headers[.location]!.split(separator: "?")[0])
            let choices = replacing(Self.choices(in: try await browser.get(batch).body), "column-3", with: "birthDate")
            let noToken = try await browser.post(batch + "/columns/save", choices, csrf: false)
            #expect(noToken.status == .forbidden)
            let otherSite = try await browser.post(batch + "/columns/save", choices, headers: [Browser.origin: "http://evil.example"])
            #expect(otherSite.status == .forbidden)
            let counted = try await browser.post(batch + "/columns/count", choices, headers: [Browser.origin: "http://evil.example"])
            #expect(counted.status == .forbidden)
        }
        #expect(try String(contentsOfFile: file, encoding: .utf8) == Self.settingsText)
    }

    /// Files that cannot be used as they are: each page says why in staff's words, never a flag.
    @Test func aFileThatCannotBeUsedIsExplainedWithoutFlags() async throws {
        let fixture = try ServerFixture()
        let example = String(decoding: BatchTests.exampleCSV, as: UTF8.self)
        let files: [(String, String)] = [
            ("a patient's row first", example.split(separator: "\n").dropFirst().joined(separator: "\n")),
            ("two columns for one field", example.replacingOccurrences(of: "\"MRN\"", with: "\"DOB\"")),
            ("dates that read two ways", example.replacingOccurrences(of: #"(\d{4})-(\d{2})-(\d{2})"#, with: "$2/01/$1", options: .regularExpression)),
            ("no header row", "\n\n"),
        ]
        try await fixture.run { client in
            let browser = Browser(client)
            for ui in ["en", "es"] {
                for (what, text) in files {
                    try await browser.get("/batch?ui=\(ui)")
                    let uploaded = try await browser.upload("/batch?ui=\(ui)", csv: Array(text.utf8))
                    let page = uploaded.status == .seeOther ? try await browser.get(uploaded.headers[.location]!).body : uploaded.body
                    #expect(page.contains("class=\"error\""), "\(what): \(page)")
                    #expect(!page.contains("--"), "\(what): \(page)")
                    #expect(!page.contains("1958") && !page.contains("García"), "\(what): no patient's value")
                    #expect(page.contains("<html lang=\"\(ui)\">"))
                }
            }
        }
    }
}
