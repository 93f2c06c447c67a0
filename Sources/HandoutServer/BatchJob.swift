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
/// running (counts), finished (the ZIP ready, kept for every signed-in staff member: the Batches
/// page), or refused (the CLI's words for the problem).
///
/// Once finished, its handouts can be sent by email (``Mailing``), in rounds: a later round sends
/// only what the journal does not have as sent.
///
/// `@unchecked Sendable`: `state`, `failureList`, `mailing`, `changed`, `columns`, `emailed` and `size` are read and written only
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
    /// The session that uploaded it: no other may see it before it has finished.
    let session: String
    /// Who uploaded it (a staff member's name; nil without sign-in).
    let user: String?
    let folder: BatchFolder
    /// When it was uploaded: it is kept for the server's keeping time from then.
    let made: Date
    private let lock = NSLock()
    private var state: State
    private var failureList: [Failure] = []
    private var mailing: Mailing?
    private var changed: Date
    /// The columns the batch runs with (and its mailing list reads), fixed when it starts.
    private var columns: ColumnChoices
    /// Patients its journal has as sent, and the folder's size, as of its last record.
    private var emailed = 0
    private var size: Int64 = 0

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
        made = changed
    }

    /// A finished batch an earlier server kept (its mailing list is read again when needed).
    init(restoring record: BatchRecord, folder: BatchFolder, clock: ServerClock) {
        self.clock = clock
        id = record.id
        session = ""
        user = record.user
        self.folder = folder
        made = record.made
        state = .finished(produced: record.produced, failed: record.failed, total: record.total)
        columns = ColumnChoices(headers: record.headers, fields: record.fields)
        emailed = record.emailed
        size = record.bytes
        changed = clock.now()
    }

    var current: State { lock.withLock { state } }
    var failures: [Failure] { lock.withLock { failureList } }
    var mail: Mailing? { lock.withLock { mailing } }
    var chosenColumns: ColumnChoices { lock.withLock { columns } }

    var emailedCount: Int { lock.withLock { emailed } }
    var bytes: Int64 { lock.withLock { size } }

    /// Whether it goes: finished and kept `keep` since it was made, or not started and unused for
    /// `unstarted`; never while it runs or sends.
    func isExpired(now: Date, keep: TimeInterval, unstarted: TimeInterval) -> Bool {
        lock.withLock {
            if mailing?.sending == true { return false }
            switch state {
            case .running, .waiting: return false
            case .finished: return now.timeIntervalSince(made) >= keep
            case .checked, .broken: return now.timeIntervalSince(changed) >= unstarted
            }
        }
    }

    /// Writes what the next server needs to keep it (after its run, and after each round of
    /// sending): the counts, the journal's sent patients and the folder's size as they are now.
    func keepRecord() throws {
        guard case let .finished(produced, failed, total) = current else { return }
        let (emailed, size) = (BatchRecord.emailed(in: folder), BatchRecord.size(of: folder))
        let columns = chosenColumns
        try BatchRecord(id: id, user: user, made: made, produced: produced, failed: failed, total: total, emailed: emailed, bytes: size,
                        headers: columns.headers, fields: columns.fields).write(to: folder)
        lock.withLock { (self.emailed, self.size) = (emailed, size) }
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
