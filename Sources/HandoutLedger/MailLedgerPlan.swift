import HandoutMail

/// Which of a batch's patients mail sends, from the ledger: a new handout, and one that changed
/// since the last sent to that patient (in any batch folder, as an updated handout); not one
/// already sent, unless named with `--resend`; not one whose delivery is uncertain, unless
/// `--retry-uncertain`. One plan for `handout mail` and the server's "send by email".
public struct MailLedgerPlan: Sendable {
    /// Why there is no plan.
    public enum Failure: Error, Equatable {
        /// A resend named a record id that is not among the batch's mailable patients.
        case notMailable(id: String)
        case ledger(LedgerError)
    }

    /// Each patient's handout beside the last one sent to them.
    public let news: [String: HandoutNews]
    /// What to give the mail run.
    public private(set) var toSend: [MailDelivery] = []
    /// Sent even when this folder's journal says sent: changed or resent on purpose.
    public private(set) var sendAgain: Set<String> = []
    /// The records not sent, with why.
    public private(set) var notSent: [MailResult] = []

    /// `folder`: the batch folder being mailed, with its ledger.
    public init(_ deliveries: [MailDelivery], folder folderImport: BatchFolderImport, resend: [String], retryUncertain: Bool) throws(Failure) {
        let (folder, ledger) = (folderImport.folder, folderImport.ledger)
        let mailable = Set(deliveries.map(\.id))
        if let unknown = resend.first(where: { !mailable.contains($0) }) { throw .notMailable(id: unknown) }
        let last: [String: LastDelivery]
        let reads: [String: String]
        do {
            last = try ledger.lastDeliveries(of: deliveries.map(\.id))
            // What each of this folder's handouts tells, by record and PDF.
            reads = Dictionary(try folderImport.handoutRows().map { ($0.id + " " + $0.sha256, $0.facts.readsSHA256) },
                               uniquingKeysWith: { _, last in last })
        } catch {
            throw .ledger(error)
        }
        var news: [String: HandoutNews] = [:]
        for var delivery in deliveries {
            let sha = delivery.expectedSHA256 ?? ""
            let state = HandoutNews(pdfSHA256: sha, readsSHA256: reads[delivery.id + " " + sha] ?? "", last: last[delivery.id])
            news[delivery.id] = state
            switch state {
            case _ where resend.contains(delivery.id):
                sendAgain.insert(delivery.id)
                delivery.updated = state == .changed
                toSend.append(delivery)
            case .new:
                toSend.append(delivery)
            case .changed:
                sendAgain.insert(delivery.id)
                delivery.updated = true
                toSend.append(delivery)
            case .uncertain where retryUncertain, .uncertain where last[delivery.id]?.batch == folder:
                // This folder's own journal says uncertain: the mail run tells it as it always has.
                toSend.append(delivery)
            case .uncertain:
                notSent.append(MailResult(
                    id: delivery.id, outcome: .uncertain,
                    detail: "handed over in \(last[delivery.id]!.batch) without a reply (it may have been delivered); check with the patient, or rerun with --retry-uncertain to send it again",
                    reason: "uncertain-in-ledger"))
            case .unchanged:
                notSent.append(MailResult(id: delivery.id, outcome: .skipped, detail: "unchanged: this handout was sent before",
                                          reason: "unchanged"))
            }
        }
        self.news = news
    }

    /// How many of each, for the report.
    public func count(_ state: HandoutNews) -> Int { news.values.filter { $0 == state }.count }
}

extension MailLedgerPlan {
    /// What this run knows of each message to send that the journal does not say.
    public var sentFacts: [String: BatchFolderImport.Sent] {
        Dictionary(toSend.map { ($0.id, BatchFolderImport.Sent(pdfSHA256: $0.expectedSHA256 ?? "", address: $0.recipientAddress)) },
                   uniquingKeysWith: { first, _ in first })
    }

    /// The messages written to an outbox, as the ledger records them (they do not count as sent:
    /// nobody knows whether they were mailed).
    public func outboxDeliveries(_ results: [MailResult], folder: String, ledger: Ledger, at time: String) -> [Delivery] {
        let facts = sentFacts
        return results.compactMap { result in
            guard result.outcome == .written, let fact = facts[result.id] else { return nil }
            return Delivery(recordID: result.id, batch: folder, pdfSHA256: fact.pdfSHA256, channel: .outbox, status: "written", replyClass: "",
                            addressHash: ledger.addressHash(fact.address), sourceRow: 0, at: time)
        }
    }
}
