import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL

/// An SMTP client for sending many messages over one connection.
///
/// ```swift
/// let client = SMTPClient(configuration: config)
/// try await client.connect()          // greeting, EHLO, STARTTLS, EHLO, AUTH
/// let reply = try await client.send(message)
/// await client.quit()
/// ```
///
/// Errors thrown are ``SMTPClientError``. After a lost connection, call
/// ``connect()`` again. Logs name steps and reply codes only, never addresses.
public actor SMTPClient {
    public let configuration: SMTPConfiguration
    private let group: any EventLoopGroup
    private let logger: Logger
    private var channel: (any Channel)?
    private var capabilities = SMTPCapabilities(ehloReply: SMTPReply(code: 250, lines: []))
    private var tlsEstablished = false
    private var transactionsOnConnection = 0

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

    /// The extensions the server announced in its last EHLO reply.
    public var serverCapabilities: SMTPCapabilities { capabilities }

    /// Connects, reads the greeting, says EHLO, upgrades with STARTTLS (in that
    /// mode), says EHLO again, and logs in when credentials are configured.
    public func connect() async throws {
        await closeChannel()
        try validateConfiguration()
        let tlsContext = configuration.security == .plaintextLoopback
            ? nil : try SMTPPipeline.makeTLSContext(caFile: configuration.caFile)
        let eventLoop = group.next()
        let greetingPromise = eventLoop.makePromise(of: SMTPReply.self)
        let configuration = self.configuration
        let channel: any Channel
        do {
            channel = try await ClientBootstrap(group: eventLoop)
                .connectTimeout(configuration.timeouts.connect)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try SMTPPipeline.configure(
                            channel, configuration: configuration, tlsContext: tlsContext, greeting: greetingPromise)
                    }
                }
                .connect(host: configuration.host, port: configuration.port).get()
        } catch {
            greetingPromise.fail(SMTPClientError.connectionFailed("\(error)"))
            throw SMTPClientError.connectionFailed(Self.describeConnectError(error))
        }
        self.channel = channel
        tlsEstablished = false
        transactionsOnConnection = 0
        do {
            try checkLoopback(channel)
            try expect(try await greetingPromise.futureResult.get(), 220, step: "greeting")
            tlsEstablished = configuration.security == .implicitTLS
            try await hello()
            if configuration.security == .startTLS { try await startTLS() }
            if let credentials = configuration.credentials { try await authenticate(credentials) }
            logger.debug("SMTP connected", metadata: ["tls": "\(tlsEstablished)"])
        } catch {
            await closeChannel()
            throw Self.clientError(error)
        }
    }

    /// Sends one message: RSET (from the second message on), MAIL FROM, RCPT TO,
    /// DATA, then the message. `beforeHandover` runs after the server's `354` and
    /// before the message's final "." is written (a journal records "uncertain"
    /// there). Returns the server's reply to the final ".".
    @discardableResult
    public func send(
        _ message: OutgoingMessage, beforeHandover: @Sendable () async throws -> Void = {}
    ) async throws -> SMTPReply {
        guard isConnected else { throw SMTPClientError.notConnected }
        if let limit = capabilities.maximumMessageSize, message.bytes.count > limit {
            throw SMTPClientError.messageTooLarge(size: message.bytes.count, limit: limit)
        }
        do {
            if transactionsOnConnection > 0 { try expect(try await request(.reset), 250, step: "RSET") }
            transactionsOnConnection += 1
            let size = capabilities.supportsSize ? message.bytes.count : nil
            try expect(try await request(.mailFrom(message.from.address.address, size: size)), 250, step: "MAIL FROM")
            let rcpt = try await request(.recipient(message.to.address.address))
            guard rcpt.code == 250 || rcpt.code == 251 else { throw Self.rejection(rcpt, step: "RCPT TO") }
            try expect(try await request(.data), 354, step: "DATA")
            try await beforeHandover()
            let payload = ByteBuffer(bytes: message.bytes)
            let reply = try await request(.payload(payload), timeout: configuration.timeouts.dataTermination)
            try expect(reply, 250, step: "end of DATA")
            logger.debug("SMTP message accepted", metadata: ["record": "\(message.recordID)"])
            return reply
        } catch {
            throw Self.clientError(error)
        }
    }

    /// Says QUIT (briefly waiting for the reply) and closes the connection.
    public func quit() async {
        if isConnected {
            _ = try? await request(.quit, timeout: .seconds(5))
        }
        await closeChannel()
    }

    // MARK: Steps

    private func hello() async throws {
        let name = Self.ehloName(for: channel?.localAddress)
        let reply = try await request(.ehlo(name))
        try expect(reply, 250, step: "EHLO")
        capabilities = SMTPCapabilities(ehloReply: reply)
    }

    private func startTLS() async throws {
        guard capabilities.supportsStartTLS else {
            _ = try? await request(.quit, timeout: .seconds(5))
            throw SMTPClientError.startTLSNotOffered
        }
        let reply = try await request(.startTLS)
        guard reply.code == 220 else { throw SMTPClientError.startTLSRejected(reply: reply.redacted) }
        tlsEstablished = true
        // RFC 3207 §4.2: forget what was learned before TLS and ask again.
        capabilities = SMTPCapabilities(ehloReply: SMTPReply(code: 250, lines: []))
        try await hello()
    }

    private func authenticate(_ credentials: SMTPConfiguration.Credentials) async throws {
        guard tlsEstablished, let channel,
            (try? await channel.pipeline.containsHandler(type: NIOSSLClientHandler.self).get()) != nil
        else { throw SMTPClientError.authenticationRequiresTLS }
        let mechanisms = capabilities.authMechanisms
        let user = Data(credentials.user.utf8).base64EncodedString()
        let password = Data(credentials.password.utf8).base64EncodedString()
        let reply: SMTPReply
        if mechanisms.contains("PLAIN") {
            let token = Data(("\u{0}" + credentials.user + "\u{0}" + credentials.password).utf8).base64EncodedString()
            reply = try await request(.authPlain(initialResponse: token))
        } else if mechanisms.contains("LOGIN") {
            try expect(try await request(.authLogin), 334, step: "AUTH")
            try expect(try await request(.authResponse(user)), 334, step: "AUTH")
            reply = try await request(.authResponse(password))
        } else {
            throw SMTPClientError.authenticationNotOffered
        }
        guard reply.code == 235 else { throw SMTPClientError.authenticationFailed(reply: reply.redacted) }
    }

    // MARK: Plumbing

    private func request(_ command: SMTPCommand, timeout: TimeAmount? = nil) async throws -> SMTPReply {
        guard let channel else { throw SMTPClientError.notConnected }
        let promise = channel.eventLoop.makePromise(of: SMTPReply.self)
        let request = SMTPRequest(
            command: command, timeout: timeout ?? configuration.timeouts.command, promise: promise)
        channel.writeAndFlush(request).whenFailure { error in
            promise.fail(error as? SMTPClientError ?? .connectionLost(step: command.step))
        }
        return try await promise.futureResult.get()
    }

    private func expect(_ reply: SMTPReply, _ code: Int, step: String) throws {
        guard reply.code == code else { throw Self.rejection(reply, step: step) }
    }

    private static func rejection(_ reply: SMTPReply, step: String) -> SMTPClientError {
        .rejected(step: step, code: reply.code, reply: reply.redacted)
    }

    private func closeChannel() async {
        guard let channel else { return }
        self.channel = nil
        try? await channel.close()
    }

    private func validateConfiguration() throws {
        let host = configuration.host
        if let credentials = configuration.credentials {
            for text in [credentials.user, credentials.password]
            where text.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\u{0}" }) {
                throw SMTPClientError.credentialsInvalid
            }
        }
        switch configuration.security {
        case .plaintextLoopback:
            guard SMTPConfiguration.isLoopbackName(host) else { throw SMTPClientError.plaintextNotLoopback }
            if configuration.credentials != nil { throw SMTPClientError.authenticationRequiresTLS }
        case .startTLS, .implicitTLS:
            if SMTPConfiguration.isIPAddress(host) { throw SMTPClientError.ipAddressHostNeedsName }
        }
    }

    private func checkLoopback(_ channel: any Channel) throws {
        guard configuration.security == .plaintextLoopback else { return }
        let ip = channel.remoteAddress?.ipAddress ?? ""
        guard ip == "127.0.0.1" || ip == "::1" else { throw SMTPClientError.plaintextNotLoopback }
    }

    /// EHLO takes our address as a literal (RFC 5321 §4.1.3), needing no DNS name.
    private static func ehloName(for address: SocketAddress?) -> String {
        guard let address, let ip = address.ipAddress else { return "localhost" }
        if case .v6 = address { return "[IPv6:\(ip)]" }
        return "[\(ip)]"
    }

    private static func clientError(_ error: any Error) -> SMTPClientError {
        if let error = error as? SMTPClientError { return error }
        return .protocolViolation(String(describing: error))
    }

    private static func describeConnectError(_ error: any Error) -> String {
        if let error = error as? ChannelError, case .connectTimeout = error { return "timed out" }
        if let error = error as? NIOConnectionError {
            return error.connectionErrors.first.map { "\($0.error)" } ?? "no address found for the host"
        }
        return "\(error)"
    }
}
