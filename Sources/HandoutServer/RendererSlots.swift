import Foundation

/// The one cap on renderer processes across the whole server: a batch holds as many slots as
/// it has jobs for its whole run, a handout from the form one while it renders, and an idle
/// form renderer kept warm one (``FormRenderers`` gives it back when someone waits). Work that
/// finds no free slot waits in order, at most `queueLimit` of it; a place in that line is a
/// ``Ticket``, so the batch page can say how much is ahead.
actor RendererSlots {
    struct Busy: Error {}

    struct Ticket: Hashable, Sendable {
        fileprivate let number: Int
    }

    private struct Waiter {
        let ticket: Ticket
        let count: Int
        let continuation: CheckedContinuation<Void, any Error>
    }

    let capacity: Int
    private let queueLimit: Int
    private var free: Int
    private var waiting: [Waiter] = []
    private var issued = 0

    init(capacity: Int, queueLimit: Int) {
        self.capacity = max(1, capacity)
        free = self.capacity
        self.queueLimit = queueLimit
    }

    func ticket() -> Ticket {
        issued += 1
        return Ticket(number: issued)
    }

    /// Takes `count` slots (at most the capacity) at once without waiting; false when they are not free
    /// or someone waits already.
    func tryAcquire(_ count: Int) -> Bool {
        let count = min(count, capacity)
        guard waiting.isEmpty, free >= count else { return false }
        free -= count
        return true
    }

    /// Waits for `count` slots (at most the capacity). Throws ``Busy`` when the line is full,
    /// `CancellationError` when the task is cancelled while it waits.
    func acquire(_ count: Int, ticket: Ticket? = nil) async throws {
        if tryAcquire(count) { return }
        guard waiting.count < queueLimit else { throw Busy() }
        let ticket = ticket ?? self.ticket()
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                if Task.isCancelled {
                    continuation.resume(throwing: CancellationError())
                } else {
                    waiting.append(Waiter(ticket: ticket, count: min(count, capacity), continuation: continuation))
                }
            }
        } onCancel: {
            Task { await self.cancel(ticket) }
        }
    }

    func release(_ count: Int) {
        free = min(capacity, free + min(count, capacity))
        grant()
    }

    /// How many are waiting before `ticket`; nil when it is not waiting.
    func waitingAhead(of ticket: Ticket) -> Int? {
        waiting.firstIndex { $0.ticket == ticket }
    }

    var waitingCount: Int { waiting.count }

    private func cancel(_ ticket: Ticket) {
        guard let index = waiting.firstIndex(where: { $0.ticket == ticket }) else { return }
        waiting.remove(at: index).continuation.resume(throwing: CancellationError())
        grant()
    }

    private func grant() {
        while let first = waiting.first, first.count <= free {
            free -= first.count
            waiting.removeFirst().continuation.resume()
        }
    }
}
