import Foundation
import HandoutTestSupport
import Testing

/// `batch --log-file`: one JSON line per record and one for the run, appended, 0600, nothing
/// of a patient but the id; never written through a planted link.
@Suite struct BatchLogFileTests {
    let scratch = Scratch()

    func events(_ log: String) throws -> [[String: Any]] {
        try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }

    @Test func eachRecordAndTheRunAreOneJSONLineWithoutThePatient() throws {
        let input = scratch.write("p.csv", realHeader + "L1,Wilhelmina,Zbyszewska,1961-07-19,wz@example.org,Secret note,\n"
                                  + "L2,Bartholomew,Quixote,2999-01-01,,,\n" + validRows(3, prefix: "V"))
        let log = scratch.path + "/batch.log"
        let first = try CLI.batch(input, scratch.path + "/out", ["--jobs", "2", "--log-file", log])
        #expect(first.status == 1, "\(first.stderr)")
        let again = try CLI.batch(input, scratch.path + "/out", ["--jobs", "2", "--log-file", log, "--resume"])
        #expect(again.status == 1, "\(again.stderr)")
        let events = try events(log)
        #expect(events.count == 2 * 6, "\(events)")
        #expect(events.allSatisfy { Set($0.keys).isSubset(of: ["time", "id", "line", "outcome", "reason"]) && $0["time"] is String })
        func count(_ outcome: String, _ reason: String) -> Int {
            events.filter { $0["outcome"] as? String == outcome && $0["reason"] as? String == reason }.count
        }
        #expect(count("ok", "made") == 4 && count("skipped", "already-made") == 4, "\(events)")
        #expect(count("failed", "column 'DOB' is in the future") == 2, "\(events)")
        #expect(count("run-finished", "some-failed") == 2)
        #expect(events.last?["id"] == nil && events.last?["outcome"] as? String == "run-finished")
        let l1 = try #require(events.first { $0["id"] as? String == "L1" })
        #expect(l1["line"] as? Int == 2)
        let text = try String(contentsOfFile: log, encoding: .utf8)
        for cell in ["Wilhelmina", "Zbyszewska", "1961", "example.org", "Secret", "Bartholomew", "2999", "Given0", "Family-0"] {
            #expect(!text.contains(cell), "\(cell) is in the log")
        }
        #expect(try FileManager.default.attributesOfItem(atPath: log)[.posixPermissions] as? Int == 0o600)
        // Nothing goes to the terminal for the log.
        #expect(first.stderr.split(separator: "\n").count == 1, "\(first.stderr)")
    }

    @Test func aPlantedLinkIsNeverWrittenThroughAndCheckWritesNoLog() throws {
        let input = scratch.write("p.csv", realHeader + validRows(2))
        let link = scratch.path + "/link.log"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: scratch.path + "/elsewhere.log")
        let refused = try CLI.batch(input, scratch.path + "/out", ["--log-file", link])
        #expect(refused.status == 2 && refused.stderr.contains("Cannot write the log file '\(link)'"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/elsewhere.log"))
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/out/manifest.csv"))
        let log = scratch.path + "/check.log"
        #expect(try CLI.batch(input, scratch.path + "/out", ["--check", "--log-file", log]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: log))
    }
}
