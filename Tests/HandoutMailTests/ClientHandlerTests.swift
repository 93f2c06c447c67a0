import NIOCore
import NIOEmbedded
import NIOSSL
import Testing

@testable import HandoutMail

/// The client pipeline driven through an EmbeddedChannel: no sockets, and time
/// moved by hand with `advanceTime`.
@Suite("SMTP client handler")
struct ClientHandlerTests {
    static let timeouts = SMTPConfiguration.Timeouts(
        connect: .seconds(1), greeting: .seconds(10), command: .seconds(5), dataTermination: .seconds(20))

    final class Harness {
        let channel = EmbeddedChannel()
        let connected: EventLoopPromise<SMTPReply>

        init(
            security: SMTPConfiguration.Security = .plaintextLoopback, credentials: SMTPConfiguration.Credentials? = nil,
            host: String = "localhost"
        ) throws {
            connected = channel.eventLoop.makePromise()
            let configuration = SMTPConfiguration(
                host: host, port: 25, security: security, credentials: credentials,
                caFile: TestCertificates.shared.caFile, timeouts: ClientHandlerTests.timeouts)
            let tls = security == .plaintextLoopback ? nil : try SMTPPipeline.makeTLSContext(caFile: configuration.caFile)
            try SMTPPipeline.configure(channel, configuration: configuration, tlsContext: tls, connected: connected)
            // Not 127.0.0.1: NIOSSL also accepts a certificate whose IP address entry is the peer's.
            try channel.connect(to: SocketAddress(ipAddress: "192.0.2.25", port: 25)).wait()
        }

        /// Closes the channel, so no request is left without an answer.
        deinit {
            channel.close(promise: nil)
            channel.embeddedEventLoop.advanceTime(by: .minutes(5))  // a TLS close waits for close_notify that long at most
            _ = try? channel.finish(acceptAlreadyClosed: true)
        }

        /// A plaintext connection that has said EHLO and is ready for a message.
        static func ready() throws -> Harness {
            let harness = try Harness()
            try harness.inbound("220 mail.example ESMTP\r\n")
            #expect(try harness.outbound() == "EHLO localhost\r\n")
            try harness.inbound("250 mail.example\r\n")
            #expect(harness.reply(of: harness.connected.futureResult)?.code == 250)
            return harness
        }

        func inbound(_ text: String) throws {
            try channel.writeInbound(ByteBuffer(string: text))
            channel.embeddedEventLoop.run()
        }

        func request(_ make: (EventLoopPromise<SMTPReply>) -> SMTPRequest) -> EventLoopFuture<SMTPReply> {
            let promise = channel.eventLoop.makePromise(of: SMTPReply.self)
            // A closed channel fails the write before the handler sees the request.
            channel.writeAndFlush(make(promise)).assumeIsolated().whenFailure { promise.fail($0) }
            return promise.futureResult
        }

        /// MAIL FROM, RCPT TO and DATA answered; the message is ready to hand over.
        func messageUpToHandOver() throws -> EventLoopFuture<SMTPReply> {
            let message = request { .message(StateMachineTests.message(), $0) }
            #expect(try outbound() == "MAIL FROM:<care@clinic.example>\r\n")
            try inbound("250 ok\r\n")
            #expect(try outbound() == "RCPT TO:<p001@patients.example>\r\n")
            try inbound("250 ok\r\n")
            #expect(try outbound() == "DATA\r\n")
            try inbound("354 go ahead\r\n")
            return message
        }

        func outbound() throws -> String? {
            try channel.readOutbound(as: ByteBuffer.self).map { String(buffer: $0) }
        }

        func advance(_ seconds: Int64) {
            channel.embeddedEventLoop.advanceTime(by: .seconds(seconds))
        }

        /// The future's result if it is complete, without waiting.
        func outcome(of future: EventLoopFuture<SMTPReply>) -> Result<SMTPReply, any Error>? {
            var outcome: Result<SMTPReply, any Error>?
            future.assumeIsolated().whenComplete { outcome = $0 }
            channel.embeddedEventLoop.run()
            return outcome
        }

