import Foundation
import HandoutConfig
import HandoutMail
import HandoutServer
import HandoutTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

/// "Send by email" on the batch page, through the router to a real SMTP server (aiosmtpd with
/// STARTTLS and AUTH): who is sent what, the journal `handout mail` reads, a refused login.
@Suite struct BatchMailTests {
    let mailScratch = Scratch()
    let from = "Riverside Spine <care@riverside-spine.example.org>"

    /// id → email of the example CSV's rows that have one.
    static func exampleEmails() throws -> [String: String] {
        let result = try CLI.run("/usr/bin/python3", ["-c", """
            import csv, json, sys
            rows = csv.DictReader(open(sys.argv[1], encoding="utf-8-sig"))
            print(json.dumps({r["Patient ID"]: r["Email"] for r in rows if r["Email"].strip()}))
            """, CLI.examples + "/patients.csv"])
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: String]
    }

    private func fixture(_ server: SMTPTestServer, password: String = "letmein") throws -> ServerFixture {
        let passwordFile = mailScratch.write("smtp-password", password + "\n")
        let from = from
        return try ServerFixture { settings in
            settings.configuration.mail = MailSettings(smtp: "smtp://localhost:\(server.port)", user: "care", passwordFile: passwordFile,
                                                       caFile: server.caFile, from: from, replyTo: nil)
        }
    }

    /// The batch's page once a round of sending has ended (at most 60 s).
    static func waitUntilSent(_ browser: Browser, _ batch: String) async throws -> String {
        for _ in 0..<600 {
            let page = try await browser.get(batch).body
            if !page.contains("data-while=\"mailing\"") { return page }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("sending did not end in 60 s")
        return ""
    }

    /// The name and SHA-256 of a message's PDF attachment.
    static func attachment(of message: String, in scratch: Scratch) throws -> (name: String, sha256: String) {
        let path = scratch.write("message-\(UUID().uuidString).eml", message)
        let result = try CLI.run("/usr/bin/python3", ["-c", """
            import email, email.policy, hashlib, sys
            m = email.message_from_string(open(sys.argv[1]).read(), policy=email.policy.default)
            pdf = next(p for p in m.walk() if p.get_content_type() == "application/pdf")
            print(pdf.get_filename(), hashlib.sha256(pdf.get_content()).hexdigest())
            """, path])
        let parts = result.stdout.split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        return (parts.first ?? "", parts.last ?? "")
    }

    @Test func everyPatientWithAnAddressIsSentTheirHandoutOnceWithTheJournalHandoutMailReads() async throws {
        let server = try SMTPTestServer(in: mailScratch.path)
        let fixture = try fixture(server)
        let emails = try Self.exampleEmails()

        let unzipped = mailScratch.path + "/unzipped"
        try await fixture.run { client in
            let browser = Browser(client)
            let (batch, finished) = try await browser.runBatch(BatchTests.exampleCSV)
            #expect(finished.contains("\(emails.count) patients have an email address and a handout."), "\(finished)")
            #expect(finished.contains("Send \(emails.count) emails"))
            #expect(finished.contains("Rows that get no email"), "the example has a row without an address")
            // Missing the token: refused, nothing sent.
            let forged = try await browser.post(batch + "/mail", [], csrf: false)
            #expect(forged.status == .forbidden)
            #expect(try server.received().isEmpty)

            let pressed = try await browser.post(batch + "/mail", [])
            #expect(pressed.status == .seeOther)
            let sent = try await Self.waitUntilSent(browser, batch)
            #expect(sent.contains("Sent: \(emails.count) of \(emails.count). Not sent: 0."), "\(sent)")
            #expect(sent.contains("Every patient with an email address has been sent their handout."))
            #expect(!sent.contains("@"), "no address on the page")
            let received = try server.received()
            #expect(received.count == emails.count)
            #expect(Set(received.flatMap(\.recipients)) == Set(emails.values))

            // Pressed again (an old tab): the journal says sent, nothing goes twice.
            try await browser.post(batch + "/mail", [])
            let again = try await Self.waitUntilSent(browser, batch)
            #expect(again.contains("Sent: \(emails.count) of \(emails.count)."))
            #expect(try server.received().count == emails.count)

            let zip = try await browser.raw(batch + "/zip")
            #expect(zip.status == .ok)
            let path = mailScratch.write("handouts.zip", bytes: zip.bytes)
            let unpacked = try CLI.run("python3", ["-c", "import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])", path, unzipped])
            #expect(unpacked.status == 0, "\(unpacked.stderr)")
        }
        // Each patient got their own handout, named from the topic in their language.
        for (recipients, message) in try server.received() {
            let (address, attachment) = (recipients.first ?? "", try Self.attachment(of: message, in: mailScratch))
            let id = try #require(emails.first { $0.value == address }?.key)
            #expect(attachment.sha256 == (try CLI.run("/usr/bin/sha256sum", [unzipped + "/\(id).pdf"]).stdout.prefix(64)), "\(id)'s own handout")
            #expect(["spinal-fusion-handout.pdf", "folleto-fusion-espinal.pdf"].contains(attachment.name))
        }
        let journal = try String(contentsOfFile: unzipped + "/mail-journal.csv", encoding: .utf8)
        #expect(journal.split(separator: "\n").filter { $0.contains(",sent,") }.count == emails.count, "\(journal)")
        // `handout mail` on the downloaded folder reads the same journal: nothing left to send.
        let dryRun = try CLI.handout(["mail", "--batch", unzipped, "--csv", CLI.examples + "/patients.csv", "--from", from,
                                      "--clinic", CLI.clinic, "--dry-run"])
        #expect(dryRun.stdout.contains("sent 0, failed 0, deferred 0, uncertain 0, skipped \(emails.count)"), "\(dryRun.stdout)\(dryRun.stderr)")
        #expect(fixture.audit.contains("\"action\":\"mailed-batch\""))
        #expect(fixture.audit.contains("\"count\":\(emails.count)"))
        #expect(!fixture.audit.contains("@example"))
    }

    @Test func aRefusedLoginStopsTheRoundSaysWhyAndOffersToTryAgain() async throws {
        let server = try SMTPTestServer(in: mailScratch.path)
        let fixture = try fixture(server, password: "not-the-password")
        try await fixture.run { client in
            let browser = Browser(client)
            let (batch, _) = try await browser.runBatch(BatchTests.exampleCSV)
            try await browser.post(batch + "/mail", [])
            let page = try await Self.waitUntilSent(browser, batch)
            #expect(page.contains("Sending stopped: "), "\(page)")
            #expect(page.contains("role=\"alert\""))
            #expect(page.contains("Sent: 0 of "))
            #expect(page.contains("Emails not sent"))
            #expect(page.contains("Try the ones not sent again"))
            #expect(!page.contains("not-the-password") && !page.contains("@example.org"))
        }
        #expect(try server.received().isEmpty)
    }

    /// 10,000 rows without an address must not make a page of 10,000 rows: the first 500 are shown.
    @Test func aLongListOfRowsWithoutAnAddressIsShownInPart() async throws {
        let from = from
        let fixture = try ServerFixture { settings in
            settings.rendererCommand = ServerFixture.scriptedRenderer
            // Never reached: nothing is sent here.
            settings.configuration.mail = MailSettings(smtp: "smtps://mail.example.org:465", user: nil, passwordFile: nil, caFile: nil,
                                                       from: from, replyTo: nil)
        }
        let rows = (1...520).map { "N\($0),Ana,Lopez,1961-04-17,\($0 == 7 ? "ana@example.org" : "")" }
        let csv = "id,first_name,last_name,birth_date,email\n" + rows.joined(separator: "\n") + "\n"
        try await fixture.run { client in
            let (_, finished) = try await Browser(client).runBatch(Array(csv.utf8))
            #expect(finished.contains("1 patient has an email address and a handout."), "\(finished.prefix(3000))")
            #expect(finished.contains("Send 1 email<"))
            #expect(finished.contains("The first 500 of 519 rows are shown."))
            #expect(finished.components(separatedBy: "has no email; not mailed").count - 1 == 500)
        }
    }

    @Test func withoutMailSettingsThePageSaysHowToSetItUpAndSendsNothing() async throws {
        let fixture = try ServerFixture()
        try await fixture.run { client in
            let browser = Browser(client)
            let (batch, finished) = try await browser.runBatch(BatchTests.exampleCSV)
            #expect(finished.contains("Email is not set up"))
            #expect(!finished.contains("id=\"send\""))
            let pressed = try await browser.post(batch + "/mail", [])
            #expect(pressed.status == .seeOther)
            #expect(try await browser.get(batch).body.contains("Email is not set up"))
        }
    }

    @Test func aMailSettingThatCannotWorkStopsTheStart() async throws {
        var configuration = Configuration()
        configuration.mail = MailSettings(smtp: "smtps://mail.example.org:465", user: "care", passwordFile: mailScratch.path + "/missing",
                                          caFile: nil, from: from, replyTo: nil)
        await #expect(throws: ServerSetupError.self) {
            _ = try await buildApplication(ServerSettings(rendererCommand: ServerFixture.renderer, configuration: configuration, ledgerPath: mailScratch.path + "/ledger.sqlite",
                                                                          batchesDirectory: mailScratch.path + "/batches"))
        }
    }
}
