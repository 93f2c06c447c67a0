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

        let journal: MailJournal
        do { journal = try MailJournal(url: settings.journalURL) } catch { throw .journal(error) }
        let client = SMTPClient(configuration: smtp, eventLoopGroup: group, logger: logger)
        var sender = JournaledSender(client: client, journal: journal, retry: options.retry, logger: logger)
        var composer = MessageComposer(settings: settings)
        var results: [MailResult] = []
        func finish(_ result: MailResult) {
            results.append(result)
            options.onResult?(result)
        }
        for delivery in deliveries {
            if let earlier = notToSend(await journal.status(of: delivery.id), id: delivery.id) {
                finish(earlier)
                continue
            }
            let message: OutgoingMessage
            do {
                message = try composer.compose(delivery)
            } catch {
                let messageID = MessageIdentity.messageID(
                    batchID: settings.batchID, recordID: delivery.id, domain: settings.from.address.domain)
                try await sender.record(delivery.id, messageID, .failed, error.reason)
                finish(MailResult(id: delivery.id, outcome: .failed, messageID: messageID, detail: error.reason))
                continue
            }
            finish(try await sender.deliver(message))
        }
        await client.quit()
        logger.info("mail run finished", metadata: ["records": "\(deliveries.count)"])
        return MailRunSummary(results: results, stopReason: sender.stopReason)
    }

    /// The result for a record the journal says not to send again: `sent` is skipped;
    /// `uncertain` stays uncertain (reported, not complete) unless `retryUncertain`.
    private func notToSend(_ status: MailJournalStatus?, id: String) -> MailResult? {
        switch status {
        case .sent:
            MailResult(id: id, outcome: .skipped, messageID: nil, detail: "already sent")
        case .uncertain where !options.retryUncertain:
            MailResult(
                id: id, outcome: .uncertain, messageID: nil,
                detail: "uncertain in the journal (it may have been delivered); check with the patient, or rerun with --retry-uncertain to send it again")
        default:
            nil
        }
    }

    private func dryRun(_ deliveries: [MailDelivery]) async throws(MailRunError) -> MailRunSummary {
        let latest: [String: MailJournalEntry]
        do { latest = MailJournal.lastByID(try MailJournal.read(url: settings.journalURL)) } catch { throw .journal(error) }
        var composer = MessageComposer(settings: settings)
        var results: [MailResult] = []
        for delivery in deliveries {
            if let earlier = notToSend(latest[delivery.id]?.status, id: delivery.id) {
                results.append(earlier)
                continue
            }
            do {
                let message = try composer.compose(delivery)
                results.append(MailResult(id: delivery.id, outcome: .wouldSend, messageID: message.messageID, detail: ""))
            } catch {
                results.append(MailResult(id: delivery.id, outcome: .failed, messageID: nil, detail: error.reason))
            }
        }
        return MailRunSummary(results: results, stopReason: nil)
    }

    private func writeOutbox(_ deliveries: [MailDelivery], to directory: URL) throws(MailRunError) -> MailRunSummary {
        let outbox = try Outbox(directory: directory)
        var composer = MessageComposer(settings: settings)
        var results: [MailResult] = []
        for delivery in deliveries {
            do {
                let message = try composer.compose(delivery)
                let file = try outbox.write(message)
                results.append(
                    MailResult(id: delivery.id, outcome: .written, messageID: message.messageID, detail: file.lastPathComponent))
            } catch let problem as DeliveryProblem {
                results.append(MailResult(id: delivery.id, outcome: .failed, messageID: nil, detail: problem.reason))
            } catch let error as MailRunError {
                throw error
            } catch {
                throw .outbox(path: directory.path, reason: "\(error)")
            }
        }
        return MailRunSummary(results: results, stopReason: nil)
    }
}
