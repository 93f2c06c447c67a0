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
    private struct Failures {
        var count: Int
        var lockedUntil: Date?
        var last: Date
    }

    private var failures: [String: Failures] = [:]
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

    /// Sessions kept at most: a flood of first visits cannot grow memory without end.
    static let maximumSessions = 10_000

    func create(user: String?) -> Session {
        if sessions.count >= Self.maximumSessions { makeRoomForSessions() }
        let session = Session(id: Token.make(), csrf: Token.make(), user: user, lastSeen: clock())
        sessions[session.id] = session
        return session
    }

    func end(id: String) {
        sessions[id] = nil
    }

    /// Counts a sign-in attempt for `user` before its password is checked, so that guesses sent
    /// at once are counted too: exactly `lockoutFailures` are checked, then the user is locked
    /// out for `lockoutDuration`. Nil when it is locked out now (nothing is to be checked);
    /// `.locks` for the attempt that locks it when it fails.
    func beginAttempt(_ user: String) -> Attempt? {
        let now = clock()
        var entry = failures[user] ?? Failures(count: 0, lockedUntil: nil, last: now)
        if let until = entry.lockedUntil {
            if now < until { return nil }
            entry = Failures(count: 0, lockedUntil: nil, last: now)
        }
        entry.count += 1
        entry.last = now
        let locks = entry.count >= lockoutFailures
        if locks { entry.lockedUntil = now.addingTimeInterval(lockoutDuration) }
        if failures[user] == nil { makeRoomForFailures(now: now) }
        failures[user] = entry
        return locks ? .locks : .counted
    }

    enum Attempt { case counted, locks }

    func succeeded(_ user: String) {
        failures[user] = nil
    }

    /// Names tracked for the lockout at most: a flood of made-up names cannot grow memory
    /// without end. Entries whose lockout and failures are over go first, then the oldest.
    static let maximumTrackedNames = 10_000

    private func makeRoomForFailures(now: Date) {
        guard failures.count >= Self.maximumTrackedNames else { return }
        failures = failures.filter { entry in
            if let until = entry.value.lockedUntil { return now < until }
            return now.timeIntervalSince(entry.value.last) < lockoutDuration
        }
        while failures.count >= Self.maximumTrackedNames {
            let oldest = failures.min { ($0.value.lockedUntil != nil ? 1 : 0, $0.value.last) < ($1.value.lockedUntil != nil ? 1 : 0, $1.value.last) }
            guard let oldest else { break }
            failures[oldest.key] = nil
        }
    }

    var trackedNames: Int { failures.count }

    var sessionCount: Int { sessions.count }

    /// The expired go first; then a tenth of the rest, the longest unused first and signed-in
    /// staff's last, so that a flood of first visits costs this work once per thousand.
    private func makeRoomForSessions() {
        let now = clock()
        sessions = sessions.filter { now.timeIntervalSince($0.value.lastSeen) < lifetime }
        guard sessions.count >= Self.maximumSessions else { return }
        let ended = sessions.values.sorted { ($0.user == nil ? 0 : 1, $0.lastSeen) < ($1.user == nil ? 0 : 1, $1.lastSeen) }
            .prefix(sessions.count - Self.maximumSessions + Self.maximumSessions / 10)
        for session in ended { sessions[session.id] = nil }
    }
}

/// Unguessable tokens: 32 random bytes, hex.
enum Token {
    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    /// Whether `text` has a token's form (64 lowercase hex digits): a batch id from a URL is
    /// checked before anything looks it up, so it never names another path.
    static func isValid(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0) }
    }

    /// Compares without stopping at the first difference, so the time taken tells nothing.
    static func matches(_ given: String?, _ expected: String) -> Bool {
        guard let given, given.utf8.count == expected.utf8.count else { return false }
        return zip(given.utf8, expected.utf8).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
