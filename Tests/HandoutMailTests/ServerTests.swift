import Foundation
import Logging
import Testing

@testable import HandoutMail

/// The whole client against a real SMTP server: aiosmtpd on 127.0.0.1 with
/// STARTTLS, a throwaway CA, and AUTH (scripts/smtp_test_server.py).
@Suite("Against aiosmtpd", .serialized)
struct ServerTests {
    struct Batch {
        let directory: URL
        let deliveries: [MailDelivery]
        var journal: URL { directory.appendingPathComponent("mail-journal.csv") }

        init(count: Int) throws {
            directory = try TestPaths.temporaryDirectory("batch")
            deliveries = try Fixtures.deliveries(count: count, in: directory)
        }

        func run(_ server: TestSMTPServer, options: MailRunOptions = MailRunOptions(retry: Fixtures.fastRetry))
            async throws -> MailRunSummary
        {
            try await run(smtp: server.configuration(), options: options)
        }

        func run(smtp: SMTPConfiguration, options: MailRunOptions = MailRunOptions(retry: Fixtures.fastRetry))
            async throws -> MailRunSummary
        {
            try await MailRun(settings: Fixtures.settings(journal: journal, smtp: smtp), options: options)
                .run(deliveries)
        }

        func journalStatuses() throws -> [String: MailJournalStatus] {
            MailJournal.lastByID(try MailJournal.read(url: journal)).mapValues(\.status)
        }
    }

