import Foundation
import HandoutBatch
import HandoutTestSupport
import Testing

/// `--resume` redoes what changed since the last run (the record, the options, the file) and
/// keeps the rest.
@Suite struct ResumeTests {
    static let header = RunnerTests.header
    static let rows = ["R0,Ann,Lee,1990-01-01,,,", "R1,Bo,Li,1980-02-02,,Call me,instability", "R2,Cy,Ng,1970-03-03,,,"]

    let dir = Scratch()
    var out: String { dir.path + "/out" }

    func write(_ rows: [String]) -> String {
        dir.write("p.csv", Self.header + rows.map { $0 + "\n" }.joined())
    }

    @Test func aCorrectedRecordIsRedoneAndTheOthersSkipped() throws {
        _ = try runBatch(write(Self.rows), out: out)
        let before = try readManifest(out + "/manifest.csv")
        var corrected = Self.rows
        corrected[1] = "R1,Bea,Lind,1981-12-24,,Call me,instability"
        let summary = try runBatch(write(corrected), out: out, resume: true)
        #expect(summary.produced == 1 && summary.skipped == 2 && summary.failed == 0)
        #expect(summary.redone == [.record: 1])
        #expect(summary.line.hasSuffix("; 1 redone: 1 changed record"))
        let pdf = try String(contentsOfFile: out + "/R1.pdf", encoding: .utf8)
        #expect(pdf.contains("|Bea Lind|1981-12-24|"))
        let after = try readManifest(out + "/manifest.csv")
        #expect(after.count == 3)
        #expect(after.first { $0.id == "R1" }?.status == "ok")
        #expect(after.first { $0.id == "R1" }?.recordSHA256 != before.first { $0.id == "R1" }?.recordSHA256)
        #expect(after.filter { $0.status == "skipped" }.map(\.id).sorted() == ["R0", "R2"])
        // Skipped rows keep what their handouts were made from, so the next resume skips them too.
        for row in after where row.id != "R1" {
            #expect(row.recordSHA256 == before.first { $0.id == row.id }?.recordSHA256)
        }
        let again = try runBatch(write(corrected), out: out, resume: true)
        #expect(again.skipped == 3 && again.produced == 0 && again.redone.isEmpty)
        #expect(!again.line.contains("redone"))
    }

    @Test func aRecordThatNowFailsKeepsNoHandoutMadeFromItsOldRow() throws {
        _ = try runBatch(write(Self.rows), out: out)
        var corrected = Self.rows
        corrected[0] = "R0,Ann,Lee,1990-02-30,,,"
        corrected[2] = "R2,Cy,Ng,1970-03-03,,,bad-factor"
        let summary = try runBatch(write(corrected), out: out, resume: true)
        #expect(summary.failed == 2 && summary.skipped == 1)
        #expect(dir.files(in: "out") == ["R1.pdf", "manifest.csv"])
    }

    @Test func changedOptionsRedoEveryRecord() throws {
        let input = write(Self.rows)
        _ = try runBatch(input, out: out, renderOptions: "letter")
        let summary = try runBatch(input, out: out, resume: true, renderOptions: "large print")
        #expect(summary.produced == 3 && summary.skipped == 0)
        #expect(summary.redone == [.options: 3])
        #expect(summary.line.hasSuffix("; 3 redone: 3 changed options"))
        let digests = Set(try readManifest(out + "/manifest.csv").map(\.optionsSHA256))
        #expect(digests.count == 1 && digests.first?.count == 64)
        #expect(try runBatch(input, out: out, resume: true, renderOptions: "large print").skipped == 3)
    }

    @Test func theDigestsAreKeyedByASecretOfTheOutputDirectory() throws {
        let input = write(Self.rows)
        let other = out + "-other"
        _ = try runBatch(input, out: out, renderOptions: "letter")
        _ = try runBatch(input, out: other, renderOptions: "letter")
        let first = try readManifest(out + "/manifest.csv"), second = try readManifest(other + "/manifest.csv")
        // A plain digest would let whoever reads the manifest confirm a guessed record or password.
        #expect(!first.contains { $0.optionsSHA256 == SourceDigest.of("letter") })
        #expect(Set(first.map(\.recordSHA256)).isDisjoint(with: second.map(\.recordSHA256)))
        var info = stat()
        #expect(stat(out + "/.handout-resume-key", &info) == 0 && info.st_mode & 0o777 == 0o600 && info.st_size == 32)
    }

    @Test func eachRedoneRecordIsCountedUnderOneReason() throws {
        let input = write(Self.rows + ["R3,Di,Oz,1960-04-04,,,"])
        _ = try runBatch(input, out: out)
        try FileManager.default.removeItem(atPath: out + "/R0.pdf")
        try Data("altered".utf8).write(to: URL(fileURLWithPath: out + "/R3.pdf"))
        var changed = Self.rows + ["R3,Di,Oz,1960-04-04,,,"]
        changed[0] = "R0,Ann,Lee,1990-01-02,,,"  // missing and changed: the file comes first
        changed[2] = "R2,Cy,Ng,1970-03-04,,,"
        let summary = try runBatch(write(changed), out: out, resume: true)
        #expect(summary.produced == 3 && summary.skipped == 1)
        #expect(summary.redone == [.file: 2, .record: 1])
        #expect(summary.line.hasSuffix("; 3 redone: 2 missing or altered files, 1 changed record"))
    }

