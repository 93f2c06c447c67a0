import Foundation
import Testing

@testable import HandoutMail

@Suite("Journal")
struct JournalTests {
    @Test func lastRowPerIDWinsAndQuotingRoundTrips() async throws {
        let url = try TestPaths.temporaryDirectory("journal").appendingPathComponent("mail-journal.csv")
        let journal = try MailJournal(url: url)
        try await journal.append(.init(id: "a", messageID: "<m1@x>", status: .pending, reply: "", time: "t1"))
        try await journal.append(
            .init(id: "a", messageID: "<m1@x>", status: .failed, reply: "550 no, \"really\"", time: "t2"))
        try await journal.append(.init(id: "b,c", messageID: "<m2@x>", status: .sent, reply: "250 ok", time: "t3"))
        let rows = try MailJournal.read(url: url)
        #expect(rows.count == 3)
        #expect(rows[1].reply == "550 no, \"really\"")
        let reopened = try MailJournal(url: url)
        #expect(await reopened.status(of: "a") == .failed)
        #expect(await reopened.status(of: "b,c") == .sent)
        let mode = try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.hasPrefix("id,message_id,status,reply,time\n"))
    }

    @Test func tornLastLineIsIgnored() throws {
        let url = try TestPaths.temporaryDirectory("journal").appendingPathComponent("mail-journal.csv")
        try "id,message_id,status,reply,time\na,<m>,sent,250,t\nb,<n>,se".write(to: url, atomically: true, encoding: .utf8)
        #expect(try MailJournal.read(url: url).map(\.id) == ["a"])
    }

    @Test func retryDelaysAreBounded() {
        let policy = RetryPolicy(maxAttempts: 5, initialDelay: .seconds(1), multiplier: 2, maximumDelay: .seconds(3))
        #expect((1...4).map { policy.delay(afterAttempt: $0) } == [.seconds(1), .seconds(2), .seconds(3), .seconds(3)])
    }
}
