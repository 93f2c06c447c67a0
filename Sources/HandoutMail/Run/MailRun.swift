import Foundation
import Logging
import NIOCore
import NIOPosix

/// Mails a batch of handouts: one connection reused for all, a journal row before
/// and after each message, bounded retries, and a result for every record.
///
/// ```swift
/// let run = MailRun(settings: settings, options: MailRunOptions())
/// let summary = try await run.run(deliveries)
/// print(summary.line)     // sent 10, failed 0, deferred 0, uncertain 0, skipped 0
/// ```
///
/// A rerun with the same journal sends only records whose last status is not
/// `sent` (and not `uncertain`, unless `retryUncertain`: those stay `uncertain`
/// in the summary, so the run is not complete until someone decides).
public struct MailRun: Sendable {
    public var settings: MailRunSettings
    public var options: MailRunOptions
    private let logger: Logger
    private let group: any EventLoopGroup

    public init(
        settings: MailRunSettings, options: MailRunOptions = MailRunOptions(),
        logger: Logger = Logger(label: "handout.mail"),
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) {
        self.settings = settings
        self.options = options
        self.logger = logger
        self.group = eventLoopGroup
    }

    public func run(_ deliveries: [MailDelivery]) async throws(MailRunError) -> MailRunSummary {
        var seen = Set<String>()
        for delivery in deliveries where !seen.insert(delivery.id).inserted {
            throw .duplicateRecordID(delivery.id)
        }
        if options.dryRun { return try await dryRun(deliveries) }
        if let directory = options.outboxDirectory { return try writeOutbox(deliveries, to: directory) }
        guard let smtp = settings.smtp else { throw .missingSMTPConfiguration }

        // What the patients' journal says decides what to send; a pilot's sends go to a journal of their own.
        let journal: MailJournal
        let statuses: [String: MailJournalEntry]
        do {
            if options.testRecipient != nil {
                statuses = MailJournal.lastByID(try MailJournal.read(url: settings.journalURL))
                journal = try MailJournal(url: settings.testJournalURL)
            } else {
                journal = try MailJournal(url: settings.journalURL)
                statuses = await journal.latest
            }
        } catch {
            throw .journal(error)
        }
        let client = SMTPClient(configuration: smtp, eventLoopGroup: group, logger: logger)
        var sender = JournaledSender(client: client, journal: journal, retry: options.retry, logger: logger)
        var composer = MessageComposer(settings: settings, testRecipient: options.testRecipient)
        var budget = Budget(limit: options.limit)
        var results: [MailResult] = []
        func finish(_ result: MailResult) {
            results.append(result)
            options.onResult?(result)
        }
        for delivery in deliveries {
            if let earlier = notToSend(statuses[delivery.id]?.status, id: delivery.id) {
                finish(earlier)
                continue
            }
            guard budget.take() else {
                finish(budget.held(delivery.id))
                continue
            }
            let message: OutgoingMessage
            do {
                message = try composer.compose(delivery)
            } catch {
                let messageID = MessageIdentity.messageID(
                    batchID: settings.batchID, recordID: delivery.id, domain: settings.from.address.domain)
                try await sender.record(delivery.id, messageID, .failed, error.reason)
                finish(MailResult(id: delivery.id, outcome: .failed, messageID: messageID, detail: error.reason, reason: error.code))
                continue
            }
            var result = try await sender.deliver(message)
            if options.testRecipient != nil, result.outcome == .sent { result.outcome = .testSent }
            finish(result)
        }
        await client.quit()
        logger.info("mail run finished", metadata: ["records": "\(deliveries.count)"])
        return MailRunSummary(results: results, stopReason: sender.stopReason)
    }

    /// The result for a record the journal says not to send again: `sent` is skipped;
    /// `uncertain` stays uncertain (reported, not complete) unless `retryUncertain`.
    private func notToSend(_ status: MailJournalStatus?, id: String) -> MailResult? {
        switch status {
        case .sent where !options.sendAgain.contains(id):
            MailResult(id: id, outcome: .skipped, messageID: nil, detail: "already sent", reason: "already-sent")
        case .uncertain where !options.retryUncertain:
            MailResult(
                id: id, outcome: .uncertain, messageID: nil,
                detail: "uncertain in the journal (it may have been delivered); check with the patient, or rerun with --retry-uncertain to send it again",
                reason: "uncertain-in-journal")
        default:
            nil
        }
    }

    private func dryRun(_ deliveries: [MailDelivery]) async throws(MailRunError) -> MailRunSummary {
        let latest: [String: MailJournalEntry]
        do { latest = MailJournal.lastByID(try MailJournal.read(url: settings.journalURL)) } catch { throw .journal(error) }
        var composer = MessageComposer(settings: settings, testRecipient: options.testRecipient)
        var budget = Budget(limit: options.limit)
        var results: [MailResult] = []
        for delivery in deliveries {
            if let earlier = notToSend(latest[delivery.id]?.status, id: delivery.id) {
                results.append(earlier)
                continue
            }
            guard budget.take() else {
                results.append(budget.held(delivery.id))
                continue
            }
            do {
                let message = try composer.compose(delivery)
                results.append(MailResult(
                    id: delivery.id, outcome: .wouldSend, messageID: message.messageID, detail: "", reason: "dry-run",
                    preview: composer.preview(of: message, for: delivery)))
            } catch {
                results.append(MailResult(id: delivery.id, outcome: .failed, messageID: nil, detail: error.reason, reason: error.code))
            }
        }
        return MailRunSummary(results: results, stopReason: nil)
    }

    private func writeOutbox(_ deliveries: [MailDelivery], to directory: URL) throws(MailRunError) -> MailRunSummary {
        let outbox = try Outbox(directory: directory)
        var composer = MessageComposer(settings: settings, testRecipient: options.testRecipient)
        var budget = Budget(limit: options.limit)
        var results: [MailResult] = []
        for delivery in deliveries {
            guard budget.take() else {
                results.append(budget.held(delivery.id))
                continue
            }
            do {
                let message = try composer.compose(delivery)
                let file = try outbox.write(message)
                results.append(MailResult(
                    id: delivery.id, outcome: .written, messageID: message.messageID, detail: file.lastPathComponent, reason: "written"))
            } catch let problem as DeliveryProblem {
                results.append(MailResult(id: delivery.id, outcome: .failed, messageID: nil, detail: problem.reason, reason: problem.code))
            } catch let error as MailRunError {
                throw error
            } catch {
                throw .outbox(path: directory.path, reason: "\(error)")
            }
        }
        return MailRunSummary(results: results, stopReason: nil)
    }
}

/// How many more messages a run with a limit may send (or make).
private struct Budget {
    let limit: Int?
    private var used = 0

    init(limit: Int?) { self.limit = limit }

    /// True, and one fewer left, when another message may go.
    mutating func take() -> Bool {
        if let limit, used >= limit { return false }
        used += 1
        return true
    }

    func held(_ id: String) -> MailResult {
        MailResult(
            id: id, outcome: .held, messageID: nil,
            detail: "not sent: the limit of \(limit ?? 0) was reached; the next run sends it", reason: "limit")
    }
}
