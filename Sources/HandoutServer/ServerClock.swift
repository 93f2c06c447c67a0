import Foundation

/// What time it is for the server's expiries (sessions, lockouts, batches): the system's clock,
/// or one a test moves by hand, so no test waits for an expiry in real time.
public struct ServerClock: Sendable {
    public let now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date) {
        self.now = now
    }

    public static let system = ServerClock { Date() }
}
