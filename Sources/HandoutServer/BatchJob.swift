import Foundation
import HandoutBatch
import HandoutCore
import HandoutMail
import HandoutSupport

/// A batch's private folder and what is in it: the upload, the handouts and manifests, the ZIP.
struct BatchFolder: Sendable {
    static let inputName = "input.csv"
    /// What messages call the handouts' folder (its path is the server's private one).
    static let outputName = "the batch's folder"

    let path: String

    var input: String { "\(path)/\(Self.inputName)" }
    var output: String { "\(path)/handouts" }
    var zip: String { "\(path)/handouts.zip" }
}

/// One uploaded CSV and its run, in a private folder of its own: checked (the mapping shown),
/// running (counts), finished (the ZIP ready), or refused (the CLI's words for the problem).
///
/// Once finished, its handouts can be sent by email (``Mailing``), in rounds: a later round sends
/// only what the journal does not have as sent.
///
/// `@unchecked Sendable`: `state`, `failureList`, `mailing`, `changed` and `columns` are read and written only
/// while `lock` is held; every other property is an immutable `let`.
final class BatchJob: @unchecked Sendable {
    struct Check: Sendable {
        /// Every column of the upload and the field each holds, as the run will use them.
        var columns: ColumnChoices
        var records: Int
        var valid: Int
        var reasons: [String]
        var warnings: [String]
        /// Why no row can be made with these columns (a required field with no column, one
        /// column for two fields, every row failing the same way): staff choose again.
        var problem: BatchError?

        /// "3 of 5 rows can be made."; nothing when the columns leave no row read (its problem says why).
        func countLine(_ text: UIText) -> String {
            problem != nil && records == 0 ? "" : text.filled(text.rowsValid, valid, records)
        }
    }

    struct Failure: Sendable {
        var line: Int
        var id: String
        var reason: String
    }

    enum State: Sendable {
        case checked(Check)
        /// Started, waiting for renderer slots (``RendererSlots``); `ticket` is its place in line.
        case waiting(total: Int, ticket: RendererSlots.Ticket)
        case running(done: Int, failed: Int, total: Int)
        case finished(produced: Int, failed: Int, total: Int)
        case broken(String)
    }

    /// Who can be sent their handout, who cannot and why, and what the rounds of sending did.
    struct Mailing: Sendable {
        var recipients: [MailingList.Recipient] = []
        var unmailed: [MailingList.Skipped] = []
        /// Why no email can be sent for this batch at all (the CLI's words), if so.
        var problem: String?
        var sending = false
        var rounds = 0
        /// Recipients done in the current (or last) round.
        var roundDone = 0
        /// Each recipient's latest result, by id.
        var results: [String: MailResult] = [:]
        /// Why the last round stopped before the end (no TLS, a refused login), if it did.
        var stopReason: String?

        /// Sent in this round or an earlier one.
        var sent: Int { results.values.filter { $0.outcome == .sent || $0.outcome == .skipped }.count }
        /// Tried and not sent (failed, deferred, uncertain), in the order of the file.
        var notSent: [(line: Int, id: String, reason: String)] {
            recipients.compactMap { recipient in
                guard let result = results[recipient.id], [.failed, .deferred, .uncertain].contains(result.outcome) else { return nil }
                return (recipient.line, recipient.id, result.detail)
            }
        }
    }

    /// The rows a table on the page shows at most (failed, not sent, no email); all the failed
    /// ones are in the ZIP's manifest.
    static let shownFailures = 500

    let id: String
    /// The session that uploaded it: no other may see or download it.
    let session: String
    let user: String?
    let folder: BatchFolder
    private let lock = NSLock()
    private var state: State
    private var failureList: [Failure] = []
    private var mailing: Mailing?
    private var changed: Date
    /// The columns the batch runs with (and its mailing list reads), fixed when it starts.
    private var columns: ColumnChoices

    /// When it last changed, for its expiry.
    private let clock: ServerClock

    init(id: String, session: String, user: String?, folder: BatchFolder, check: Check, clock: ServerClock) {
        self.clock = clock
        self.id = id
        self.session = session
        self.user = user
        self.folder = folder
        state = .checked(check)
        columns = check.columns
        changed = clock.now()
    }


    var current: State { lock.withLock { state } }
    var failures: [Failure] { lock.withLock { failureList } }
    var mail: Mailing? { lock.withLock { mailing } }
    var chosenColumns: ColumnChoices { lock.withLock { columns } }

    /// Whether it has sat unused (not running, not sending) for `lifetime`.
    func isStale(_ lifetime: TimeInterval, now: Date) -> Bool {
        lock.withLock {
            if case .running = state { return false }
            if case .waiting = state { return false }
            if mailing?.sending == true { return false }
            return now.timeIntervalSince(changed) >= lifetime
        }
    }

    /// The check again with other columns; false when the batch has started meanwhile.
    func recheck(_ check: Check) -> Bool {
        lock.withLock {
            guard case .checked = state else { return false }
            state = .checked(check)
            changed = clock.now()
            return true
        }
    }

    /// From checked to waiting for renderers; false when it was not waiting to start, or its
    /// columns leave no row to make.
    func start(ticket: RendererSlots.Ticket) -> Bool {
        lock.withLock {
            guard case let .checked(check) = state, check.problem == nil else { return false }
            columns = check.columns
            state = .waiting(total: check.records, ticket: ticket)
            changed = clock.now()
            return true
        }
    }

    /// From waiting to running, once it has its renderers.
    func began() {
        lock.withLock {
            guard case let .waiting(total, _) = state else { return }
            state = .running(done: 0, failed: 0, total: total)
        }
    }

    func note(_ entry: ManifestEntry) {
        lock.withLock {
            guard case .running(var done, var failed, let total) = state else { return }
            done += 1
            if entry.status == .failed {
                failed += 1
                if failureList.count < Self.shownFailures { failureList.append(Failure(line: entry.line, id: entry.id, reason: entry.error)) }
            }
            state = .running(done: done, failed: failed, total: total)
        }
    }

    func finish(_ state: State) {
        lock.withLock {
            self.state = state
            changed = clock.now()
        }
    }

    /// The finished batch's mailing list.
    func prepare(_ mailing: Mailing) {
        lock.withLock { self.mailing = mailing }
    }

    /// A new round of sending: the recipients, or nil when the batch is not finished, has no
    /// mailing list or is sending already.
    func startMailing() -> [MailingList.Recipient]? {
        lock.withLock {
            guard case .finished = state, var mail = mailing, mail.problem == nil, !mail.sending else { return nil }
            mail.sending = true
            mail.rounds += 1
            mail.roundDone = 0
            mail.stopReason = nil
            mailing = mail
            changed = clock.now()
            return mail.recipients
        }
    }

    func note(_ result: MailResult) {
        lock.withLock {
            mailing?.results[result.id] = result
            mailing?.roundDone += 1
        }
    }

    func finishMailing(stopReason: String?) {
        lock.withLock {
            mailing?.sending = false
            mailing?.stopReason = stopReason
            changed = clock.now()
        }
    }
}
