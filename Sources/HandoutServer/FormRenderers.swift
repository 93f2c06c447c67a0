import Foundation
import HandoutBatch
import HandoutCore

/// The form's renderer processes: `batch-worker` with the form's choices as its flags, each kept
/// for the next request with the same choices. A record that crashes a C library fails that one
/// request (the process is replaced), never the server and the other staff's requests.
///
/// `@unchecked Sendable`: `idle` is read and written only while `lock` is held; a producer in use
/// is out of `idle`, so one request at a time has it.
final class FormRenderers: @unchecked Sendable {
    /// What the processes differ in (the topic and the language come with each record).
    struct Choice: Hashable {
        var paper: String
        var largePrint: Bool
        /// A protected PDF's password comes with its request; otherwise no password at all.
        var archive: Bool
        var printedOn: CalendarDate?
        var previewDPI: Int?

        var flags: [String] {
            var flags = ["--paper", paper, largePrint ? "--large-print" : "--no-large-print", archive ? "--archive" : "--no-password-file"]
            if let printedOn { flags += ["--date", printedOn.description] }
            if let previewDPI { flags += ["--png-dpi", String(previewDPI)] }
            return flags
        }
    }

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
    private var idle: [(choice: Choice, producer: WorkerProcessProducer)] = []

    /// `slots`: the server's one cap on renderer processes; each process here, busy or idle, holds one.
    /// `threads`: where a request waits for its process's answer.
    init(command: [String], slots: RendererSlots, threads: BlockingWork) {
        self.command = command
        self.slots = slots
        self.threads = threads
    }

    /// The handout, from an idle process with these choices or a new one once a slot is free.
    func render(_ patient: PatientProfile, _ choice: Choice, password: String?) async throws -> RenderedPDF {
        let producer: WorkerProcessProducer
        if let kept = take(choice) {
            producer = kept
        } else {
            try await takeSlot()
            do {
                producer = try WorkerProcessProducer(command: command + choice.flags)
            } catch {
                await slots.release(1)
                throw error
            }
        }
        do {
            let held = Held(producer: producer)
            let pdf = try await threads.run { try held.producer.render(patient, password: password, source: "form") }
            await keep(producer, choice)
            return pdf
        } catch {
            await keep(producer, choice)
            throw error
        }
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

    private func take(_ choice: Choice) -> WorkerProcessProducer? {
        lock.withLock {
            guard let index = idle.firstIndex(where: { $0.choice == choice }) else { return nil }
            return idle.remove(at: index).producer
        }
    }

    /// Kept for the next request with the same choices, unless others wait for a slot or too many are idle.
    private func keep(_ producer: WorkerProcessProducer, _ choice: Choice) async {
        if await slots.waitingCount > 0 {
            end([producer])
            await slots.release(1)
            return
        }
        let released = lock.withLock { () -> WorkerProcessProducer? in
            idle.append((choice, producer))
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
