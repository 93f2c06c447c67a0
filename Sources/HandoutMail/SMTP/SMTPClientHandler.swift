import NIOCore
import NIOSSL
import NIOTLS

/// Carries out what ``SMTPClientStateMachine`` decides: it feeds the machine the
/// channel's events and the client's requests, and does the actions (write a
/// command, run the one step timer, swap in TLS, complete the request, close).
/// It holds no protocol state of its own.
///
/// STARTTLS (RFC 3207, and the plaintext-injection class of CVE-2011-0411): on the
/// `220`, the line decoder is removed, so any bytes it still holds arrive as a reply
/// or an error and fail the connection with ``SMTPClientError/startTLSInjection``;
/// only then is `NIOSSLClientHandler` added at the front with a fresh line decoder
/// behind it, and EHLO is said again once the handshake is done.
final class SMTPClientHandler: ChannelDuplexHandler {
    typealias InboundIn = SMTPReply
    typealias OutboundIn = SMTPRequest
    typealias OutboundOut = SMTPCommand

    /// How long the server may take to answer QUIT.
    static let quitTimeout = TimeAmount.seconds(5)

    private var machine: SMTPClientStateMachine
    /// The request waiting for the machine to succeed or fail it.
    private var current: EventLoopPromise<SMTPReply>?
    private var timer: Scheduled<Void>?
    private let timeouts: SMTPConfiguration.Timeouts
    private let tlsContext: NIOSSLContext?
    private let serverHostname: String
    private let maximumLineLength: Int

    /// - Parameters:
    ///   - connected: succeeds once the greeting, EHLO, STARTTLS and AUTH are done.
    ///   - tlsContext: needed for STARTTLS.
    init(configuration: SMTPConfiguration, tlsContext: NIOSSLContext?, connected: EventLoopPromise<SMTPReply>) {
        machine = SMTPClientStateMachine(security: configuration.security, credentials: configuration.credentials)
        current = connected
        timeouts = configuration.timeouts
        self.tlsContext = tlsContext
        serverHostname = configuration.host
        maximumLineLength = configuration.maximumReplyLineLength
    }

