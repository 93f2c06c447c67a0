import Foundation

/// N threads, each with a producer made on that thread (in-process renderers hold Pango and Cairo
/// objects, which are not thread-safe), working through a bounded queue of jobs.
final class WorkerPool<Job: Sendable> {
    private let queue: BoundedQueue<Job>
    private let gate: StartupGate
    private let work = Handoff<@Sendable (Job, any HandoutProducing) -> Void>()
    private let group = DispatchGroup()

    /// Starts the threads and waits until every producer is made; throws the first failure
    /// (nothing has been processed then).
    init(count: Int, makeProducer: @escaping @Sendable () throws -> any HandoutProducing) throws(BatchError) {
        let count = max(1, count)
        queue = BoundedQueue(capacity: count * 4)
        gate = StartupGate(count: count)
        for number in 0..<count {
            group.enter()
            let (queue, gate, work, group) = (queue, gate, work, group)
            let thread = Thread {
                defer { group.leave() }
                let producer: any HandoutProducing
                do {
                    producer = try makeProducer()
                } catch {
                    gate.report((error as? LocalizedError)?.errorDescription ?? "\(type(of: error))")
                    return
                }
                gate.report(nil)
                guard let process = work.wait() else { return }
                while let job = queue.pop() { process(job, producer) }
            }
            thread.name = "handout-batch-\(number)"
            thread.start()
        }
        if let failure = gate.wait() {
            finish()
            throw .rendererUnavailable(failure)
        }
    }

    /// Hands every thread what to do with each job; call once, before `submit`.
    func start(_ process: @escaping @Sendable (Job, any HandoutProducing) -> Void) {
        work.give(process)
    }

    /// Waits while the queue is full, so the reader never runs ahead of the workers.
    func submit(_ job: Job) {
        queue.push(job)
    }

    /// No more jobs: waits until the threads have processed every submitted one (or, if `start`
    /// was never called, until they stop).
    func finish() {
        queue.close()
        work.cancel()
        group.wait()
    }
}
