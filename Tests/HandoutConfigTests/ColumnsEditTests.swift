import Foundation
import HandoutBatch
import HandoutConfig
import HandoutCore
import Testing

/// The batch page's "Save this mapping" edits the settings file's text: the new spellings are
/// read back by the settings reader, and every other line (comments included) is unchanged.
@Suite struct ColumnsEditTests {
    static func columns(_ text: String) throws -> [String: String] {
        let configuration = try ConfigurationFile.parse(text, file: "handout.yaml", folder: URL(fileURLWithPath: "/clinic"))
        let spellings = configuration.columns
        var columns = Dictionary(uniqueKeysWithValues: spellings.fields.map { ($0.key.flatName, $0.value.joined(separator: " | ")) })
        if !spellings.fullName.isEmpty { columns["name"] = spellings.fullName.joined(separator: " | ") }
        return columns
    }

    /// Lines of `edited` that are not in `original`, in order.
    static func added(_ original: String, _ edited: String) -> [String] {
        var originalLines = original.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        return edited.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { line in
            guard let index = originalLines.firstIndex(of: line) else { return true }
            originalLines.remove(at: index)
            return false
        }
    }

    @Test func aFileWithoutColumnsGetsTheSectionAtItsEnd() throws {
        let original = "# Lakeside's settings\ndate-format: MM/dd/yyyy # as the EHR writes it\n"
        let edited = try ColumnsEdit.adding([("birthDate", "Birth Dt"), ("email", "E-mail ID")], to: original)
        #expect(edited.hasPrefix(original))
        #expect(Self.added(original, edited) == ["columns:", "  birthDate: \"Birth Dt\"", "  email: \"E-mail ID\""])
        #expect(try Self.columns(edited) == ["birthDate": "Birth Dt", "email": "E-mail ID"])
    }

    @Test func aNewFieldGoesAtTheEndOfTheSectionWithItsIndentation() throws {
        let original = """
        # Lakeside's settings
        columns:
            # the athena export
            id: "Account No"   # patient account
            givenName: First

        # what follows stays where it is
        paper: A4

        """
        let edited = try ColumnsEdit.adding([("birthDate", "Birth Dt")], to: original)
        #expect(Self.added(original, edited) == ["    birthDate: \"Birth Dt\""])
        let lines = edited.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[5] == "    birthDate: \"Birth Dt\"", "\(edited)")
        #expect(try Self.columns(edited) == ["id": "Account No", "givenName": "First", "birthDate": "Birth Dt"])
    }

    @Test func anEmptySectionGetsItsFirstEntry() throws {
        let original = "columns:   # none yet\npaper: A4\n"
        let edited = try ColumnsEdit.adding([("email", "E-mail ID")], to: original)
        #expect(edited == "columns:   # none yet\n  email: \"E-mail ID\"\npaper: A4\n")
        let explicit = try ColumnsEdit.adding([("email", "E-mail ID")], to: "columns: null\n")
        #expect(explicit == "columns:\n  email: \"E-mail ID\"\n")
    }

    /// A field saved with another spelling keeps it and gets the new one beside it; the same
    /// spelling again changes nothing.
    @Test func aSecondSpellingMakesAList() throws {
        let original = "columns:\n  birthDate: \"DOB\"   # Epic\n  email: [\"Email\"]\n  mrn:\n    - \"MRN\"\n"
        let edited = try ColumnsEdit.adding([("birthDate", "Birth Dt"), ("email", "E-mail ID"), ("mrn", "Account No")], to: original)
        #expect(edited == "columns:\n  birthDate: [\"DOB\", \"Birth Dt\"]   # Epic\n  email: [\"Email\", \"E-mail ID\"]\n  mrn:\n    - \"MRN\"\n    - \"Account No\"\n")
        #expect(try ColumnsEdit.adding([("birthDate", "DOB")], to: original) == original)
    }

    /// Whatever a header holds reads back as the same text, never as YAML.
    @Test func aHostileHeaderReadsBackAsItself() throws {
        let header = "DOB\" # x\n: [y] \\ \u{202E}\u{7}"
        let edited = try ColumnsEdit.adding([("birthDate", header)], to: "paper: A4\n")
        #expect(edited.split(separator: "\n").count == 3)
        #expect(try Self.columns(edited) == ["birthDate": header])
    }

    @Test func aSectionWrittenInBracesIsLeftToAPerson() throws {
        #expect(throws: ColumnsEdit.Problem.handWritten(line: 2, key: "columns")) {
            try ColumnsEdit.adding([("email", "E-mail ID")], to: "paper: A4\ncolumns: {id: \"Account No\"}\n")
        }
    }
}