    // MARK: Events

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { connected(context: context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        connected(context: context)
        context.fireChannelActive()
    }

    private func connected(context: ChannelHandlerContext) {
        perform(machine.connected(ehloName: Self.ehloName(for: context.localAddress)), context: context)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let action: SMTPClientStateMachine.Action
        let request: EventLoopPromise<SMTPReply>?
        switch Self.unwrapOutboundIn(data) {
        case .message(let message, let reply):
            (action, request) = (machine.messageQueued(message), reply)
        case .handOver(let reply):
            (action, request) = (machine.handoverAccepted(), reply)
        case .abandon:
            (action, request) = (machine.handoverFailed(), nil)
        case .quit(let reply):
            (action, request) = (machine.quitRequested(), reply)
        }
        if case .refuse(let error) = action {
            promise?.fail(error)
        } else {
            promise?.succeed()
        }
        perform(action, context: context, request: request)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        perform(machine.replyReceived(Self.unwrapInboundIn(data)), context: context)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case .handshakeCompleted = event as? TLSUserEvent {
            perform(machine.tlsHandshakeCompleted(), context: context)
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        if let error = Self.classify(error) {
            perform(machine.errorCaught(error), context: context)
        } else {
            perform(machine.connectionClosed(), context: context)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        perform(machine.connectionClosed(), context: context)
        context.fireChannelInactive()
    }

    /// What an error from the pipeline means; `nil` for a failure of the connection
    /// itself (reset, closed), which loses whatever step was waiting.
    static func classify(_ error: any Error) -> SMTPClientError? {
        switch error {
        case let violation as SMTPProtocolViolation: .protocolViolation(violation)
        case is NIOSSLError, is BoringSSLError, is NIOSSLExtraError: SMTPClientError(tlsError: error)
        default: nil
        }
    }

    /// EHLO takes our address as a literal (RFC 5321 §4.1.3), needing no DNS name.
    static func ehloName(for address: SocketAddress?) -> String {
        guard let address, let ip = address.ipAddress else { return "localhost" }
        if case .v6 = address { return "[IPv6:\(ip)]" }
        return "[\(ip)]"
    }

    // MARK: Actions

    /// - Parameter request: the promise of the request that led to `action`, which
    ///   becomes the current one unless the machine refused it.
    private func perform(
        _ action: SMTPClientStateMachine.Action, context: ChannelHandlerContext,
        request: EventLoopPromise<SMTPReply>? = nil
    ) {
        if case .refuse(let error) = action {
            request?.fail(error)
            return
        }
        if let request { current = request }
        switch action {
        case .armTimer(let timer):
            arm(timer, context: context)
        case .send(let command, let timer):
            arm(timer, context: context)
            let written = context.eventLoop.makePromise(of: Void.self)
            written.futureResult.assumeIsolated().whenComplete { result in
                switch result {
                case .success: self.perform(self.machine.commandWritten(), context: context)
                case .failure: self.perform(self.machine.connectionClosed(), context: context)
                }
            }
            context.writeAndFlush(Self.wrapOutboundOut(command), promise: written)
        case .drainPlaintext:
            drainPlaintext(context: context)
        case .addTLSHandler:
            addTLSHandler(context: context)
        case .succeed(let reply):
            takeCurrent()?.succeed(reply)
        case .fail(let error):
            takeCurrent()?.fail(error)
        case .failAndClose(let error):
            takeCurrent()?.fail(error)
            context.close(promise: nil)
        case .close:
            cancelTimer()
            context.close(promise: nil)
        case .refuse, .none:
            break
        }
    }

    private func arm(_ timer: SMTPClientStateMachine.Timer, context: ChannelHandlerContext) {
        cancelTimer()
        let delay =
            switch timer {
            case .greeting: timeouts.greeting
            case .command: timeouts.command
            case .dataTermination: timeouts.dataTermination
            case .quit: Self.quitTimeout
            }
        self.timer = context.eventLoop.assumeIsolated().scheduleTask(in: delay) {
            self.timer = nil
            self.perform(self.machine.timedOut(), context: context)
        }
    }

    private func cancelTimer() {
        timer?.cancel()
        timer = nil
    }

    /// Cancels the step timer and hands back the current request's promise.
    private func takeCurrent() -> EventLoopPromise<SMTPReply>? {
        cancelTimer()
        defer { current = nil }
        return current
    }

    private func drainPlaintext(context: ChannelHandlerContext) {
        let pipeline = context.pipeline.syncOperations
        do {
            let decoder = try pipeline.context(handlerType: ByteToMessageHandler<SMTPLineDecoder>.self)
            pipeline.removeHandler(context: decoder).assumeIsolated().whenComplete { result in
                switch result {
                case .success: self.perform(self.machine.plaintextDrained(), context: context)
                case .failure(let error): self.tlsSetupFailed(error, context: context)
                }
            }
        } catch {
            tlsSetupFailed(error, context: context)
        }
    }

    private func addTLSHandler(context: ChannelHandlerContext) {
        guard let tlsContext else {
            perform(machine.errorCaught(.tlsFailed("no TLS configuration for STARTTLS")), context: context)
            return
        }
        do {
            let pipeline = context.pipeline.syncOperations
            let tls = try NIOSSLClientHandler(context: tlsContext, serverHostname: serverHostname)
            try pipeline.addHandler(tls, position: .first)
            try pipeline.addHandler(
                ByteToMessageHandler(SMTPLineDecoder(maximumLineLength: maximumLineLength)), position: .after(tls))
        } catch {
            tlsSetupFailed(error, context: context)
        }
    }

    private func tlsSetupFailed(_ error: any Error, context: ChannelHandlerContext) {
        perform(machine.errorCaught(SMTPClientError(tlsError: error)), context: context)
    }
}

@available(*, unavailable)
extension SMTPClientHandler: Sendable {}
