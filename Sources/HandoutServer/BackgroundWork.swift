import Foundation
import ServiceLifecycle

/// Work that outlives its request (a batch's run, a round of sending) and the sweeping of old
/// batches: child tasks of one service in the application's service group, at most `limit` at
/// once. At shutdown (SIGTERM, SIGINT) the work is cancelled (a batch stops taking records) and
/// waited for, and only then does `atEnd` run (the batches' folders are removed), so nothing
/// writes into a folder being removed.
///
/// `@unchecked Sendable`: `running` is read and written only while `lock` is held.
final class BackgroundWork: Service, @unchecked Sendable {
    typealias Work = @Sendable () async -> Void

    private let limit: Int
    private let sweepInterval: Duration
    private let sweep: Work
    private let atEnd: Work
    private let queue: AsyncStream<Work>
    private let submit: AsyncStream<Work>.Continuation
    private let lock = NSLock()
    private var running = 0

    init(limit: Int, sweepInterval: Duration, sweep: @escaping Work, atEnd: @escaping Work) {
        self.limit = limit
        self.sweepInterval = sweepInterval
        self.sweep = sweep
        self.atEnd = atEnd
        (queue, submit) = AsyncStream.makeStream(of: Work.self)
    }

    /// Starts `work`; false when `limit` pieces of work run already, or the server is stopping.
    func start(_ work: @escaping Work) -> Bool {
        let admitted = lock.withLock {
            guard running < limit else { return false }
            running += 1
            return true
        }
        guard admitted else { return false }
        if case .terminated = submit.yield({ [self] in
            await work()
            lock.withLock { running -= 1 }
        }) {
            lock.withLock { running -= 1 }
            return false
        }
        return true
    }

    func run() async throws {
        let (queue, sweep, interval) = (queue, sweep, sweepInterval)
        await withDiscardingTaskGroup { group in
            group.addTask {
                while (try? await Task.sleep(for: interval)) != nil { await sweep() }
            }
            await withGracefulShutdownHandler {
                for await work in queue { group.addTask { await work() } }
            } onGracefulShutdown: { [submit] in
                submit.finish()
            }
            group.cancelAll()
        }
        await atEnd()
    }
}