    @Test func sendsBatchOverSTARTTLSWithAuth() async throws {
        let server = try TestSMTPServer()
        let batch = try Batch(count: 6)
        let summary = try await batch.run(server)
        #expect(summary.count(.sent) == 6)
        #expect(summary.isComplete)
        #expect(server.events.filter { $0 == "AUTH" }.count == 1)  // one connection for all
        let messages = try server.messages()
        #expect(messages.count == 6)
        for (delivery, message) in zip(batch.deliveries, messages) {
            #expect(message.to_addresses == [delivery.recipientAddress])
            #expect(message.defects.isEmpty)
            #expect(message.max_line <= 78)
            let pdf = [UInt8](try Data(contentsOf: delivery.attachmentPath))
            #expect(message.attachment?.sha256 == Fixtures.sha256(pdf))
            #expect(message.attachment?.length == pdf.count)
            #expect(message.to_names.map { $0.split(separator: " ") } == [delivery.recipientName!.split(separator: " ")])
            #expect(message.subject == (delivery.language == "es" ? "Su folleto de Spine Clinic" : "Your handout from Spine Clinic"))
        }
        let envelopes = server.maildir.appendingPathComponent("000001.json")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: envelopes)) as? [String: Any])
        #expect(json["tls"] as? Bool == true)
        #expect(json["authenticated"] as? Bool == true)
        #expect(try batch.journalStatuses().values.allSatisfy { $0 == .sent })

        // A rerun sends nothing more.
        let rerun = try await batch.run(server)
        #expect(rerun.count(.skipped) == 6)
        #expect(server.messageFiles.count == 6)
    }

    @Test func dotLinesSurviveTheWire() async throws {
        let server = try TestSMTPServer()
        let batch = try Batch(count: 1)
        var settings = Fixtures.settings(journal: batch.journal, smtp: server.configuration())
        settings.templates["en"] = MailTemplate(subject: "Hi", body: "Hello,\n.\n..two\n.hidden\nend\n")
        let summary = try await MailRun(settings: settings, options: MailRunOptions(retry: Fixtures.fastRetry))
            .run(batch.deliveries)
        #expect(summary.count(.sent) == 1)
        let text = try #require(try server.messages().first?.text?.text)
        #expect(text.replacingOccurrences(of: "\r\n", with: "\n") == "Hello,\n.\n..two\n.hidden\nend\n")
    }

    @Test func implicitTLS() async throws {
        let server = try TestSMTPServer(["--implicit-tls"])
        let batch = try Batch(count: 2)
        let summary = try await batch.run(smtp: server.configuration(security: .implicitTLS))
        #expect(summary.count(.sent) == 2)
        #expect(server.messageFiles.count == 2)
    }

    @Test func serverWithoutSTARTTLSGetsNothing() async throws {
        let server = try TestSMTPServer(["--no-starttls"], auth: false)
        await #expect(throws: SMTPClientError.startTLSNotOffered) {
            try await SMTPClient(configuration: server.configuration(credentials: false)).connect()
        }
        let batch = try Batch(count: 3)
        let summary = try await batch.run(smtp: server.configuration(credentials: true))
        #expect(summary.count(.sent) == 0)
        #expect(summary.count(.deferred) == 3)
        #expect(summary.stopReason?.contains("STARTTLS") == true)
        // The first found the server unusable, the others were not tried: each is said as the run's stop.
        #expect(summary.results.allSatisfy { $0.stoppedByRun })
        #expect(server.events.isEmpty)  // no AUTH, no MAIL
        #expect(server.messageFiles.isEmpty)
    }

    @Test func authIsNeverSentWithoutTLS() async throws {
        let server = try TestSMTPServer(["--no-starttls"], auth: false)
        await #expect(throws: SMTPClientError.authenticationRequiresTLS) {
            try await SMTPClient(configuration: server.configuration(security: .plaintextLoopback)).connect()
        }
        #expect(server.events.isEmpty)
        // Plain SMTP without credentials is allowed to loopback, for tests only.
        let batch = try Batch(count: 1)
        let summary = try await batch.run(smtp: server.configuration(security: .plaintextLoopback, credentials: false))
        #expect(summary.count(.sent) == 1)
    }

    @Test func certificateIsVerified() async throws {
        let server = try TestSMTPServer()
        var noCA = server.configuration()
        noCA.caFile = nil
        await #expect(throws: SMTPClientError.self) { try await SMTPClient(configuration: noCA).connect() }
        await #expect(throws: SMTPClientError.ipAddressHostNeedsName) {
            try await SMTPClient(configuration: server.configuration(host: "127.0.0.1")).connect()
        }
        #expect(!server.events.contains("AUTH"))
    }

    @Test func killedAfterDataThenRerun() async throws {
        let server = try TestSMTPServer(["--die-after", "3", "--die-mode", "after-data"])
        let batch = try Batch(count: 6)
        let first = try await batch.run(server)
        server.waitForExit()
        #expect(first.count(.sent) == 2)
        #expect(first.results[2].outcome == .uncertain)
        #expect(first.count(.deferred) == 3)
        #expect(try batch.journalStatuses()["p003"] == .uncertain)

        let restarted = try TestSMTPServer()
        let second = try await batch.run(restarted)
        #expect(second.count(.sent) == 3)
        #expect(second.count(.skipped) == 2)
        // The uncertain one is not sent, nor counted as done: it stays uncertain, the run incomplete.
        #expect(second.results.filter { $0.outcome == .uncertain }.map(\.id) == ["p003"])
        #expect(!second.isComplete)
        let dry = try await batch.run(restarted, options: MailRunOptions(dryRun: true))
        #expect(dry.results.filter { $0.outcome == .uncertain }.map(\.id) == ["p003"])
        #expect(dry.count(.wouldSend) == 0)
        let received = try server.messages() + restarted.messages()
        #expect(received.flatMap(\.to_addresses).sorted() == batch.deliveries.map(\.recipientAddress))

        // Only with retryUncertain is the uncertain one sent again.
        let third = try await batch.run(
            restarted, options: MailRunOptions(retryUncertain: true, retry: Fixtures.fastRetry))
        #expect(third.results.filter { $0.outcome == .sent }.map(\.id) == ["p003"])
    }

    @Test func killedBeforeDataEndThenRerun() async throws {
        let server = try TestSMTPServer(["--die-after", "2", "--die-mode", "before-data-end"])
        let batch = try Batch(count: 5)
        let first = try await batch.run(server)
        server.waitForExit()
        #expect(first.count(.sent) == 2)
        #expect(first.count(.uncertain) == 0)
        #expect(first.count(.deferred) == 3)

        let restarted = try TestSMTPServer()
        let second = try await batch.run(restarted)
        #expect(second.count(.sent) == 3)
        let received = try server.messages() + restarted.messages()
        #expect(received.flatMap(\.to_addresses).sorted() == batch.deliveries.map(\.recipientAddress))
        #expect(try batch.journalStatuses().values.allSatisfy { $0 == .sent })
    }

    /// A journal that cannot record the hand-over is a local failure, not the server's:
    /// the message is not handed over (no final "."), nothing is retried, and the
    /// journal's own error stops the run.
    @Test func journalFailureAtHandOverStopsTheRun() async throws {
        let server = try TestSMTPServer()
        let batch = try Batch(count: 1)
        var composer = MessageComposer(settings: Fixtures.settings(journal: batch.journal, smtp: nil))
        let message = try composer.compose(batch.deliveries[0])
        let journal = FailingJournal(failing: .uncertain)
        let client = SMTPClient(configuration: server.configuration())
        var sender = JournaledSender(client: client, journal: journal, retry: Fixtures.fastRetry, logger: Logger(label: "test"))
        do {
            let result = try await sender.deliver(message)
            Issue.record("expected the journal's error, got \(result)")
        } catch {
            #expect(error == .journal(FailingJournal.failure))
        }
        #expect(await journal.entries.map(\.status) == [.pending])  // one attempt
        #expect(server.events == ["AUTH", "MAIL", "DATA"])  // no second MAIL
        #expect(server.messageFiles.isEmpty)
        #expect(await !client.isConnected)
        #expect(sender.stopReason == nil)  // not mistaken for a server that cannot be used
    }

    @Test func transientRefusalIsRetried() async throws {
        let server = try TestSMTPServer(["--defer-first", "2"])
        let batch = try Batch(count: 3)
        let summary = try await batch.run(server)
        #expect(summary.count(.sent) == 3)
        let rows = try MailJournal.read(url: batch.journal).filter { $0.id == "p001" }
        #expect(rows.filter { $0.status == .pending }.count == 3)
        #expect(rows.last?.status == .sent)
    }

    @Test func transientRefusalIsDeferredAfterRetries() async throws {
        let server = try TestSMTPServer(["--defer-first", "3", "--defer-at", "data"])
        let batch = try Batch(count: 2)
        let summary = try await batch.run(server)
        #expect(summary.results.map(\.outcome) == [.deferred, .sent])
        #expect(summary.results[0].detail.contains("451"))
        #expect(try batch.journalStatuses()["p001"] == .deferred)
    }

    @Test func permanentRefusalIsFailedWithReply() async throws {
        let server = try TestSMTPServer(["--reject", "p002@patients.example"])
        let batch = try Batch(count: 3)
        let summary = try await batch.run(server)
        #expect(summary.results.map(\.outcome) == [.sent, .failed, .sent])
        // The server quotes the refused address: neither the journal nor the result repeats it.
        #expect(summary.results[1].detail.contains("550") && summary.results[1].detail.contains("Recipient address rejected"))
        #expect(!summary.results[1].detail.contains("@"), "\(summary.results[1].detail)")
        let row = try #require(try MailJournal.read(url: batch.journal).last { $0.id == "p002" })
        #expect(row.status == .failed)
        #expect(row.reply.contains("550"))
        #expect(!row.reply.contains("@"))
    }

    @Test func hostileAddressIsRejected() async throws {
        let server = try TestSMTPServer()
        let directory = try TestPaths.temporaryDirectory("hostile")
        var deliveries = try Fixtures.deliveries(count: 2, in: directory)
        deliveries[0].recipientAddress = "victim@patients.example\r\nBcc: spy@evil.example"
        deliveries[1].recipientName = "Eve\r\nBcc: spy@evil.example"
        let summary = try await MailRun(
            settings: Fixtures.settings(journal: directory.appendingPathComponent("j.csv"), smtp: server.configuration()),
            options: MailRunOptions(retry: Fixtures.fastRetry)
        ).run(deliveries)
        #expect(summary.results.map(\.outcome) == [.failed, .failed])
        #expect(summary.results.allSatisfy { $0.detail.contains("line break") && !$0.detail.contains("@") })
        #expect(server.messageFiles.isEmpty)
        #expect(!server.events.contains("MAIL"))
    }

    @Test func sizeLimitIsRespected() async throws {
        let server = try TestSMTPServer(["--size-limit", "10000"])
        let batch = try Batch(count: 1)
        let summary = try await batch.run(server)
        #expect(summary.results.map(\.outcome) == [.failed])
        #expect(summary.results[0].detail.contains("at most 10000"))
        #expect(!server.events.contains("MAIL"))
    }

    @Test func outboxAndDryRunSendNothing() async throws {
        let batch = try Batch(count: 2)
        let outbox = batch.directory.appendingPathComponent("outbox")
        let written = try await batch.run(
            smtp: SMTPConfiguration(host: "localhost", port: 1), options: MailRunOptions(outboxDirectory: outbox))
        #expect(written.count(.written) == 2)
        let file = outbox.appendingPathComponent("p001.eml")
        let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try EmailSummary.parse(files: [file])[0].to_addresses == ["p001@patients.example"])
        let dry = try await batch.run(
            smtp: SMTPConfiguration(host: "localhost", port: 1), options: MailRunOptions(dryRun: true))
        #expect(dry.count(.wouldSend) == 2)
        #expect(!FileManager.default.fileExists(atPath: batch.journal.path))
    }
}
