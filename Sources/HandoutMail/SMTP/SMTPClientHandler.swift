import NIOCore
import NIOSSL
import NIOTLS

/// Pairs each command with its reply, one at a time (no pipelining), and carries
/// out the STARTTLS upgrade.
///
/// Sequence on a `220` to STARTTLS (RFC 3207, and the plaintext-injection class of
/// CVE-2011-0411): any further reply before the upgrade is an error; the line
/// decoder is removed, and any bytes it still holds fail the connection with
/// ``SMTPClientError/startTLSInjection``; then `NIOSSLClientHandler` is added at
/// the front with a fresh line decoder behind it, and the STARTTLS request
/// completes only when the handshake has. Every request has a timeout; an error
/// or a closed channel fails the request in flight and every later one.
final class SMTPClientHandler: ChannelDuplexHandler {
    typealias InboundIn = SMTPReply
    typealias OutboundIn = SMTPRequest
    typealias OutboundOut = SMTPCommand

    private struct InFlight {
        let id: Int
        let step: String
        let promise: EventLoopPromise<SMTPReply>
        let isDataEnd: Bool
        let isStartTLS: Bool
        var written = false
        var timeout: Scheduled<Void>?
    }

    private enum State {
        case idle
        case waiting(InFlight)
        case upgrading(InFlight, SMTPReply)
        case failed(SMTPClientError)
    }

    private var state: State
    private var nextID = 1
    private let greetingTimeout: TimeAmount
    private let tlsContext: NIOSSLContext?
    private let serverHostname: String
    private let maximumLineLength: Int

    /// - Parameters:
    ///   - greeting: gets the server's greeting, the first reply.
    ///   - tlsContext: needed for STARTTLS; `nil` refuses STARTTLS.
    init(
        greeting: EventLoopPromise<SMTPReply>, greetingTimeout: TimeAmount, tlsContext: NIOSSLContext?,
        serverHostname: String, maximumLineLength: Int
    ) {
        self.state = .waiting(InFlight(id: 0, step: "greeting", promise: greeting, isDataEnd: false, isStartTLS: false))
        self.greetingTimeout = greetingTimeout
        self.tlsContext = tlsContext
        self.serverHostname = serverHostname
        self.maximumLineLength = maximumLineLength
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { startGreetingTimer(context: context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        startGreetingTimer(context: context)
        context.fireChannelActive()
    }

    private func startGreetingTimer(context: ChannelHandlerContext) {
        guard case .waiting(var inFlight) = state, inFlight.id == 0, inFlight.timeout == nil else { return }
        inFlight.timeout = scheduleTimeout(context: context, id: 0, after: greetingTimeout)
        state = .waiting(inFlight)
    }

    // MARK: Outbound

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let request = Self.unwrapOutboundIn(data)
        switch state {
        case .failed(let error):
            request.promise.fail(error)
            promise?.fail(error)
            return
        case .waiting, .upgrading:
            let error = SMTPClientError.protocolViolation("a command was sent before the previous reply arrived")
            request.promise.fail(error)
            promise?.fail(error)
            return
        case .idle:
            break
        }
        let id = nextID
        nextID += 1
        var isDataEnd = false
        if case .payload = request.command { isDataEnd = true }
        var inFlight = InFlight(
            id: id, step: request.command.step, promise: request.promise, isDataEnd: isDataEnd,
            isStartTLS: request.command == .startTLS)
        inFlight.timeout = scheduleTimeout(context: context, id: id, after: request.timeout)
        state = .waiting(inFlight)

        let written = context.eventLoop.makePromise(of: Void.self)
        written.futureResult.assumeIsolated().whenComplete { result in
            switch result {
            case .success: self.markWritten(id: id)
            case .failure: self.fail(context: context, with: .connectionLost(step: request.command.step))
            }
        }
        if let promise { written.futureResult.cascade(to: promise) }
        context.writeAndFlush(Self.wrapOutboundOut(request.command), promise: written)
    }

    private func markWritten(id: Int) {
        if case .waiting(var inFlight) = state, inFlight.id == id {
            inFlight.written = true
            state = .waiting(inFlight)
        }
    }

    // MARK: Inbound

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let reply = Self.unwrapInboundIn(data)
        switch state {
        case .waiting(let inFlight) where inFlight.isStartTLS && reply.code == 220:
            beginTLS(context: context, inFlight: inFlight, reply: reply)
        case .waiting(let inFlight):
            inFlight.timeout?.cancel()
            state = .idle
            inFlight.promise.succeed(reply)
        case .upgrading:
            fail(context: context, with: .startTLSInjection)
        case .idle:
            fail(context: context, with: .protocolViolation("the server sent a reply nobody asked for"))
        case .failed:
            break
        }
    }

