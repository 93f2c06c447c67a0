import Foundation
import HandoutCore
import HandoutTestSupport
import Testing

/// More than one handout: a record's `topic` (else `--topic`) names the comparison, found among
/// the built-in ones and a clinic's folder (`--content-dir`, files `<topic>.<lang>.yaml`).
@Suite struct TopicsTests {
    let scratch = Scratch()
    static let kneeTitle = "Knee test comparison"
    /// The built-in topic with every language it ships in.
    static let builtInLine = "spinal-fusion: ar, en, es, fr, ht, ko, pt, ru, tl, vi, zh-Hans, zh-Hant"
    static let builtInTitle = "Spinal fusion or motion-preserving"

    /// A clinic folder holding "knee" in English: the built-in English comparison under another title.
    func clinicFolder() throws -> String {
        let folder = scratch.path + "/content"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let builtIn = try String(contentsOfFile: CLI.repository.path + "/Sources/HandoutCore/Resources/Content/spinal-fusion.en.yaml", encoding: .utf8)
        let knee = builtIn.replacingOccurrences(of: "title: \"Spinal fusion or motion-preserving surgery: what to know\"", with: "title: \"\(Self.kneeTitle)\"")
        #expect(knee != builtIn)
        try knee.write(toFile: folder + "/knee.en.yaml", atomically: true, encoding: .utf8)
        try "not content".write(toFile: folder + "/README.txt", atomically: true, encoding: .utf8)
        return folder
    }

    static let header = "id,first_name,last_name,birth_date,language,topic,factors\n"

    func rows(_ topicOfB: String = "") -> String {
        Self.header + """
        A,Ana,Ruiz,1970-01-01,,knee,instability
        B,Bo,Lind,1971-02-02,,\(topicOfB),
        C,Cy,Hart,1972-03-03,,wrist9,
        D,Di,Moss,1973-04-04,es,knee,

        """
    }

    func title(_ file: String) throws -> String { try CLI.pdfText(scratch.path + "/out/" + file) }

    @Test func topicsListsEachTopicWithItsLanguagesInOrder() throws {
        let builtIn = try CLI.handout(["topics"])
        #expect(builtIn.status == 0, "\(builtIn.stderr)")
        #expect(builtIn.stdout.hasPrefix(Self.builtInLine))
        let withClinic = try CLI.handout(["topics", "--content-dir", try clinicFolder()])
        #expect(withClinic.stdout.hasPrefix("knee: en\n" + Self.builtInLine), "\(withClinic.stderr)")
    }

