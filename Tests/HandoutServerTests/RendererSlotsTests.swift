@testable import HandoutServer
import Testing

/// The one cap on renderer processes: slots are taken in order, a full line refuses, and work
/// cancelled while it waits leaves the line.
@Suite struct RendererSlotsTests {
    @Test func slotsAreGrantedInOrderAndNeverPastTheCapacity() async throws {
        let slots = RendererSlots(capacity: 3, queueLimit: 4)
        #expect(await slots.tryAcquire(2))
        let batch = await slots.ticket()
        let waiting = Task { try await slots.acquire(3, ticket: batch) }
        while await slots.waitingCount == 0 { await Task.yield() }
        // One slot is free, but the batch asked first: the form's request waits behind it.
        #expect(await !slots.tryAcquire(1))
        #expect(await slots.waitingAhead(of: batch) == 0)
        await slots.release(2)
        try await waiting.value
        #expect(await !slots.tryAcquire(1))
        await slots.release(3)
        #expect(await slots.tryAcquire(3))
    }

    @Test func aFullLineIsRefused() async throws {
        let slots = RendererSlots(capacity: 1, queueLimit: 2)
        #expect(await slots.tryAcquire(1))
        let first = Task { try await slots.acquire(1) }
        let second = Task { try await slots.acquire(1) }
        while await slots.waitingCount < 2 { await Task.yield() }
        await #expect(throws: RendererSlots.Busy.self) { try await slots.acquire(1) }
        await slots.release(1)
        try await first.value
        await slots.release(1)
        try await second.value
    }

    @Test func workCancelledWhileWaitingLeavesTheLine() async throws {
        let slots = RendererSlots(capacity: 1, queueLimit: 2)
        #expect(await slots.tryAcquire(1))
        let waiting = Task { try await slots.acquire(1) }
        while await slots.waitingCount == 0 { await Task.yield() }
        waiting.cancel()
        await #expect(throws: CancellationError.self) { try await waiting.value }
        #expect(await slots.waitingCount == 0)
        await slots.release(1)
        #expect(await slots.tryAcquire(1))
    }
}
