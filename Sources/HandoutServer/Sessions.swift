import Foundation

/// One browser's session: its CSRF token, and the staff member signed in (nil where sign-in is
/// not required).
struct Session: Sendable {
    let id: String
    let csrf: String
    let user: String?
    var lastSeen: Date
}

/// The sessions in memory (a restart signs everyone out), each ending after `lifetime` without
/// a request; and the sign-in failures per user name, for the lockout.
actor SessionStore {
    private var sessions: [String: Session] = [:]
    private var failures: [String: (count: Int, lockedUntil: Date?)] = [:]
    private let lifetime: TimeInterval
    private let lockoutFailures: Int
    private let lockoutDuration: TimeInterval
    private let clock: @Sendable () -> Date

    init(lifetime: TimeInterval, lockoutFailures: Int, lockoutDuration: TimeInterval, clock: @escaping @Sendable () -> Date = Date.init) {
        self.lifetime = lifetime
        self.lockoutFailures = lockoutFailures
        self.lockoutDuration = lockoutDuration
        self.clock = clock
    }

    /// The live session with this id, its idle time reset; nil (and forgotten) when it expired.
    func session(id: String?) -> Session? {
        guard let id, var session = sessions[id] else { return nil }
        let now = clock()
        guard now.timeIntervalSince(session.lastSeen) < lifetime else {
            sessions[id] = nil
            return nil
        }
        session.lastSeen = now
        sessions[id] = session
        return session
    }

    func create(user: String?) -> Session {
        pruneExpired()
        let session = Session(id: Token.make(), csrf: Token.make(), user: user, lastSeen: clock())
        sessions[session.id] = session
        return session
    }

    func end(id: String) {
        sessions[id] = nil
    }

    /// Whether `user` may try a password now (not locked out).
    func mayTry(_ user: String) -> Bool {
        guard let until = failures[user]?.lockedUntil else { return true }
        if clock() < until { return false }
        failures[user] = nil
        return true
    }

    /// Counts a failure; true when this one locks the user out.
    func failed(_ user: String) -> Bool {
        var entry = failures[user] ?? (0, nil)
        entry.count += 1
        let locks = entry.count >= lockoutFailures
        if locks { entry = (0, clock().addingTimeInterval(lockoutDuration)) }
        failures[user] = entry
        return locks
    }

    func succeeded(_ user: String) {
        failures[user] = nil
    }

    private func pruneExpired() {
        let now = clock()
        sessions = sessions.filter { now.timeIntervalSince($0.value.lastSeen) < lifetime }
    }
}

/// Unguessable tokens: 32 random bytes, hex.
enum Token {
    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    /// Compares without stopping at the first difference, so the time taken tells nothing.
    static func matches(_ given: String?, _ expected: String) -> Bool {
        guard let given, given.utf8.count == expected.utf8.count else { return false }
        return zip(given.utf8, expected.utf8).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
