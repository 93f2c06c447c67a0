import Foundation
import HandoutBatch

/// One uploaded CSV and its run, in a private folder of its own: checked (the mapping shown),
/// running (counts), finished (the ZIP ready), or refused (the CLI's words for the problem).
///
/// `@unchecked Sendable`: `state`, `failures` and `changed` are read and written only while
/// `lock` is held; every other property is an immutable `let`.
final class BatchJob: @unchecked Sendable {
    struct Check: Sendable {
        var mapping: [(header: String, field: String)]
        var records: Int
        var valid: Int
        var reasons: [String]
        var warnings: [String]
    }

    struct Failure: Sendable {
        var line: Int
        var id: String
        var reason: String
    }

    enum State: Sendable {
        case checked(Check)
        case running(done: Int, failed: Int, total: Int)
        case finished(produced: Int, failed: Int, total: Int)
        case broken(String)
    }

    /// The failed rows shown on the page; all of them are in the ZIP's manifest.
    static let shownFailures = 500

    let id: String
    /// The session that uploaded it: no other may see or download it.
    let session: String
    let user: String?
    let directory: String
    private let lock = NSLock()
    private var state: State
    private var failureList: [Failure] = []
    private var changed: Date

    init(id: String, session: String, user: String?, directory: String, check: Check) {
        self.id = id
        self.session = session
        self.user = user
        self.directory = directory
        state = .checked(check)
        changed = Date()
    }

    var input: String { "\(directory)/input.csv" }
    var output: String { "\(directory)/handouts" }
    var zip: String { "\(directory)/handouts.zip" }

    var current: State { lock.withLock { state } }
    var failures: [Failure] { lock.withLock { failureList } }

    /// Whether it has sat unused (not running) for `lifetime`.
    func isStale(_ lifetime: TimeInterval, now: Date) -> Bool {
        lock.withLock {
            if case .running = state { return false }
            return now.timeIntervalSince(changed) >= lifetime
        }
    }

    /// From checked to running; false when it was not waiting to start.
    func start() -> Bool {
        lock.withLock {
            guard case let .checked(check) = state else { return false }
            state = .running(done: 0, failed: 0, total: check.records)
            changed = Date()
            return true
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
            changed = Date()
        }
    }
}