        func reply(of future: EventLoopFuture<SMTPReply>) -> SMTPReply? {
            try? outcome(of: future)?.get()
        }

        func error(of future: EventLoopFuture<SMTPReply>) -> SMTPClientError? {
            guard case .failure(let error) = outcome(of: future) else { return nil }
            return error as? SMTPClientError
        }

        var hasTLSHandler: Bool {
            (try? channel.pipeline.syncOperations.handler(type: NIOSSLClientHandler.self)) != nil
        }

        func finishIsClean() throws -> Bool {
            try channel.finish(acceptAlreadyClosed: true).isClean
        }
    }

    // MARK: Conversation

    @Test func saysHelloAfterTheGreetingAndSendsAMessage() throws {
        let harness = try Harness.ready()
        let message = try harness.messageUpToHandOver()
        #expect(harness.reply(of: message)?.code == 354)
        let handOver = harness.request { .handOver($0) }
        #expect(try harness.outbound() == "xxxxxxxxxx\r\n.\r\n")
        try harness.inbound("250 queued as 1\r\n")
        #expect(harness.reply(of: handOver) == SMTPReply(code: 250, lines: ["queued as 1"]))
        let second = harness.request { .message(StateMachineTests.message(), $0) }
        #expect(try harness.outbound() == "RSET\r\n")
        try harness.inbound("550 no\r\n")
        #expect(harness.error(of: second) == .permanentFailure(step: .reset, code: 550, reply: "550 no"))
        #expect(harness.channel.isActive)  // a refusal keeps the connection
        let quit = harness.request { .quit($0) }
        #expect(try harness.outbound() == "QUIT\r\n")
        try harness.inbound("221 bye\r\n")
        #expect(harness.reply(of: quit)?.code == 221)
        #expect(try harness.finishIsClean())
    }

    @Test func abandonedHandOverClosesWithoutTheFinalDot() throws {
        let harness = try Harness.ready()
        _ = try harness.messageUpToHandOver()
        harness.channel.writeAndFlush(SMTPRequest.abandon, promise: nil)
        #expect(!harness.channel.isActive)
        #expect(try harness.outbound() == nil)
    }

    @Test func refusedRequestLeavesTheOneInFlight() throws {
        let harness = try Harness.ready()
        let first = harness.request { .message(StateMachineTests.message(), $0) }
        let second = harness.request { .message(StateMachineTests.message(), $0) }
        #expect(harness.error(of: second) == .requestOutOfOrder)
        #expect(harness.outcome(of: first) == nil)
        #expect(try harness.outbound() == "MAIL FROM:<care@clinic.example>\r\n")
        #expect(try harness.outbound() == nil)
    }

    // MARK: STARTTLS

    /// Greeting and EHLO done; STARTTLS sent.
    static func startingTLS(
        credentials: SMTPConfiguration.Credentials? = nil, host: String = "localhost"
    ) throws -> Harness {
        let harness = try Harness(security: .startTLS, credentials: credentials, host: host)
        try harness.inbound("220 mail.example ESMTP\r\n")
        #expect(try harness.outbound() == "EHLO localhost\r\n")
        try harness.inbound("250-mail.example\r\n250-AUTH PLAIN\r\n250 STARTTLS\r\n")
        #expect(try harness.outbound() == "STARTTLS\r\n")  // never AUTH before TLS
        return harness
    }

    @Test func startTLSInjectedReplyFails() throws {
        let harness = try Self.startingTLS()
        try harness.inbound("220 ready\r\n250 injected\r\n")
        #expect(harness.error(of: harness.connected.futureResult) == .startTLSInjection)
        #expect(!harness.channel.isActive)
        #expect(!harness.hasTLSHandler)
    }

    @Test func startTLSPartialPlaintextFails() throws {
        let harness = try Self.startingTLS()
        try harness.inbound("220 ready\r\n250 inj")
        #expect(harness.error(of: harness.connected.futureResult) == .startTLSInjection)
        #expect(!harness.hasTLSHandler)
    }

