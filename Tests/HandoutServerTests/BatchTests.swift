import Foundation
import HandoutTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

/// The batch page through the router: upload, the mapping, the run, the ZIP, the clean-up.
@Suite struct BatchTests {
    static var exampleCSV: [UInt8] { Array(try! Data(contentsOf: URL(fileURLWithPath: CLI.examples + "/patients.csv"))) }

    /// The example export with one row made bad (an impossible birth date).
    static var csvWithABadRow: [UInt8] {
        var lines = String(decoding: exampleCSV, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[2] = lines[2].replacingOccurrences(of: "\"1949-02-14\"", with: "\"1949-02-31\"")
        return Array(lines.joined(separator: "\n").utf8)
    }

    @Test func anUploadShowsTheMappingThenRunsAndGivesTheZIPOnce() async throws {
        let fixture = try ServerFixture()
        let scratch = fixture.scratch
        // What `handout batch --check` says of the same file.
        let check = try CLI.batch(scratch.write("bad-row.csv", bytes: Self.csvWithABadRow), scratch.path + "/out", ["--check"])
        let counts = check.stdout.split(separator: "\n").last { $0.hasSuffix("rows can be made") }?.split(separator: " ") ?? []
        let (valid, total) = (Int(counts.first ?? "") ?? -1, Int(counts.dropFirst(2).first ?? "") ?? -1)
        #expect(valid == total - 1, "\(check.stdout)")
        try await fixture.run { client in
            let browser = Browser(client)
            try await browser.get("/batch")
            let uploaded = try await browser.upload("/batch", csv: Self.csvWithABadRow)
            #expect(uploaded.status == .seeOther)
            let page = try await browser.get(uploaded.headers[.location]!)
            #expect(page.body.contains("<label for=\"column-1\">First Name</label>"))
            #expect(page.body.contains("<select id=\"column-1\" name=\"column-1\"><option value=\"\">Not used</option>"))
            #expect(page.body.contains("<option value=\"givenName\" selected>Given name (givenName)</option>"))
            #expect(page.body.contains("<label for=\"column-3\">DOB</label>"))
            #expect(page.body.contains("<option value=\"birthDate\" selected>Date of birth (birthDate)</option>"))
            #expect(page.body.contains("\(valid) of \(total) rows can be made."))
            let batch = String(uploaded.headers[.location]!.split(separator: "?")[0])
            let started = try await browser.post(batch + "/start", [])
            #expect(started.status == .seeOther)
            let finished = try await Self.waitUntilFinished(browser, batch)
            #expect(finished.contains("Rows that failed"))
            #expect(finished.contains("<td>3</td><td>P-000102</td><td>"))
            #expect(!finished.contains("Lef\u{E8}vre") && !finished.contains("1949-02-31"), "no values of a failed row")
            let zip = try await browser.raw(batch + "/zip")
            #expect(zip.status == .ok)
            #expect(zip.headers[.contentType] == "application/zip")
            let path = scratch.write("handouts.zip", bytes: zip.bytes)
            // Python's zipfile reads it and checks every entry's CRC.
            let listing = try CLI.run("python3", ["-c", "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); "
                + "assert z.testzip() is None; print('\\n'.join(z.namelist()))", path])
            #expect(listing.status == 0, "\(listing.stderr)")
            let names = listing.stdout.split(separator: "\n").map(String.init)
            #expect(names.filter { $0.hasSuffix(".pdf") }.count == valid)
            #expect(names.contains("manifest.csv"))
            #expect(!names.contains("P-000102.pdf"))
            // Downloading does not remove the batch: it is kept for its keeping days.
            let again = try await browser.raw(batch + "/zip")
            #expect(again.bytes == zip.bytes)
        }
        #expect(fixture.leftovers.contains { $0.hasSuffix("/handouts.zip") }, "\(fixture.leftovers)")
        #expect(fixture.audit.contains("\"action\":\"ran-batch\""))
        #expect(fixture.audit.contains("\"action\":\"downloaded-batch\""))
    }

    /// The start form's "Printed on" day prints in every handout, as `handout batch --date` prints it:
    /// the same bytes. A day that is no day is refused, nothing started.
    @Test func thePrintedDayOfTheStartFormIsTheBatchsDate() async throws {
        let fixture = try ServerFixture()
        let scratch = fixture.scratch
        let cli = try CLI.batch(CLI.examples + "/patients.csv", scratch.path + "/cli", ["--date", "2031-11-30", "--jobs", "1"])
        #expect(cli.status == 0, "\(cli.stderr)")
        try await fixture.run { client in
            let browser = Browser(client)
            try await browser.get("/batch")
            let uploaded = try await browser.upload("/batch", csv: Self.exampleCSV)
            let batch = String(uploaded.headers[.location]!.split(separator: "?")[0])
            let checked = try await browser.get(batch)
            #expect(checked.body.contains("<label for=\"f-printedOn\">Printed on</label>"))
            let refused = try await browser.post(batch + "/start", [("printedOn", "30/11/2031")])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body.contains("role=\"alert\">Printed on is not a real date in the form YYYY-MM-DD</p>"), "\(refused.body)")
            #expect(refused.body.contains("value=\"30/11/2031\"") && refused.body.contains("id=\"start\""))
            try await browser.post(batch + "/start", [("printedOn", "2031-11-30")])
            _ = try await Self.waitUntilFinished(browser, batch)
            let zip = try await browser.raw(batch + "/zip")
            let unzipped = scratch.path + "/unzipped"
            let path = scratch.write("printed.zip", bytes: zip.bytes)
            #expect(try CLI.run("python3", ["-c", "import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])", path, unzipped]).status == 0)
        }
        for id in ["P-000101", "P-000110"] {
            let served = try Data(contentsOf: URL(fileURLWithPath: "\(scratch.path)/unzipped/\(id).pdf"))
            #expect(served == (try Data(contentsOf: URL(fileURLWithPath: "\(scratch.path)/cli/\(id).pdf"))), "\(id): the page's PDF is the CLI's")
            #expect(try CLI.pdfText("\(scratch.path)/unzipped/\(id).pdf").contains("Printed November 30, 2031"))
        }
    }

