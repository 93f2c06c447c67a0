import Foundation

/// A fixed-capacity FIFO between the reader and the workers: `push` waits while it is full,
/// so the reader never runs ahead of rendering and memory stays flat.
///
/// `@unchecked Sendable`: every stored `var` is read and written only between
/// `condition.lock()` and `condition.unlock()`; `capacity` is immutable.
final class BoundedQueue<Element: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [Element] = []
    private var head = 0
    private var closed = false
    let capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 1)
    }

    /// Returns false when the queue was closed (the element is dropped).
    @discardableResult
    func push(_ item: Element) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while items.count - head >= capacity && !closed { condition.wait() }
        guard !closed else { return false }
        items.append(item)
        condition.broadcast()
        return true
    }

    /// The next element, or nil once the queue is closed and drained.
    func pop() -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while items.count == head && !closed { condition.wait() }
        guard items.count > head else { return nil }
        let item = items[head]
        head += 1
        if head > 64 && head * 2 > items.count {
            items.removeFirst(head)
            head = 0
        }
        condition.broadcast()
        return item
    }

    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }
}

/// Counts down as workers finish starting up; collects the first startup error.
///
/// `@unchecked Sendable`: `pending` and `error` are touched only while `condition` is locked.
final class StartupGate: @unchecked Sendable {
    private let condition = NSCondition()
    private var pending: Int
    private var error: String?

    init(count: Int) { pending = count }

    func report(_ failure: String?) {
        condition.lock()
        pending -= 1
        if error == nil { error = failure }
        condition.broadcast()
        condition.unlock()
    }

    /// Waits for every worker; returns the first error, if any.
    func wait() -> String? {
        condition.lock()
        defer { condition.unlock() }
        while pending > 0 { condition.wait() }
        return error
    }
}

/// One value handed from the thread that has it to threads that wait for it (or a cancel).
///
/// `@unchecked Sendable`: `value` and `cancelled` are touched only while `condition` is locked,
/// and `Value` is itself Sendable.
final class Handoff<Value: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var value: Value?
    private var cancelled = false

    func give(_ value: Value) {
        condition.lock()
        self.value = value
        condition.broadcast()
        condition.unlock()
    }

    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    /// The value once given; nil when cancelled before.
    func wait() -> Value? {
        condition.lock()
        defer { condition.unlock() }
        while value == nil && !cancelled { condition.wait() }
        return value
    }
}

/// A request to stop, set from a signal handler's queue and read by the reading thread.
///
/// `@unchecked Sendable`: `requested` is read and written only while `lock` is held.
final class StopRequest: @unchecked Sendable {
    private let lock = NSLock()
    private var requested = false

    func set() { lock.withLock { requested = true } }

    var isSet: Bool { lock.withLock { requested } }
}