    @Test func serverWithoutSTARTTLSGetsQuit() throws {
        let harness = try Harness(security: .startTLS, credentials: StateMachineTests.credentials)
        try harness.inbound("220 mail.example ESMTP\r\n")
        _ = try harness.outbound()
        try harness.inbound("250-mail.example\r\n250 AUTH PLAIN\r\n")
        #expect(try harness.outbound() == "QUIT\r\n")
        try harness.inbound("221 bye\r\n")
        #expect(harness.error(of: harness.connected.futureResult) == .startTLSNotOffered)
        #expect(!harness.channel.isActive)
    }

    /// The client against an in-memory TLS server: the handshake really happens, and
    /// EHLO, AUTH and the message go over TLS only.
    @Test func startTLSHandshakeThenHelloAgainAndLogin() throws {
        let harness = try Self.startingTLS(credentials: StateMachineTests.credentials)
        let server = try TLSServerPeer()
        try harness.inbound("220 go ahead\r\n")
        #expect(harness.hasTLSHandler)
        try server.exchange(with: harness.channel)
        #expect(try server.received() == "EHLO localhost\r\n")
        try server.send("250-mail.example\r\n250 AUTH PLAIN LOGIN\r\n", to: harness.channel)
        #expect(try server.received() == "AUTH PLAIN AGNsaW5pYwBzM2NyZXQ=\r\n")
        try server.send("235 welcome\r\n", to: harness.channel)
        #expect(harness.reply(of: harness.connected.futureResult) == SMTPReply(code: 235, lines: ["welcome"]))

        let message = harness.request { .message(StateMachineTests.message(), $0) }
        try server.exchange(with: harness.channel)
        #expect(try server.received() == "MAIL FROM:<care@clinic.example>\r\n")
        try server.send("250 ok\r\n", to: harness.channel)
        #expect(try server.received() == "RCPT TO:<p001@patients.example>\r\n")
        try server.send("250 ok\r\n", to: harness.channel)
        #expect(try server.received() == "DATA\r\n")
        try server.send("354 go\r\n", to: harness.channel)
        #expect(harness.reply(of: message)?.code == 354)
        let handOver = harness.request { .handOver($0) }
        try server.exchange(with: harness.channel)
        #expect(try server.received() == "xxxxxxxxxx\r\n.\r\n")
        try server.send("250 queued\r\n", to: harness.channel)
        #expect(harness.reply(of: handOver)?.code == 250)
        #expect(try harness.outbound() == nil)  // nothing in clear
    }

    @Test func certificateForAnotherNameFailsTheHandshake() throws {
        let harness = try Self.startingTLS(host: "mail.elsewhere.example")
        let server = try TLSServerPeer()
        try harness.inbound("220 go ahead\r\n")
        try? server.exchange(with: harness.channel)
        let error = harness.error(of: harness.connected.futureResult)
        guard case .tlsFailed = error else {
            Issue.record("expected tlsFailed, got \(String(describing: error))")
            return
        }
        #expect(!harness.channel.isActive)
        #expect(try server.received().isEmpty)  // no EHLO, no AUTH reached the wrong server
    }

    // MARK: Timeouts

    @Test func greetingTimesOut() throws {
        let harness = try Harness()
        harness.advance(9)
        #expect(harness.outcome(of: harness.connected.futureResult) == nil)
        harness.advance(1)
        #expect(harness.error(of: harness.connected.futureResult) == .timedOut(step: .greeting))
        #expect(!harness.channel.isActive)
    }

    @Test func eachStepGetsAFreshTimer() throws {
        let harness = try Harness()
        harness.advance(9)
        try harness.inbound("220 mail.example\r\n")  // EHLO, with the command limit of 5 s
        harness.advance(4)  // 13 s in: the greeting's timer is gone
        #expect(harness.outcome(of: harness.connected.futureResult) == nil)
        harness.advance(1)
        #expect(harness.error(of: harness.connected.futureResult) == .timedOut(step: .hello))
    }

