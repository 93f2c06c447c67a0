import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL

/// An SMTP client for sending many messages over one connection. The conversation
/// itself is ``SMTPClientStateMachine``'s; this actor opens the connection and hands
/// it one request at a time.
///
/// ```swift
/// let client = SMTPClient(configuration: config)
/// try await client.connect()          // greeting, EHLO, STARTTLS, EHLO, AUTH
/// let reply = try await client.send(message) { try await journal.append(uncertain) }
/// await client.quit()
/// ```
///
/// After a lost connection, call ``connect()`` again. Logs name steps and reply
/// codes only, never addresses.
public actor SMTPClient {
    public let configuration: SMTPConfiguration
    private let group: any EventLoopGroup
    private let logger: Logger
    private var channel: (any Channel)?

    public init(
        configuration: SMTPConfiguration, eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger = Logger(label: "handout.mail.smtp")
    ) {
        self.configuration = configuration
        self.group = eventLoopGroup
        self.logger = logger
    }

    /// Whether a connection is open and ready for ``send(_:beforeHandover:)``.
    public var isConnected: Bool { channel?.isActive ?? false }

    /// Connects, reads the greeting, says EHLO, upgrades with STARTTLS (in that
    /// mode), says EHLO again, and logs in when credentials are configured.
    public func connect() async throws(SMTPClientError) {
        await closeChannel()
        try validateConfiguration()
        let tlsContext = configuration.security == .plaintextLoopback
            ? nil : try SMTPPipeline.makeTLSContext(caFile: configuration.caFile)
        let eventLoop = group.next()
        let connected = eventLoop.makePromise(of: SMTPReply.self)
        let configuration = self.configuration
        let channel: any Channel
        do {
            channel = try await ClientBootstrap(group: eventLoop)
                .connectTimeout(configuration.timeouts.connect)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try SMTPPipeline.configure(
                            channel, configuration: configuration, tlsContext: tlsContext, connected: connected)
                    }
                }
                .connect(host: configuration.host, port: configuration.port).get()
        } catch {
            let failure = SMTPClientError.connectionFailed(describeConnectError(error))
            connected.fail(failure)
            throw failure
        }
        self.channel = channel
        do {
            try checkLoopback(channel)
            _ = try await Self.reply(to: connected.futureResult)
            logger.debug("SMTP connected", metadata: ["security": "\(configuration.security)"])
        } catch {
            await closeChannel()
            throw error
        }
    }

    /// Sends one message: RSET (from the second message on), MAIL FROM, RCPT TO,
    /// DATA, then the message. `beforeHandover` runs after the server's `354` and
    /// before the message is written (a journal records "uncertain" there); when it
    /// throws, the connection is closed without the final ".", so nothing is
    /// delivered, and its error is thrown as ``SMTPSendError/handover(_:)``.
    /// Returns the server's reply to the final ".".
    @discardableResult
    public func send<HandoverError: Error>(
        _ message: OutgoingMessage, beforeHandover: @Sendable () async throws(HandoverError) -> Void
    ) async throws(SMTPSendError<HandoverError>) -> SMTPReply {
        guard let channel, channel.isActive else { throw .smtp(.notConnected) }
        do {
            _ = try await request(on: channel) { .message(message, $0) }
        } catch {
            throw .smtp(error)
        }
        do {
            try await beforeHandover()
        } catch {
            channel.writeAndFlush(SMTPRequest.abandon, promise: nil)
            await closeChannel()
            throw .handover(error)
        }
        do {
            let reply = try await request(on: channel) { .handOver($0) }
            logger.debug("SMTP message accepted", metadata: ["record": "\(message.recordID)"])
            return reply
        } catch {
            throw .smtp(error)
        }
    }

    /// Says QUIT (briefly waiting for the reply) and closes the connection.
    public func quit() async {
        if let channel, channel.isActive {
            _ = try? await request(on: channel) { .quit($0) }
        }
        await closeChannel()
    }

    // MARK: Plumbing

    private func request(
        on channel: any Channel, _ make: (EventLoopPromise<SMTPReply>) -> SMTPRequest
    ) async throws(SMTPClientError) -> SMTPReply {
        let promise = channel.eventLoop.makePromise(of: SMTPReply.self)
        channel.writeAndFlush(make(promise)).whenFailure { error in
            promise.fail(error as? SMTPClientError ?? .notConnected)
        }
        return try await Self.reply(to: promise.futureResult)
    }

    /// The handler fails requests with ``SMTPClientError`` only.
    private static func reply(to future: EventLoopFuture<SMTPReply>) async throws(SMTPClientError) -> SMTPReply {
        do {
            return try await future.get()
        } catch {
            throw error as? SMTPClientError ?? .notConnected
        }
    }

    private func closeChannel() async {
        guard let channel else { return }
        self.channel = nil
        try? await channel.close()
    }

    private func validateConfiguration() throws(SMTPClientError) {
        let host = configuration.host
        if let credentials = configuration.credentials {
            for text in [credentials.user, credentials.password]
            where text.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\u{0}" }) {
                throw .credentialsInvalid
            }
        }
        switch configuration.security {
        case .plaintextLoopback:
            guard SMTPConfiguration.isLoopbackName(host) else { throw .plaintextNotLoopback }
            if configuration.credentials != nil { throw .authenticationRequiresTLS }
        case .startTLS, .implicitTLS:
            if SMTPConfiguration.isIPAddress(host) { throw .ipAddressHostNeedsName }
        }
    }

    private func checkLoopback(_ channel: any Channel) throws(SMTPClientError) {
        guard configuration.security == .plaintextLoopback else { return }
        let ip = channel.remoteAddress?.ipAddress ?? ""
        guard ip == "127.0.0.1" || ip == "::1" else { throw .plaintextNotLoopback }
    }

    /// One plain line: which server, and what the system said (`connection refused`), never a
    /// type's dump.
    private func describeConnectError(_ error: any Error) -> String {
        let server = "\(configuration.host) port \(configuration.port)"
        return "\(server): \(Self.reason(error))"
    }

    private static func reason(_ error: any Error) -> String {
        switch error {
        case ChannelError.connectTimeout: return "no answer in time"
        case let error as IOError: return systemText(error.errnoCode)
        case let error as NIOConnectionError:
            if let first = error.connectionErrors.first { return reason(first.error) }
            return "no address found for the host name"
        default: return "the connection could not be opened"
        }
    }

    /// `strerror` in lower case ("connection refused"), ASCII only.
    private static func systemText(_ code: CInt) -> String {
        let text = String(cString: strerror(code)).filter { $0.isASCII && !$0.isNewline }
        return text.prefix(1).lowercased() + text.dropFirst()
    }
}

/// Why ``SMTPClient/send(_:beforeHandover:)`` did not hand a message over.
public enum SMTPSendError<HandoverError: Error>: Error {
    /// The server, the connection or TLS failed.
    case smtp(SMTPClientError)
    /// The hook before the hand-over threw: a local failure; nothing was handed over.
    case handover(HandoverError)
}
