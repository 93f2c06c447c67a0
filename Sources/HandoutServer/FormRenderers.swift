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

    /// Idle processes kept in all (the oldest goes first).
    static let keptIdle = 4

    private let command: [String]
    private let lock = NSLock()
    private var idle: [(choice: Choice, producer: WorkerProcessProducer)] = []

    init(command: [String]) {
        self.command = command
    }

    /// Blocks until the process answers; run it on a thread of its own (`BlockingWork`).
    func render(_ patient: PatientProfile, _ choice: Choice, password: String?) throws -> RenderedPDF {
        let producer = try take(choice) ?? WorkerProcessProducer(command: command + choice.flags)
        defer { keep(producer, choice) }
        return try producer.render(patient, password: password, source: "form")
    }

    private func take(_ choice: Choice) -> WorkerProcessProducer? {
        lock.withLock {
            guard let index = idle.firstIndex(where: { $0.choice == choice }) else { return nil }
            return idle.remove(at: index).producer
        }
    }

    private func keep(_ producer: WorkerProcessProducer, _ choice: Choice) {
        // The one let go ends its process here, outside the lock.
        let released = lock.withLock { () -> WorkerProcessProducer? in
            idle.append((choice, producer))
            return idle.count > Self.keptIdle ? idle.removeFirst().producer : nil
        }
        withExtendedLifetime(released) {}
    }
}