    @Test func noReplyAfterTheFinalDotIsUncertain() throws {
        let harness = try Harness.ready()
        _ = try harness.messageUpToHandOver()
        harness.advance(60)  // no timer while the hand-over hook runs
        let handOver = harness.request { .handOver($0) }
        harness.advance(19)
        #expect(harness.outcome(of: handOver) == nil)
        harness.advance(1)
        #expect(harness.error(of: handOver) == .outcomeUnknown(cause: .timedOut(step: .endOfData)))
        #expect(!harness.channel.isActive)
    }

    @Test func quitTimesOut() throws {
        let harness = try Harness.ready()
        let quit = harness.request { .quit($0) }
        harness.advance(5)
        #expect(harness.error(of: quit) == .timedOut(step: .quit))
    }

    // MARK: Errors and closing

    @Test func closedChannelFailsTheRequest() throws {
        let harness = try Harness.ready()
        let message = harness.request { .message(StateMachineTests.message(), $0) }
        harness.channel.pipeline.fireChannelInactive()
        #expect(harness.error(of: message) == .connectionLost(step: .mailFrom))
    }

    @Test func transportErrorFailsTheRequest() throws {
        let harness = try Harness.ready()
        let message = harness.request { .message(StateMachineTests.message(), $0) }
        harness.channel.pipeline.fireErrorCaught(IOError(errnoCode: 104, reason: "read"))
        #expect(harness.error(of: message) == .connectionLost(step: .mailFrom))
        #expect(!harness.channel.isActive)
    }

    @Test func malformedReplyFailsTheRequest() throws {
        let harness = try Harness.ready()
        let message = harness.request { .message(StateMachineTests.message(), $0) }
        try harness.inbound("garbage\r\n")
        #expect(harness.error(of: message) == .protocolViolation(.malformedReply))
        #expect(!harness.channel.isActive)
    }

    @Test func lostConnectionAfterFinalDotIsUncertain() throws {
        let harness = try Harness.ready()
        _ = try harness.messageUpToHandOver()
        let handOver = harness.request { .handOver($0) }
        #expect(try harness.outbound() == "xxxxxxxxxx\r\n.\r\n")
        harness.channel.pipeline.fireChannelInactive()
        #expect(harness.error(of: handOver) == .outcomeUnknown(cause: .connectionLost(step: .endOfData)))
    }

    @Test func unsolicitedReplyFails() throws {
        let harness = try Harness.ready()
        try harness.inbound("250 surprise\r\n")
        #expect(!harness.channel.isActive)
    }
}

/// The server side of an in-memory TLS connection: an EmbeddedChannel with
/// NIOSSLServerHandler and the test certificate for localhost; bytes are moved
/// between it and the client's channel by hand.
final class TLSServerPeer {
    let channel = EmbeddedChannel()

    init() throws {
        let certificates = TestCertificates.shared
        let chain = try NIOSSLCertificate.fromPEMFile(certificates.serverCertificate).map {
            NIOSSLCertificateSource.certificate($0)
        }
        let key = try NIOSSLPrivateKey(file: certificates.serverKey, format: .pem)
        let context = try NIOSSLContext(
            configuration: .makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key)))
        try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: context))
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 25)).wait()
    }

    /// Moves bytes both ways until neither side has anything more to say.
    func exchange(with client: EmbeddedChannel) throws {
        var moved = true
        while moved {
            moved = false
            while let bytes = try client.readOutbound(as: ByteBuffer.self) {
                try channel.writeInbound(bytes)
                moved = true
            }
            while let bytes = try channel.readOutbound(as: ByteBuffer.self) {
                try client.writeInbound(bytes)
                moved = true
            }
            client.embeddedEventLoop.run()
        }
    }

    /// The plaintext the client sent since the last call.
    func received() throws -> String {
        var text = ""
        while let bytes = try channel.readInbound(as: ByteBuffer.self) { text += String(buffer: bytes) }
        return text
    }

    /// Writes `text` over TLS and lets the client answer.
    func send(_ text: String, to client: EmbeddedChannel) throws {
        channel.writeAndFlush(ByteBuffer(string: text), promise: nil)
        try exchange(with: client)
    }
}
