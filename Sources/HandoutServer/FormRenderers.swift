import Foundation
import HandoutBatch
import HandoutCore
import HandoutRender

/// The form's renderer processes: `batch-worker` with the form's run (its choices over the
/// settings file) as its hello frame, each kept for the next request with the same run. A
/// record that crashes a C library fails that one request (the process is replaced), never the
/// server and the other staff's requests.
///
/// `@unchecked Sendable`: `idle` is read and written only while `lock` is held; a producer in use
/// is out of `idle`, so one request at a time has it.
final class FormRenderers: @unchecked Sendable {
    /// A producer on its way to the thread that waits for its answer; one request holds it at a
    /// time (it is out of `idle` meanwhile), so it is never used from two threads at once.
    private struct Held: @unchecked Sendable {
        let producer: WorkerProcessProducer
    }

    /// Idle processes kept in all (the oldest goes first).
    static let keptIdle = 2

    private let command: [String]
    private let slots: RendererSlots
    private let threads: BlockingWork
    private let lock = NSLock()
    private var idle: [(run: RunRequest, producer: WorkerProcessProducer)] = []

    /// `slots`: the server's one cap on renderer processes; each process here, busy or idle, holds one.
    /// `threads`: where a request waits for its process's answer.
    init(command: [String], slots: RendererSlots, threads: BlockingWork) {
        self.command = command
        self.slots = slots
        self.threads = threads
    }

    /// The handout, from an idle process with these choices or a new one once a slot is free.
    func render(_ patient: PatientProfile, _ run: RunRequest, password: String?) async throws -> RenderedPDF {
        let producer: WorkerProcessProducer
        if let kept = take(run) {
            producer = kept
        } else {
            try await takeSlot()
            do {
                producer = try WorkerProcessProducer(command: command, hello: try run.helloFrame())
            } catch {
                await slots.release(1)
                throw error
            }
        }
        let held = Held(producer: producer)
        let outcome: Result<RenderedPDF, any Error>
        do {
            outcome = .success(try await threads.run { try held.producer.render(patient, password: password, source: "form") })
        } catch {
            outcome = .failure(error)
        }
        await keep(producer, run)
        return try outcome.get()
    }

    /// Ends every idle process, giving their slots to whoever waits (a batch about to start).
    func releaseIdle() async {
        let released = lock.withLock { () -> [WorkerProcessProducer] in
            defer { idle.removeAll() }
            return idle.map(\.producer)
        }
        end(released)
        await slots.release(released.count)
    }

    private func takeSlot() async throws {
        if await slots.tryAcquire(1) { return }
        // An idle process of other choices gives way before anyone waits behind it.
        let oldest = lock.withLock { idle.isEmpty ? nil : idle.removeFirst().producer }
        if let oldest {
            end([oldest])
            await slots.release(1)
        }
        try await slots.acquire(1)
    }

    private func take(_ run: RunRequest) -> WorkerProcessProducer? {
        lock.withLock {
            guard let index = idle.firstIndex(where: { $0.run == run }) else { return nil }
            return idle.remove(at: index).producer
        }
    }

    /// Kept for the next request with the same choices, unless others wait for a slot or too many are idle.
    private func keep(_ producer: WorkerProcessProducer, _ run: RunRequest) async {
        if await slots.waitingCount > 0 {
            end([producer])
            await slots.release(1)
            return
        }
        let released = lock.withLock { () -> WorkerProcessProducer? in
            idle.append((run, producer))
            return idle.count > Self.keptIdle ? idle.removeFirst().producer : nil
        }
        if let released {
            end([released])
            await slots.release(1)
        }
    }

    /// A producer's process ends when the last reference goes, here, outside the lock.
    private func end(_ producers: [WorkerProcessProducer]) {
        withExtendedLifetime(producers) {}
    }
}
