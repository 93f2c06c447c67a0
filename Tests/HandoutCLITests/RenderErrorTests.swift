import Foundation
import HandoutBatch
import HandoutTestSupport
import Testing

/// Bad input: one clear line on stderr, exit 2, no output file.
@Suite struct RenderErrorTests {
    let scratch = Scratch()
    var directory: String { scratch.path }

    /// `secret`: a patient's value that must not be echoed.
    private func expectRefused(_ arguments: [String], mentioning expected: String, secret: String? = nil,
                               sourceLocation: SourceLocation = #_sourceLocation) throws {
        let output = directory + "/out-\(UUID().uuidString).pdf"
        let result = try CLI.handout(arguments + ["--output", output])
        #expect(result.status == 2, "exit \(result.status): \(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.contains(expected), "stderr: \(result.stderr)", sourceLocation: sourceLocation)
        if let secret { #expect(!result.stderr.contains(secret), "the error repeats a patient's value", sourceLocation: sourceLocation) }
        #expect(result.stderr.split(separator: "\n").count <= 3, sourceLocation: sourceLocation)
        #expect(!FileManager.default.fileExists(atPath: output), sourceLocation: sourceLocation)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasPrefix(".handout-tmp-") }
        #expect(leftovers.isEmpty, sourceLocation: sourceLocation)
    }

    @Test func aMissingFile() throws {
        try expectRefused(["render", "--patient", directory + "/nope.json"], mentioning: "nope.json: cannot read the file")
    }

    @Test func invalidJSONGivesLineAndColumn() throws {
        let path = directory + "/broken.json"
        try "{\n  \"id\": \"1\",\n  \"givenName\": Ana\n}\n".write(toFile: path, atomically: true, encoding: .utf8)
        try expectRefused(["render", "--patient", path], mentioning: "broken.json:3:")
    }

    @Test func aMissingRequiredField() throws {
        let path = try CLI.patientFile(in: directory) { $0.removeValue(forKey: "birthDate") }
        try expectRefused(["render", "--patient", path], mentioning: "required field 'birthDate' is missing")
    }

    @Test func anImpossibleDate() throws {
        let path = try CLI.patientFile(in: directory) { $0["birthDate"] = "1961-02-30" }
        try expectRefused(["render", "--patient", path], mentioning: "field 'birthDate' is not a real date", secret: "1961-02-30")
    }

    @Test func anUnknownFactor() throws {
        let path = try CLI.patientFile(in: directory) { $0["factors"] = ["younger-age", "instabilty"] }
        try expectRefused(["render", "--patient", path], mentioning: "field 'factors': factor 2 is not one this content knows",
                          secret: "instabilty")
    }

    @Test func anUnknownOption() throws {
        try expectRefused(["render", "--patient", CLI.examples + "/patient.json", "--colour", "red"], mentioning: "--colour")
    }

    @Test func contentNoFontCoversIsRefusedNamingTheField() throws {
        let (content, patient) = try CLI.tableContent(in: directory, [["Question", "Answer\u{10FFFD}"], ["How long is recovery?", "Weeks."]])
        try expectRefused(["render", "--patient", patient, "--content", content],
                          mentioning: "field 'sections[0].blocks[0].table.columns[1]' has characters no installed font can print")
    }

    @Test func aPatientWithoutClinicNeedsAClinicFile() throws {
        let path = try CLI.patientFile(in: directory) { $0.removeValue(forKey: "clinic") }
        try expectRefused(["render", "--patient", path], mentioning: "--clinic")
    }
}
