import Foundation
import HandoutTestSupport
import HandoutBatch
import HandoutCore
import Testing

/// The engine with an in-test producer; the end-to-end tests run the real binary.
@Suite struct RunnerTests {
    static let header = "\"Patient ID\",\"First Name\",\"Last Name\",\"DOB\",\"Email\",\"Notes\",\"Factors\"\n"

    @Test func hostileRowsFailAloneWithLineIdAndColumn() throws {
        let dir = Scratch()
        let csv = Self.header + #"""
        P1,Ana,García,1980-01-02,ana@example.org,"Line one
        line two",instability;osteoporosis
        P2,Bo,Li,2999-01-01,,,
        P3,Cy,Ng,1990-02-30,,,

        P4,Di,Oz,1970-05-05,not-an-email,,
        P1,Ed,Po,1970-05-05,,,
        ../../x,Fa,Qu,1970-05-05,,,
        CON,Gi,Re,1970-05-05,,,
        P5,,Su,1970-05-05,,,
        P6,Hu,Ty,1970-05-05,,,bad-factor
        ,Ia,Uv,1970-05-05,,,
        P7,Jo,"Wu, Jr.",1970-05-05,,"He said ""hi""",younger-age|deformity
        """#
        let input = dir.write("patients.csv", csv)
        let summary = try runBatch(input, out: dir.path + "/out")
        #expect(summary.produced == 3)
        #expect(summary.failed == 8)
        #expect(summary.exitCode == 1)
        let rows = try readManifest(dir.path + "/out/manifest.csv").sorted { $0.line < $1.line }
        let byLine = Dictionary(uniqueKeysWithValues: rows.map { ($0.line, $0) })
        #expect(rows.count == 11)
        #expect(byLine[2]?.status == "ok" && byLine[2]?.file == "P1.pdf")
        #expect(byLine[4]?.error == "column 'DOB' is in the future")
        #expect(byLine[5]?.error == "column 'DOB' is not a real date in the form YYYY-MM-DD")
        #expect(byLine[7]?.status == "ok")  // an address mail cannot use never blocks the handout
        #expect(byLine[8]?.error == "column 'Patient ID' is a duplicate of line 2")
        #expect(byLine[9]?.id == "" && byLine[9]?.error.hasPrefix("column 'Patient ID' contains a path separator") == true)
        #expect(byLine[10]?.error.contains("reserved device name") == true)
        #expect(byLine[11]?.error == "column 'First Name' is empty; a value is required")
        #expect(byLine[12]?.error.hasPrefix("column 'Factors' has a factor the handout content does not know") == true)
        #expect(byLine[13]?.error == "column 'Patient ID' is empty; a value is required")
        #expect(byLine[14]?.status == "ok")
        // Nothing outside the output directory; only the safe ids became files.
        #expect(dir.files(in: "out") == ["P1.pdf", "P4.pdf", "P7.pdf", "manifest.csv"])
        #expect(dir.files(in: "").sorted() == ["out", "patients.csv"])
        // Privacy: no names, dates or emails in the manifest.
        // The digest columns are keyed hex, which may hold "2999" by chance: only the other cells count.
        let manifest = try String(contentsOfFile: dir.path + "/out/manifest.csv", encoding: .utf8)
            .replacingOccurrences(of: "[0-9a-f]{64}", with: "", options: .regularExpression)
        for value in ["Ana", "García", "1980", "2999", "not-an-email", "Wu"] { #expect(!manifest.contains(value)) }
        // Quoted commas, quotes and newlines reach the record.
        let p7 = try String(contentsOfFile: dir.path + "/out/P7.pdf", encoding: .utf8)
        #expect(p7.contains("Jo Wu, Jr.|1970-05-05|He said \"hi\"|younger-age,deformity|"))
        let p1 = try String(contentsOfFile: dir.path + "/out/P1.pdf", encoding: .utf8)
        #expect(p1.contains("Line one\nline two|instability,osteoporosis|"))
    }

    @Test func filesAndManifestAreMode0600() throws {
        let dir = Scratch()
        let input = dir.write("p.csv", Self.header + "A1,Ann,Lee,1990-01-01,,,\n")
        _ = try runBatch(input, out: dir.path + "/out")
        for name in ["A1.pdf", "manifest.csv"] {
            let attributes = try FileManager.default.attributesOfItem(atPath: "\(dir.path)/out/\(name)")
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        }
    }

    @Test func dateFormatConvertsStrictly() throws {
        let dir = Scratch()
        let input = dir.write("p.csv", "id,first_name,last_name,Date of Birth,Appointment Date\nA,a,b,02/28/1990,07/01/2025\nB,a,b,02/30/1990,\nC,a,b,1990-02-28,\nD,a,b,01/01/1990,13/01/2025\n")
        let summary = try runBatch(input, out: dir.path + "/out", dateFormat: "MM/dd/yyyy")
        #expect(summary.produced == 1 && summary.failed == 3)
        let rows = Dictionary(uniqueKeysWithValues: try readManifest(dir.path + "/out/manifest.csv").map { ($0.id, $0) })
        #expect(rows["B"]?.error == "column 'Date of Birth' is not a real date in the form MM/dd/yyyy")
        #expect(rows["C"]?.error == "column 'Date of Birth' is not a real date in the form MM/dd/yyyy")
        #expect(rows["D"]?.error == "column 'Appointment Date' is not a real date in the form MM/dd/yyyy")
        let a = try String(contentsOfFile: dir.path + "/out/A.pdf", encoding: .utf8)
        #expect(a.contains("|1990-02-28|") && a.hasSuffix("|2025-07-01\n"))
    }

    @Test func missingColumnStopsBeforeAnyOutput() throws {
        let dir = Scratch()
        let input = dir.write("p.csv", "Patient ID,First Name,Surname\n1,a,b\n")
        #expect(throws: BatchError.missingColumns(path: input, fields: [.birthDate], found: ["Patient ID", "First Name", "Surname"])) {
            try runBatch(input, out: dir.path + "/out")
        }
        #expect(dir.files(in: "out").isEmpty)
    }

    @Test func producerThatCannotStartIsExit2() throws {
        struct NoFont: Error, LocalizedError { var errorDescription: String? { "no font" } }
        let dir = Scratch()
        let input = dir.write("p.csv", Self.header + "A1,Ann,Lee,1990-01-01,,,\n")
        #expect(throws: BatchError.rendererUnavailable("no font")) {
            try runBatch(input, out: dir.path + "/out", producer: { throw NoFont() })
        }
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/out/manifest.csv"))
    }

    @Test func jobsDoNotChangeTheOutput() throws {
        let dir = Scratch()
        var csv = Self.header
        for i in 0..<200 { csv += "ID\(i),Given\(i),Family,19\(50 + i % 50)-0\(1 + i % 9)-1\(i % 10),,,\n" }
        let input = dir.write("p.csv", csv)
        _ = try runBatch(input, out: dir.path + "/one", jobs: 1)
        try dir.shareResumeKey(from: "one", with: "four")
        _ = try runBatch(input, out: dir.path + "/four", jobs: 4)
        #expect(dir.files(in: "one") == dir.files(in: "four"))
        for name in dir.files(in: "one") where name.hasSuffix(".pdf") {
            #expect(FileManager.default.contents(atPath: "\(dir.path)/one/\(name)") == FileManager.default.contents(atPath: "\(dir.path)/four/\(name)"))
        }
        let one = try readManifest(dir.path + "/one/manifest.csv").sorted { $0.line < $1.line }
        let four = try readManifest(dir.path + "/four/manifest.csv").sorted { $0.line < $1.line }
        #expect(one == four)
    }

    @Test func shardsSplitTheFileAndStillSeeDuplicates() throws {
        let dir = Scratch()
        let input = dir.write("p.csv", Self.header + (0..<10).map { "S\($0),a,b,1990-01-01,,,\n" }.joined() + "S1,a,b,1990-01-01,,,\n")
        var all: [String] = []
        for k in 0..<3 {
            let summary = try runBatch(input, out: dir.path + "/out", shard: try Shard(index: k, count: 3))
            all += try readManifest("\(dir.path)/out/manifest-\(k)-of-3.csv").map(\.id)
            if k == 1 { #expect(summary.failed == 1) }  // record index 10 (S1 again) is shard 1's
        }
        #expect(all.sorted() == ((0..<10).map { "S\($0)" } + ["S1"]).sorted())
        #expect(dir.files(in: "out").filter { $0.hasSuffix(".pdf") }.count == 10)
    }

    @Test func limitStopsEarly() throws {
        let dir = Scratch()
        let input = dir.write("p.csv", Self.header + (0..<10).map { "L\($0),a,b,1990-01-01,,,\n" }.joined())
        let summary = try runBatch(input, out: dir.path + "/out", limit: 3)
        #expect(summary.produced == 3)
        #expect(try readManifest(dir.path + "/out/manifest.csv").map(\.id).sorted() == ["L0", "L1", "L2"])
    }

    @Test func resumeSkipsIntactFilesAndRedoesTheRest() throws {
        let dir = Scratch()
        let input = dir.write("p.csv", Self.header + (0..<6).map { "R\($0),a,b,1990-01-01,,,\n" }.joined() + "R9,a,b,2999-01-01,,,\n")
        let out = dir.path + "/out"
        _ = try runBatch(input, out: out)
        // A file changed, a file removed, a stale temp file, a torn manifest line.
        try Data("tampered".utf8).write(to: URL(fileURLWithPath: out + "/R1.pdf"))
        try FileManager.default.removeItem(atPath: out + "/R2.pdf")
        _ = FileManager.default.createFile(atPath: out + "/.handout-tmp-0of1-R3.pdf", contents: Data("half".utf8))
        let handle = FileHandle(forWritingAtPath: out + "/manifest.csv")!
        handle.seekToEndOfFile()
        handle.write(Data("R5,7,ok,R5.pdf,1,9".utf8))
        handle.closeFile()
        let summary = try runBatch(input, out: out, resume: true)
        #expect(summary.skipped == 4 && summary.produced == 2 && summary.failed == 1)
        #expect(summary.redone == [.file: 2])
        let rows = try readManifest(out + "/manifest.csv")
        #expect(rows.count == 7)
        #expect(Set(rows.map(\.line)).count == 7)
        #expect(rows.first { $0.id == "R1" }?.status == "ok")
        #expect(rows.first { $0.id == "R0" }?.status == "skipped")
        #expect(dir.files(in: "out") == ["R0.pdf", "R1.pdf", "R2.pdf", "R3.pdf", "R4.pdf", "R5.pdf", "manifest.csv"])
        #expect(FileManager.default.contents(atPath: out + "/R1.pdf") != Data("tampered".utf8))
    }

    @Test func ndjsonInput() throws {
        let dir = Scratch()
        let input = dir.write("p.ndjson", #"""
        {"id":"N1","givenName":"Zoë","familyName":"Ødegård","birthDate":"1985-03-04","appointment":{"date":"2025-07-01","time":"9:30 AM"}}

        {"id":"N2","givenName":"x","familyName":"y","birthDate":"1985-03-04","email":"bad"}
        not json
        {"id":"../N3","givenName":"x","familyName":"y","birthDate":"1985-03-04"}
        """#)
        let summary = try runBatch(input, out: dir.path + "/out")
        #expect(summary.produced == 2 && summary.failed == 2)
        let rows = Dictionary(uniqueKeysWithValues: try readManifest(dir.path + "/out/manifest.csv").map { ($0.line, $0) })
        #expect(rows[3]?.status == "ok")
        #expect(rows[4]?.error == "is not one JSON object { ... } on one line")
        #expect(rows[5]?.error.hasPrefix("field 'id' contains a path separator") == true)
    }
}