    @Test func aManifestWithoutSourceDigestsIsRedoneAndRewritten() throws {
        let input = write(Self.rows + ["R9,Fa,Qu,2999-01-01,,,"])
        _ = try runBatch(input, out: out)
        let current = try readManifest(out + "/manifest.csv")
        // The manifest as the previous version wrote it: no record_sha256, options_sha256.
        let old = "id,line,status,file,pages,bytes,sha256,error\n" + current.map { row in
            "\(row.id),\(row.line),\(row.status),\(row.file),\(row.file.isEmpty ? "" : "1"),,\(row.sha256),\(row.error)\n"
        }.joined()
        dir.write("out/manifest.csv", old)
        #expect(try readManifest(out + "/manifest.csv").map(\.sha256) == current.map(\.sha256))

        // --limit 2: the rows of records this run does not reach stay, under the new header.
        let summary = try runBatch(input, out: out, limit: 2, resume: true)
        #expect(summary.produced == 2 && summary.skipped == 0)
        #expect(summary.redone == [.unrecorded: 2])
        #expect(summary.line.hasSuffix("; 2 redone: 2 from an older manifest"))
        let text = try String(contentsOfFile: out + "/manifest.csv", encoding: .utf8)
        #expect(text.hasPrefix(ManifestEntry.header.joined(separator: ",") + "\n"))
        let rows = try readManifest(out + "/manifest.csv")
        #expect(rows.map(\.line).sorted() == [2, 3, 4, 5])
        #expect(rows.first { $0.id == "R2" }?.recordSHA256 == "")
        #expect(rows.first { $0.id == "R9" }?.error == "column 'DOB' is in the future")

        let whole = try runBatch(input, out: out, resume: true)
        #expect(whole.skipped == 2 && whole.produced == 1 && whole.failed == 1 && whole.redone == [.unrecorded: 1])
    }

    /// A manifest written before the handout's facts, or before the warnings and previews columns
    /// too (mail reads such folders), is read as it is, its rows kept by resume, and rewritten
    /// under the current header.
    @Test(arguments: [(4, "id,line,status,file,pages,bytes,sha256,record_sha256,options_sha256,error,warnings,previews"),
                      (6, "id,line,status,file,pages,bytes,sha256,record_sha256,options_sha256,error")])
    func anOlderManifestIsReadKeptAndRewritten(newerColumns: Int, header: String) throws {
        _ = try runBatch(write(Self.rows), out: out)
        let current = try String(contentsOfFile: out + "/manifest.csv", encoding: .utf8)
        let older = current.split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).dropLast(newerColumns).joined(separator: ",")
        }
        #expect(older[0] == header)
        dir.write("out/manifest.csv", older.joined(separator: "\n") + "\n")
        #expect(try readManifest(out + "/manifest.csv").map(\.status) == ["ok", "ok", "ok"])
        let summary = try runBatch(write(Self.rows), out: out, resume: true)
        #expect(summary.skipped == 3 && summary.produced == 0)
        #expect(try String(contentsOfFile: out + "/manifest.csv", encoding: .utf8).hasPrefix(ManifestEntry.header.joined(separator: ",") + "\n"))
    }

    /// The warnings column gives codes, never a value; the summary still counts them.
    @Test func anAppointmentInThePastIsAWarningInTheManifest() throws {
        let input = dir.write("p.ndjson", #"""
        {"id":"A1","givenName":"Ann","familyName":"Lee","birthDate":"1990-01-01","appointment":{"date":"2025-05-31","time":"9:30 AM"}}
        {"id":"A2","givenName":"Bo","familyName":"Li","birthDate":"1990-01-01","appointment":{"date":"2025-06-01","time":"9:30 AM"}}
        {"id":"A3","givenName":"Cy","familyName":"Ng","birthDate":"1990-01-01"}
        """#)
        let summary = try runBatch(input, out: out)
        #expect(summary.warnings.lines == ["1 row: field 'appointment.date' is in the past; the handout still gives that appointment"])
        var warnings: [String: [RecordWarning]] = [:]
        try ManifestReader.read(path: out + "/manifest.csv") { warnings[$0.id] = $0.warnings }
        #expect(warnings == ["A1": [.appointmentInPast], "A2": [], "A3": []])
        let text = try String(contentsOfFile: out + "/manifest.csv", encoding: .utf8)
        #expect(text.contains(",appointment-in-past,") && !text.contains("2025-05-31"))
        // Kept by resume, the row keeps its warning.
        _ = try runBatch(input, out: out, resume: true)
        warnings = [:]
        try ManifestReader.read(path: out + "/manifest.csv") { warnings[$0.id] = $0.warnings }
        #expect(warnings["A1"] == [.appointmentInPast])
    }

    @Test func theManifestHoldsNoPatientValues() throws {
        let input = dir.write("p.csv", Self.header + "S1,Xavier,Quintana-Obi,1966-06-16,xq@example.org,Knee pain,osteoporosis\n")
        _ = try runBatch(input, out: out)
        _ = try runBatch(dir.write("p.csv", Self.header + "S1,Xaviera,Quintana-Obi,1966-06-16,xq@example.org,Knee pain,osteoporosis\n"),
                         out: out, resume: true)
        let text = try String(contentsOfFile: out + "/manifest.csv", encoding: .utf8)
        for value in ["Xavier", "Quintana", "1966", "xq@", "example.org", "Knee", "osteoporosis"] {
            #expect(!text.contains(value), "the manifest holds \(value)")
        }
        let row = try #require(try readManifest(out + "/manifest.csv").first)
        #expect(row.recordSHA256.count == 64 && row.recordSHA256.allSatisfy(\.isHexDigit))
    }
}
