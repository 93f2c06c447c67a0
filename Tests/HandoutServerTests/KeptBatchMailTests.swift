import Foundation
import HandoutConfig
import HandoutServer
import HandoutTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

/// The server's "send by email" and the lookup's "Resend" go through the ledger `handout mail`
/// uses, to a real SMTP server (aiosmtpd with STARTTLS and AUTH): nobody is sent the same handout
/// twice, by the page or by the command, and what was sent is recorded.
@Suite struct KeptBatchMailTests {
    let mailScratch = Scratch()
    let from = "Riverside Spine <care@riverside-spine.example.org>"

    private func fixture(_ server: SMTPTestServer) throws -> ServerFixture {
        let passwordFile = mailScratch.write("smtp-password", "letmein\n")
        let from = from
        return try ServerFixture { settings in
            settings.configuration.mail = MailSettings(smtp: "smtp://localhost:\(server.port)", user: "care", passwordFile: passwordFile,
                                                       caFile: server.caFile, from: from, replyTo: nil)
        }
    }

    /// The ledger's `sent` events, as `handout history --json` gives them.
    static func sent(in ledger: String, id: String? = nil) throws -> [[String: Any]] {
        let history = try CLI.handout(["history"] + (id.map { [$0] } ?? []) + ["--json", "--ledger", ledger])
        let events = try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [[String: Any]] ?? []
        return events.filter { $0["kind"] as? String == "sent" }
    }

    private func sendRound(_ browser: Browser, _ batch: String) async throws -> String {
        try await browser.post(batch + "/mail", [])
        return try await BatchMailTests.waitUntilSent(browser, batch)
    }

    @Test func aSecondRoundAndThenHandoutMailOfTheSameFolderSendNobodyTwice() async throws {
        let server = try SMTPTestServer(in: mailScratch.path)
        let fixture = try fixture(server)
        let emails = try BatchMailTests.exampleEmails()
        try await fixture.run { client in
            let browser = Browser(client)
            let (batch, _) = try await browser.runBatch(BatchTests.exampleCSV)
            _ = try await sendRound(browser, batch)
            #expect(try server.received().count == emails.count)
            // Pressed again: the journal and the ledger say sent, nothing goes twice.
            _ = try await sendRound(browser, batch)
            #expect(try server.received().count == emails.count)
            let listed = try await browser.get("/batches")
            #expect(listed.body.contains(", \(emails.count) emailed"), "\(listed.body)")
        }
        // `handout mail` of the same (kept) folder with the same ledger: every patient was sent this handout.
        let kept = try FileManager.default.contentsOfDirectory(atPath: fixture.settings.batchesDirectory).filter { !$0.hasPrefix(".") }
        #expect(kept.count == 1)
        let folder = fixture.settings.batchesDirectory + "/" + (kept.first ?? "")
        // The server's batch seals what each handout tells, as `handout batch` does, so a later
        // batch printed on another day is not "changed".
        let manifest = try String(contentsOfFile: folder + "/handouts/manifest.csv", encoding: .utf8).split(separator: "\n")
        #expect(manifest.first?.hasSuffix(",reads_sha256") == true)
        let made = manifest.dropFirst().filter { $0.contains(",ok,") }
        #expect(made.count >= emails.count && made.allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false).last?.count == 64 }, "\(manifest)")
        let cli = try CLI.handout(["mail", "--batch", folder + "/handouts", "--csv", folder + "/input.csv", "--from", from, "--clinic", CLI.clinic,
                                   "--smtp", "smtp://localhost:\(server.port)", "--user", "care", "--password-file", mailScratch.path + "/smtp-password",
                                   "--ca-file", server.caFile, "--ledger", fixture.settings.ledgerPath])
        #expect(cli.status == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains("sent 0,"), "\(cli.stdout)")
        #expect(try server.received().count == emails.count)
        #expect(try Self.sent(in: fixture.settings.ledgerPath).count == emails.count)
    }

    /// A `handout mail` sending with the same ledger (here: another process holding its lock):
    /// the round stops at once with the reason and sends nothing; once it has ended, a round sends.
    @Test func aRoundWhileHandoutMailSendsStopsWithTheReasonAndSendsNothing() async throws {
        let server = try SMTPTestServer(in: mailScratch.path)
        let fixture = try fixture(server)
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        // It holds the lock until its standard input closes.
        holder.arguments = ["-c", "import fcntl, sys; f = open(sys.argv[1], 'a'); fcntl.flock(f, fcntl.LOCK_EX); print('held', flush=True); sys.stdin.read()",
                            fixture.settings.ledgerPath + ".lock"]
        let said = Pipe(), release = Pipe()
        (holder.standardOutput, holder.standardInput) = (said, release)
        try holder.run()
        defer { try? release.fileHandleForWriting.close(); holder.waitUntilExit() }
        #expect(String(decoding: said.fileHandleForReading.availableData, as: UTF8.self).hasPrefix("held"))
        try await fixture.run { client in
            let browser = Browser(client)
            let (batch, _) = try await browser.runBatch(BatchTests.exampleCSV)
            let stopped = try await sendRound(browser, batch)
            #expect(stopped.contains("Sending stopped: a handout mail (or deliver) is sending with the same ledger"), "\(stopped)")
            #expect(try server.received().isEmpty)
            try release.fileHandleForWriting.close()
            holder.waitUntilExit()
            _ = try await sendRound(browser, batch)
            #expect(try server.received().count == (try BatchMailTests.exampleEmails()).count)
        }
    }

    @Test func theLookupShowsMadeAndSentAndResendSendsExactlyOneRecordedMessage() async throws {
        let server = try SMTPTestServer(in: mailScratch.path)
        let fixture = try fixture(server)
        let emails = try BatchMailTests.exampleEmails()
        let patient = KeptBatchesTests.patient
        try await fixture.run { client in
            let browser = Browser(client)
            let (batch, _) = try await browser.runBatch(BatchTests.exampleCSV)
            let id = String(batch.split(separator: "/").last!)
            _ = try await sendRound(browser, batch)
            let found = try await browser.get("/batches/lookup?id=\(patient)")
            #expect(found.body.contains("<td>made</td>") && found.body.contains("<td>sent</td><td>"), "\(found.body)")
            #expect(!found.body.contains("@"), "no address on the page")
            #expect(found.body.contains("action=\"/batches/\(id)/resend?ui=en\""))

            // Without the token: refused, nothing sent.
            #expect(try await browser.post("/batches/\(id)/resend", [("record", patient)], csrf: false).status == .forbidden)
            let resent = try await browser.post("/batches/\(id)/resend", [("record", patient)])
            #expect(resent.status == .ok, "\(resent.body)")
            #expect(resent.body.contains("Sent again."))
            #expect(resent.body.components(separatedBy: "<td>sent</td>").count - 1 == 2, "both sendings listed")
            let received = try server.received()
            #expect(received.count == emails.count + 1)
            #expect(received.last?.recipients == [emails[patient]!])
            // An id the batch cannot mail (no such patient) sends nothing.
            let unknown = try await browser.post("/batches/\(id)/resend", [("record", "P-NOBODY")])
            #expect(unknown.status == .unprocessableContent)
            #expect(try server.received().count == emails.count + 1)
        }
        #expect(try Self.sent(in: fixture.settings.ledgerPath, id: patient).count == 2)
        #expect(fixture.audit.contains("\"action\":\"resent-handout\""))
        #expect(!fixture.audit.contains("@example"))
    }
}
