import Foundation
import NIOCore
import NIOHTTPTypes

/// Open connections at most, across the server: one past the cap is closed as soon as it is
/// accepted, holding nothing. (Hummingbird's `MaximumAvailableConnections` does not hold with
/// its async server channel: a test saw a ninth connection answered with the cap at four.)
///
/// `@unchecked Sendable`: `open` is read and written only while `lock` is held.
final class ConnectionLimit: @unchecked Sendable {
    let maximum: Int
    private let lock = NSLock()
    private var open = 0

    init(maximum: Int) {
        self.maximum = maximum
    }

    fileprivate func take() -> Bool {
        lock.withLock {
            guard open < maximum else { return false }
            open += 1
            return true
        }
    }

    fileprivate func give() {
        lock.withLock { open -= 1 }
    }
}

/// Counts its connection against the ``ConnectionLimit``, or closes it when the limit is reached.
final class ConnectionCap: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart

    private let limit: ConnectionLimit
    private var counted = false

    init(_ limit: ConnectionLimit) {
        self.limit = limit
    }

    func handlerAdded(context: ChannelHandlerContext) {
        counted = limit.take()
        if !counted { context.close(promise: nil) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        if counted { limit.give() }
        counted = false
    }
}
