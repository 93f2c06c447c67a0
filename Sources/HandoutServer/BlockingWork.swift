import Foundation

/// Work that blocks a thread (a CSV check, a ZIP, bcrypt, waiting on a renderer process,
/// writing or removing files) runs on threads of its own, never on the server's event loops or
/// Swift's shared threads: at most `width` at once; at most `queueLimit` wait their turn, in
/// order, and past that the work is refused (``Busy``) instead of queued without end.
actor BlockingWork {
    struct Busy: Error {}

    private let queueLimit: Int
    private var available: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(width: Int, queueLimit: Int) {
        available = max(1, width)
        self.queueLimit = queueLimit
    }

    func run<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
        try await acquire()
        defer { release() }
        return try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try work() }) }.start()
        }
    }

    private func acquire() async throws(Busy) {
        if available > 0 {
            available -= 1
            return
        }
        guard waiting.count < queueLimit else { throw Busy() }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func release() {
        if waiting.isEmpty {
            available += 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}