    /// Each translation says where it came from and whether a person reviewed it.
    @Test func topicsShowsEachTranslationsReviewState() throws {
        let folder = try clinicFolder()
        let english = try String(contentsOfFile: folder + "/knee.en.yaml", encoding: .utf8)
        let reviewed = english.replacingOccurrences(of: "language: en\n", with: """
            language: fr
            translation:
              from: "en 1.0"
              method: "professional"
              reviewed: { by: "A. Reviewer, RN", on: "2026-11-02" }

            """)
        try reviewed.write(toFile: folder + "/knee.fr.yaml", atomically: true, encoding: .utf8)
        let result = try CLI.handout(["topics", "--content-dir", folder])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("knee: en, fr\n  fr: professional from en 1.0, reviewed by A. Reviewer, RN on 2026-11-02\n"), "\(result.stdout)")
        #expect(result.stdout.contains("  es: machine-drafted from en 1.0, not reviewed\n"), "\(result.stdout)")
        #expect(!result.stdout.contains("  en:"), "the original is no translation")
    }

    @Test func eachRowGetsItsTopicAndAnUnknownOneFailsOnlyThatRow() throws {
        let input = scratch.write("p.csv", rows())
        let result = try CLI.batch(input, scratch.path + "/out", ["--content-dir", try clinicFolder(), "--jobs", "2"])
        #expect(result.status == 1, "\(result.stderr)")
        let manifest = try scratch.manifest().sorted { $0.line < $1.line }
        #expect(manifest.map(\.status.rawValue) == ["ok", "ok", "failed", "ok"])
        #expect(manifest[2].error.hasPrefix("column 'topic' names no handout topic"), "\(manifest[2].error)")
        #expect(!manifest[2].error.contains("wrist9") && !result.stderr.contains("wrist9") && !result.stdout.contains("wrist9"))
        #expect(try title("A.pdf").contains(Self.kneeTitle))
        #expect(try title("B.pdf").contains(Self.builtInTitle))
        // D asks for Spanish, which "knee" does not have: English, with a warning.
        #expect(try title("D.pdf").contains(Self.kneeTitle))
        #expect(result.stdout.contains("warning: 1 row: column 'language' is Spanish, made in English: no handout in Spanish"), "\(result.stdout)")
    }

    @Test func aChangedTopicRedoesTheRowOnResume() throws {
        let folder = try clinicFolder()
        let input = scratch.write("p.csv", rows())
        _ = try CLI.batch(input, scratch.path + "/out", ["--content-dir", folder, "--jobs", "1"])
        let first = try scratch.manifest()
        try rows("knee").write(toFile: input, atomically: true, encoding: .utf8)
        let changedRow = try CLI.batch(input, scratch.path + "/out", ["--content-dir", folder, "--jobs", "1", "--resume"])
        #expect(changedRow.stdout.contains("1 redone: 1 changed record"), "\(changedRow.stdout)")
        #expect(try title("B.pdf").contains(Self.kneeTitle))
        try rows().write(toFile: input, atomically: true, encoding: .utf8)
        let changedDefault = try CLI.batch(input, scratch.path + "/out", ["--content-dir", folder, "--jobs", "1", "--resume", "--topic", "knee"])
        #expect(changedDefault.stdout.contains("1 redone: 1 changed record"), "\(changedDefault.stdout)")
        #expect(try title("B.pdf").contains(Self.kneeTitle))
        let manifest = try scratch.manifest().sorted { $0.line < $1.line }
        #expect(manifest.first { $0.id == "A" }?.sha256 == first.first { $0.id == "A" }?.sha256)
    }

    @Test func aDefaultTopicFromTheCommandLineChangesOnlyTheOptions() throws {
        let folder = try clinicFolder()
        let input = scratch.write("p.csv", Self.header + "B,Bo,Lind,1971-02-02,,,\n")
        _ = try CLI.batch(input, scratch.path + "/out", ["--content-dir", folder, "--jobs", "1"])
        let again = try CLI.batch(input, scratch.path + "/out", ["--content-dir", folder, "--jobs", "1", "--resume", "--topic", "knee"])
        #expect(again.stdout.contains("1 redone: 1 changed options"), "\(again.stdout)")
        #expect(try title("B.pdf").contains(Self.kneeTitle))
    }

    @Test func renderTakesTheTopicOfTheRecordOrOfTheCommandLine() throws {
        let folder = try clinicFolder()
        let output = scratch.path + "/out.pdf"
        let byOption = try CLI.handout(["render", "--patient", CLI.examples + "/patient.json", "--output", output,
                                        "--content-dir", folder, "--topic", "knee"])
        #expect(byOption.status == 0, "\(byOption.stderr)")
        #expect(try CLI.pdfText(output).contains(Self.kneeTitle))
        let patient = try CLI.patientFile(in: scratch.path) { $0["topic"] = "Knee" }
        try FileManager.default.removeItem(atPath: output)
        let byRecord = try CLI.handout(["render", "--patient", patient, "--output", output, "--content-dir", folder])
        #expect(byRecord.status == 0, "\(byRecord.stderr)")
        #expect(try CLI.pdfText(output).contains(Self.kneeTitle))
        let unknown = try CLI.patientFile(in: scratch.path) { $0["topic"] = "wrist9" }
        let refused = try CLI.handout(["render", "--patient", unknown, "--output", scratch.path + "/no.pdf"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("\(unknown): field 'topic' names no handout topic"), "\(refused.stderr)")
        #expect(!refused.stderr.contains("wrist9"))
    }

    @Test func aClinicFileReplacesTheBuiltInOneOfItsTopicAndLanguage() throws {
        let folder = try clinicFolder()
        try FileManager.default.moveItem(atPath: folder + "/knee.en.yaml", toPath: folder + "/spinal-fusion.en.yaml")
        #expect(try CLI.handout(["topics", "--content-dir", folder]).stdout.hasPrefix(Self.builtInLine + "\n"))
        let output = scratch.path + "/out.pdf"
        let result = try CLI.handout(["render", "--patient", CLI.examples + "/patient.json", "--output", output, "--content-dir", folder])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try CLI.pdfText(output).contains(Self.kneeTitle))
    }

    @Test func aBadClinicFolderStopsTheRunNamingTheFile() throws {
        let folder = try clinicFolder()
        let badName = scratch.write("content/knee.yaml", "id: knee\n")
        let input = scratch.write("p.csv", rows())
        let named = try CLI.batch(input, scratch.path + "/out", ["--content-dir", folder])
        #expect(named.status == 2)
        #expect(named.stderr.contains("\(badName): is not named <topic>.<lang>.yaml"), "\(named.stderr)")
        try FileManager.default.removeItem(atPath: badName)
        let wrongLanguage = scratch.write("content/knee.es.yaml", try String(contentsOfFile: folder + "/knee.en.yaml", encoding: .utf8))
        let mismatch = try CLI.handout(["topics", "--content-dir", folder])
        #expect(mismatch.status == 2)
        #expect(mismatch.stderr.contains("\(wrongLanguage): key 'language' is 'en' but the file name says 'es'"), "\(mismatch.stderr)")
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/out/manifest.csv"))
    }

    @Test func theSettingsFileNamesTheContentFolderAndTheDefaultTopicAndFlagsWin() throws {
        _ = try clinicFolder()
        // Relative to the settings file's folder, whatever folder handout runs in.
        let config = scratch.write("handout.yaml", "content-dir: content\ntopic: Knee\n")
        let listed = try CLI.handout(["topics", "--config", config])
        #expect(listed.stdout.hasPrefix("knee: en\n" + Self.builtInLine + "\n"), "\(listed.stderr)")
        #expect(try CLI.handout(["topics", "--config", config, "--content-dir", scratch.path + "/none-here"]).status == 2)

        let output = scratch.path + "/out.pdf"
        func render(_ extra: [String]) throws -> String {
            try? FileManager.default.removeItem(atPath: output)
            let result = try CLI.handout(["render", "--patient", CLI.examples + "/patient.json", "--output", output, "--config", config] + extra)
            #expect(result.status == 0, "\(result.stderr)")
            return try CLI.pdfText(output)
        }
        #expect(try render([]).contains(Self.kneeTitle))
        #expect(try render(["--topic", "spinal-fusion"]).contains(Self.builtInTitle))
        // --content leaves the file's topics aside instead of clashing with them.
        let content = CLI.repository.path + "/Sources/HandoutCore/Resources/Content/spinal-fusion.en.yaml"
        #expect(try render(["--content", content]).contains(Self.builtInTitle))

        let input = scratch.write("p.csv", Self.header + "B,Bo,Lind,1971-02-02,,,\n")
        let batch = try CLI.batch(input, scratch.path + "/out", ["--config", config, "--jobs", "1"])
        #expect(batch.status == 0, "\(batch.stderr)")
        #expect(try title("B.pdf").contains(Self.kneeTitle))
    }

    @Test func contentIsExclusiveWithTopicsAndTheTopicOptionIsChecked() throws {
        let output = scratch.path + "/out.pdf"
        let content = CLI.repository.path + "/Sources/HandoutCore/Resources/Content/spinal-fusion.en.yaml"
        let both = try CLI.handout(["render", "--patient", CLI.examples + "/patient.json", "--output", output, "--content", content, "--topic", "knee"])
        #expect(both.status == 2)
        #expect(both.stderr.contains("--content makes every handout from one file"), "\(both.stderr)")
        let bad = try CLI.handout(["render", "--patient", CLI.examples + "/patient.json", "--output", output, "--topic", "../etc"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--topic: a topic id is letters, digits and -"), "\(bad.stderr)")
        let unknown = try CLI.handout(["render", "--patient", CLI.examples + "/patient.json", "--output", output, "--topic", "wrist9"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("--topic: field 'topic' names no handout topic"), "\(unknown.stderr)")
    }
}