    /// A record that crashes its renderer (an abort, a memory fault) fails alone, as in `handout
    /// batch`: the batch goes on with a new renderer process, and the server goes on serving.
    @Test func aRecordThatCrashesItsRendererFailsAloneAndTheServerStaysUp() async throws {
        let fixture = try ServerFixture { $0.rendererCommand = ServerFixture.scriptedRenderer }
        let csv = "id,first_name,last_name,birth_date\nP1,Ana,Lopez,1961-04-17\nP2,CRASH,Lopez,1961-04-17\n"
            + "P3,Bo,Lopez,1961-04-17\nP4,SEGV,Lopez,1961-04-17\nP5,Cy,Lopez,1961-04-17\n"
        try await fixture.run { client in
            let browser = Browser(client)
            let (batch, finished) = try await browser.runBatch(Array(csv.utf8))
            #expect(finished.contains("5 of 5 rows done, 2 failed."), "\(finished)")
            #expect(finished.contains("<td>3</td><td>P2</td><td>could not be rendered: the renderer stopped on this record (signal 6, an abort in the renderer)"))
            #expect(finished.contains("<td>5</td><td>P4</td><td>could not be rendered: the renderer stopped on this record (signal 11, a memory fault"))
            let form = try await browser.get("/")
            #expect(form.status == .ok, "the server still serves")
            let zip = try await browser.raw(batch + "/zip")
            let path = fixture.scratch.write("crashes.zip", bytes: zip.bytes)
            let listing = try CLI.run("python3", ["-c", "import sys, zipfile; print(' '.join(sorted(zipfile.ZipFile(sys.argv[1]).namelist())))", path])
            #expect(listing.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "P1.pdf P3.pdf P5.pdf manifest.csv")
        }
    }

    /// One cap on renderer processes across batches: with room for one, a second batch waits its
    /// turn, and its page says so; then both finish.
    @Test func aBatchWaitsForRenderersWhileAnotherRuns() async throws {
        let fixture = try ServerFixture {
            $0.rendererCommand = ServerFixture.scriptedRenderer
            $0.maximumRenderers = 1
        }
        // The first batch's record holds its renderer until the test lets it go.
        let release = "queue\(UUID().uuidString.prefix(8))"
        let releaseFile = NSTemporaryDirectory() + "/handout-release-" + release
        defer { try? FileManager.default.removeItem(atPath: releaseFile) }
        let slow = Array("id,first_name,last_name,birth_date\nP1,WAIT,\(release),1961-04-17\n".utf8)
        let quick = Array("id,first_name,last_name,birth_date\nP2,Ana,Lopez,1961-04-17\n".utf8)
        try await fixture.run { client in
            let first = Browser(client)
            try await first.get("/batch")
            let firstBatch = String(try await first.upload("/batch", csv: slow).headers[.location]!.split(separator: "?")[0])
            let second = Browser(client)
            try await second.get("/batch")
            let secondBatch = String(try await second.upload("/batch", csv: quick).headers[.location]!.split(separator: "?")[0])
            try await first.post(firstBatch + "/start", [])
            // The first holds the one renderer before the second starts.
            for _ in 0..<600 where !(try await first.get(firstBatch + "/status").body.contains("\"state\":\"running\"")) {
                try await Task.sleep(for: .milliseconds(50))
            }
            try await second.post(secondBatch + "/start", [])
            let waiting = try await second.get(secondBatch)
            #expect(waiting.body.contains("Waiting for the renderers: 0 batches or handouts are ahead of this one."), "\(waiting.body)")
            FileManager.default.createFile(atPath: releaseFile, contents: Data())
            #expect(try await Self.waitUntilFinished(first, firstBatch).contains("1 of 1 rows done, 0 failed."))
            #expect(try await Self.waitUntilFinished(second, secondBatch).contains("1 of 1 rows done, 0 failed."))
        }
    }