    private func beginTLS(context: ChannelHandlerContext, inFlight: InFlight, reply: SMTPReply) {
        guard let tlsContext else {
            fail(context: context, with: .protocolViolation("STARTTLS without a TLS configuration"))
            return
        }
        state = .upgrading(inFlight, reply)
        let pipeline = context.pipeline.syncOperations
        guard let decoder = try? pipeline.context(handlerType: ByteToMessageHandler<SMTPLineDecoder>.self) else {
            fail(context: context, with: .protocolViolation("line decoder missing"))
            return
        }
        // Removing the decoder runs its decodeLast: buffered plaintext either
        // arrives here as a reply or raises leftoverBytes; both fail the upgrade.
        pipeline.removeHandler(context: decoder).assumeIsolated().whenComplete { result in
            guard case .upgrading = self.state, case .success = result else { return }
            do {
                let tls = try NIOSSLClientHandler(context: tlsContext, serverHostname: self.serverHostname)
                try pipeline.addHandler(tls, position: .first)
                try pipeline.addHandler(
                    ByteToMessageHandler(SMTPLineDecoder(maximumLineLength: self.maximumLineLength)),
                    position: .after(tls))
            } catch {
                self.fail(context: context, with: SMTPClientError(tlsError: error))
            }
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case .handshakeCompleted = event as? TLSUserEvent, case .upgrading(let inFlight, let reply) = state {
            inFlight.timeout?.cancel()
            state = .idle
            inFlight.promise.succeed(reply)
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        let mapped: SMTPClientError
        switch (error, state) {
        case (SMTPLineDecoderError.leftoverBytes, .upgrading):
            mapped = .startTLSInjection
        case (let error as SMTPClientError, _):
            mapped = error
        case (is NIOSSLError, _), (is BoringSSLError, _), (is NIOSSLExtraError, _):
            mapped = SMTPClientError(tlsError: error)
        default:
            mapped = .protocolViolation(String(describing: error))
        }
        fail(context: context, with: mapped)
    }

    func channelInactive(context: ChannelHandlerContext) {
        switch state {
        case .waiting(let inFlight), .upgrading(let inFlight, _):
            fail(context: context, with: .connectionLost(step: inFlight.step))
        case .idle:
            state = .failed(.connectionLost(step: "idle"))
        case .failed:
            break
        }
        context.fireChannelInactive()
    }

    // MARK: Failure

    private func scheduleTimeout(context: ChannelHandlerContext, id: Int, after delay: TimeAmount) -> Scheduled<Void> {
        context.eventLoop.assumeIsolated().scheduleTask(in: delay) {
            switch self.state {
            case .waiting(let inFlight) where inFlight.id == id, .upgrading(let inFlight, _) where inFlight.id == id:
                self.fail(context: context, with: .timedOut(step: inFlight.step))
            default:
                break
            }
        }
    }

    /// Fails the request in flight (as ``SMTPClientError/outcomeUnknown(step:cause:)``
    /// when the message's final "." was already written) and closes the channel.
    private func fail(context: ChannelHandlerContext, with error: SMTPClientError) {
        switch state {
        case .waiting(let inFlight), .upgrading(let inFlight, _):
            inFlight.timeout?.cancel()
            state = .failed(error)
            if inFlight.isDataEnd && inFlight.written {
                inFlight.promise.fail(SMTPClientError.outcomeUnknown(step: inFlight.step, cause: error.shortDescription))
            } else {
                inFlight.promise.fail(error)
            }
        case .idle:
            state = .failed(error)
        case .failed:
            return
        }
        context.close(promise: nil)
    }
}

@available(*, unavailable)
extension SMTPClientHandler: Sendable {}
