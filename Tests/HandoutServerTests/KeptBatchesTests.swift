import Foundation
import HandoutConfig
import HandoutServer
import HandoutTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

/// The web page remembers: batches kept in the data folder for their keeping days, downloaded
/// again, listed on the Batches page with who ran them, swept when their time is over while the
/// ledger still answers the lookup.
@Suite struct KeptBatchesTests {
    /// The example export's first patient.
    static let patient = "P-000101"

    @Test func aBatchDownloadedTwiceGivesTheSameZIP() async throws {
        try await ServerFixture().run { client in
            let browser = Browser(client)
            let (batch, finished) = try await browser.runBatch(BatchTests.exampleCSV)
            #expect(finished.contains("The batch is kept until"), "\(finished)")
            let first = try await browser.raw(batch + "/zip")
            let second = try await browser.raw(batch + "/zip")
            #expect(first.status == .ok && second.status == .ok)
            #expect(!first.bytes.isEmpty)
            #expect(first.bytes == second.bytes)
            // Another session (staff share what the server keeps) can download it too.
            let colleague = Browser(client)
            #expect(try await colleague.raw(batch + "/zip").bytes == first.bytes)
        }
    }

    /// A server started again on the same data folder lists the batch and gives the same ZIP.
    @Test func aKeptBatchOutlivesTheServer() async throws {
        let fixture = try ServerFixture()
        let first = Box()
        try await fixture.run { client in
            let browser = Browser(client)
            let (batch, _) = try await browser.runBatch(BatchTests.exampleCSV)
            first.set(batch, try await browser.raw(batch + "/zip").bytes)
        }
        let (batch, zip) = try #require(first.value)
        try await fixture.run { client in
            let browser = Browser(client)
            let listed = try await browser.get("/batches")
            #expect(listed.body.contains("href=\"\(batch)?ui=en\""), "\(listed.body)")
            #expect(listed.body.contains("20 made, 0 failed, 0 emailed"))
            let again = try await browser.raw(batch + "/zip")
            #expect(again.status == .ok)
            #expect(again.bytes == zip)
        }
    }

    @Test func theBatchesPageListsABatchWithWhoRanItAndItsCounts() async throws {
        let time = ManualClock()
        let fixture = try SignInTests.fixture { $0.clock = time.clock }
        try await fixture.run { client in
            let browser = Browser(client)
            try await browser.get("/login")
            try await browser.post("/login", [("user", "maria"), ("password", "correct horse battery")])
            let (batch, _) = try await browser.runBatch(BatchTests.exampleCSV)
            let page = try await browser.get("/batches")
            #expect(page.status == .ok)
            #expect(page.body.contains("<td>maria</td>"), "\(page.body)")
            #expect(page.body.contains("20 made, 0 failed, 0 emailed"), "\(page.body)")
            // Made at the test clock's time, kept 7 days (the default).
            #expect(page.body.contains("<td>2027-01-15 08:00</td>"), "\(page.body)")
            #expect(page.body.contains("<td>2027-01-22</td>"))
            #expect(page.body.contains("href=\"\(batch)?ui=en\""))
            #expect(page.body.contains("href=\"\(batch)/zip?ui=en\""))
            #expect(page.body.contains("aria-current=\"page\">Batches<"))
            #expect(!page.body.contains("García"), "no patient's name")
            // Signed out, the page is not shown.
            #expect(try await Browser(client).get("/batches").status == .seeOther)
        }
    }

    @Test func aBatchPastItsKeepingDaysIsSweptAndTheLedgerStillAnswersTheLookup() async throws {
        let time = ManualClock()
        let fixture = try ServerFixture { $0.clock = time.clock; $0.sweepInterval = 0.05; $0.batchKeeping = 86_400 }
        try await fixture.run { client in
            let browser = Browser(client)
            let (batch, _) = try await browser.runBatch(BatchTests.exampleCSV)
            let folder = fixture.settings.batchesDirectory + "/" + String(batch.split(separator: "/").last!)
            #expect(FileManager.default.fileExists(atPath: folder + "/handouts/\(Self.patient).pdf"))
            let found = try await browser.get("/batches/lookup?id=\(Self.patient)")
            #expect(found.body.contains("<td>made</td>"), "\(found.body)")
            #expect(found.body.contains("Print again"))
            let printed = try await browser.raw("/batches/\(batch.split(separator: "/").last!)/pdf?record=\(Self.patient)")
            #expect(printed.status == .ok)
            #expect(printed.bytes.starts(with: Array("%PDF-".utf8)))

            time.advance(by: 86_399)
            try await Task.sleep(for: .milliseconds(200))
            #expect(FileManager.default.fileExists(atPath: folder), "not before its keeping time")
            time.advance(by: 1)
            for _ in 0..<200 where FileManager.default.fileExists(atPath: folder) { try await Task.sleep(for: .milliseconds(50)) }
            #expect(!FileManager.default.fileExists(atPath: folder), "swept with its PDFs")
            #expect(try await browser.get(batch).status == .notFound)
            #expect(try await browser.raw(batch + "/zip").status == .notFound)
            #expect(!(try await browser.get("/batches").body.contains(batch)))
            // The ledger keeps what was made: the lookup still answers, without a way to print.
            let later = try await browser.get("/batches/lookup?id=\(Self.patient)")
            #expect(later.body.contains("<td>made</td>"), "\(later.body)")
            #expect(later.body.contains("(removed)"))
            #expect(!later.body.contains("Print again"))
        }
    }

    @Test func theLookupRefusesAnEmptyOrTooLongIdAndEscapesWhatWasTyped() async throws {
        try await ServerFixture().run { client in
            let browser = Browser(client)
            let empty = try await browser.get("/batches/lookup?id=")
            #expect(empty.status == .unprocessableContent)
            #expect(empty.body.contains("Type a record id."))
            let long = try await browser.get("/batches/lookup?id=" + String(repeating: "A", count: 500))
            #expect(long.status == .unprocessableContent)
            #expect(long.body.contains("at most 128 characters"))
            let hostile = try await browser.get("/batches/lookup?id=" + Browser.encode("<script>x</script>"))
            #expect(hostile.status == .ok)
            #expect(!hostile.body.contains("<script>x"))
            #expect(hostile.body.contains("&lt;script&gt;x&lt;/script&gt;"))
            #expect(hostile.body.contains("Nothing was made or sent for this record id."))
            // A batch id that is no token is not looked up.
            #expect(try await browser.get("/batches/..%2F..%2Fetc/pdf?record=x").status == .notFound)
        }
    }
}

/// What a test's first server hands to the next: a batch's address and its ZIP.
private final class Box: @unchecked Sendable {
    private let lock = NSLock()
    private var held: (String, [UInt8])?

    var value: (String, [UInt8])? { lock.withLock { held } }

    func set(_ batch: String, _ zip: [UInt8]) {
        lock.withLock { held = (batch, zip) }
    }
}
