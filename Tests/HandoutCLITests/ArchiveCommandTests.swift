import Foundation
import HandoutTestSupport
import Testing

/// `--archive` (render and batch): a PDF/A-2a file for the patient's chart. The validators run
/// on it in PDFUAValidatorTests; here the command line: never encrypted, the same bytes every
/// run, and a batch that resumes with another --archive makes its handouts again.
@Suite struct ArchiveCommandTests {
    let dir = Scratch()
    var out: String { dir.path + "/out" }
    var patient: String { CLI.examples + "/patient.json" }

    /// The PDF/A identification in the XMP and the sRGB output intent.
    func isArchive(_ path: String) throws -> Bool {
        let xmp = try CLI.run("pdfinfo", ["-meta", path]).stdout
        let objects = try CLI.run("qpdf", ["--json=1", "--json-key=objects", path]).stdout
        return xmp.contains("<pdfaid:part>2</pdfaid:part>") && objects.contains("\"/S\": \"/GTS_PDFA1\"")
    }

    @Test(arguments: [["render", "--patient", CLI.examples + "/patient.json", "--output", "OUT/handout.pdf"],
                      ["batch", CLI.examples + "/patients.csv", "--output-dir", "OUT"]])
    func anArchiveIsNeverEncrypted(_ command: [String]) throws {
        let password = dir.write("password.txt", "open sesame\n")
        let arguments = command.map { $0.replacingOccurrences(of: "OUT", with: out) }
        let result = try CLI.handout(arguments + ["--archive", "--password-file", password])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("--archive and --password-file cannot go together: an archive PDF (PDF/A) may not be encrypted"))
        #expect(!result.stderr.contains("open sesame"))
        #expect(!FileManager.default.fileExists(atPath: out), "something was written")
    }

    @Test func theSameRecordGivesTheSameArchiveBytes() throws {
        let first = dir.path + "/first.pdf", second = dir.path + "/second.pdf", standard = dir.path + "/standard.pdf"
        for path in [first, second] {
            #expect(try CLI.handout(["render", "--patient", patient, "--archive", "--output", path]).status == 0)
        }
        #expect(try CLI.handout(["render", "--patient", patient, "--output", standard]).status == 0)
        let bytes = try #require(FileManager.default.contents(atPath: first))
        #expect(FileManager.default.contents(atPath: second) == bytes)
        #expect(FileManager.default.contents(atPath: standard) != bytes)
        #expect(try isArchive(first) && !(try isArchive(standard)))
    }

    @Test func aBatchMakesArchivesAndResumingWithAnotherArchiveChoiceRedoesThem() throws {
        let input = dir.write("patients.csv", realHeader + validRows(3))
        let archives = try CLI.batch(input, out, ["--archive"])
        #expect(archives.status == 0, "\(archives.stderr)")
        for id in ["T0", "T1", "T2"] {
            #expect(try isArchive("\(out)/\(id).pdf"), "\(id)")
        }
        #expect(try CLI.batch(input, out, ["--resume", "--archive"]).stdout.hasPrefix("0 handouts, 0 failed, 3 skipped"))
        let standard = try CLI.batch(input, out, ["--resume"])
        #expect(standard.stdout.hasPrefix("3 handouts, 0 failed, 0 skipped") && standard.stdout.contains("; 3 redone: 3 changed options\n"))
        #expect(!(try isArchive(out + "/T1.pdf")))
        let again = try CLI.batch(input, out, ["--resume", "--archive"])
        #expect(again.stdout.contains("; 3 redone: 3 changed options\n"))
        #expect(try isArchive(out + "/T1.pdf"))
    }
}