    @Test func anOversizeUploadIsRefusedWithTheLimit() async throws {
        let fixture = try ServerFixture { $0.uploadLimit = 2_000_000 }
        try await fixture.run { client in
            let browser = Browser(client)
            try await browser.get("/batch")
            let refused = try await browser.upload("/batch", csv: [UInt8](repeating: UInt8(ascii: "a"), count: 2_100_000))
            #expect(refused.status == .contentTooLarge)
            #expect(refused.body.contains("larger than the limit of 2 MB"))
        }
        #expect(fixture.leftovers.isEmpty)
    }

    /// A file without the needed columns is kept and its columns shown, with what to choose in
    /// staff's words (not the CLI's `--map`); one whose first line names no column Handout knows
    /// (it may be a patient's row) is refused without showing it. Nothing is left behind.
    @Test func aFileWithoutTheNeededColumnsIsExplained() async throws {
        let fixture = try ServerFixture()
        try await fixture.run { client in
            let browser = Browser(client)
            try await browser.get("/batch")
            let kept = try await browser.upload("/batch", csv: Array("Patient ID,Colour\nP-1,blue\n".utf8))
            #expect(kept.status == .seeOther)
            let page = try await browser.get(kept.headers[.location]!).body
            #expect(page.contains("No column is chosen for: Given name, Family name, Date of birth. Choose the column that holds each in the list above."), "\(page)")
            #expect(page.contains("<label for=\"column-1\">Colour</label>"))
            try await browser.get("/batch")
            let refused = try await browser.upload("/batch", csv: Array("P-1,blue\nP-2,green\n".utf8))
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body.contains("The first line of the file names no column Handout knows"))
            #expect(!refused.body.contains("blue") && !refused.body.contains("--"))
        }
        #expect(fixture.leftovers.isEmpty)
    }

    @Test func anUnusedBatchIsRemovedWhenItExpires() async throws {
        let time = ManualClock()
        let fixture = try ServerFixture { $0.batchLifetime = 900; $0.sweepInterval = 0.05; $0.clock = time.clock }
        try await fixture.run { client in
            let browser = Browser(client)
            try await browser.get("/batch")
            let uploaded = try await browser.upload("/batch", csv: Self.exampleCSV)
            #expect(uploaded.status == .seeOther)
            #expect(!fixture.leftovers.isEmpty)
            time.advance(by: 899)
            try await Task.sleep(for: .milliseconds(300))
            #expect(!fixture.leftovers.isEmpty, "not before its lifetime")
            time.advance(by: 2)
            // The next sweep, 50 ms of real time away, removes it.
            for _ in 0..<200 where !fixture.leftovers.isEmpty { try await Task.sleep(for: .milliseconds(50)) }
            #expect(fixture.leftovers.isEmpty, "\(fixture.leftovers)")
            let gone = try await browser.get(uploaded.headers[.location]!)
            #expect(gone.status == .notFound)
        }
    }

    /// Another browser's session cannot see or download a batch.
    @Test func aBatchBelongsToItsSession() async throws {
        try await ServerFixture().run { client in
            let owner = Browser(client)
            try await owner.get("/batch")
            let uploaded = try await owner.upload("/batch", csv: Self.exampleCSV)
            let other = Browser(client)
            try await other.get("/batch")
            let seen = try await other.get(uploaded.headers[.location]!)
            #expect(seen.status == .notFound)
        }
    }

    static func waitUntilFinished(_ browser: Browser, _ batch: String) async throws -> String {
        for _ in 0..<600 {
            let page = try await browser.get(batch)
            if page.body.contains("/zip") || page.body.contains("class=\"error\"") { return page.body }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("the batch did not finish in 60 s")
        return ""
    }
}
