import NIOCore
import NIOEmbedded
import NIOSSL
import Testing

@testable import HandoutMail

/// The client pipeline driven through an EmbeddedChannel: no sockets.
@Suite("SMTP client handler")
struct ClientHandlerTests {
    final class Harness {
        let channel = EmbeddedChannel()
        let greeting: EventLoopPromise<SMTPReply>

        init() throws {
            greeting = channel.eventLoop.makePromise()
            let configuration = SMTPConfiguration(host: "localhost", port: 25)
            try SMTPPipeline.configure(
                channel, configuration: configuration, tlsContext: try SMTPPipeline.makeTLSContext(caFile: nil),
                greeting: greeting)
            try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 25)).wait()
        }

        func inbound(_ text: String) throws {
            try channel.writeInbound(ByteBuffer(string: text))
            channel.embeddedEventLoop.run()
        }

        func send(_ command: SMTPCommand) -> EventLoopFuture<SMTPReply> {
            let promise = channel.eventLoop.makePromise(of: SMTPReply.self)
            channel.writeAndFlush(SMTPRequest(command: command, timeout: .seconds(30), promise: promise), promise: nil)
            return promise.futureResult
        }

        func outbound() throws -> String? {
            try channel.readOutbound(as: ByteBuffer.self).map { String(buffer: $0) }
        }

        func error(of future: EventLoopFuture<SMTPReply>) -> SMTPClientError? {
            channel.embeddedEventLoop.run()
            do {
                _ = try future.wait()
                return nil
            } catch {
                return error as? SMTPClientError
            }
        }
    }

    @Test func pairsRepliesWithCommands() throws {
        let harness = try Harness()
        try harness.inbound("220 mail.example ESMTP\r\n")
        #expect(try harness.greeting.futureResult.wait().code == 220)
        let ehlo = harness.send(.ehlo("[127.0.0.1]"))
        #expect(try harness.outbound() == "EHLO [127.0.0.1]\r\n")
        try harness.inbound("250-mail.example\r\n250 STARTTLS\r\n")
        #expect(try ehlo.wait().lines == ["mail.example", "STARTTLS"])
        _ = try? harness.channel.finish()
    }

    @Test func startTLSInjectedReplyFails() throws {
        let harness = try Harness()
        try harness.inbound("220 hi\r\n")
        let startTLS = harness.send(.startTLS)
        #expect(try harness.outbound() == "STARTTLS\r\n")
        try? harness.inbound("220 ready\r\n250 injected\r\n")
        #expect(harness.error(of: startTLS) == .startTLSInjection)
        #expect(!harness.channel.isActive)
        #expect((try? harness.channel.pipeline.syncOperations.handler(type: NIOSSLClientHandler.self)) == nil)
    }

    @Test func startTLSPartialPlaintextFails() throws {
        let harness = try Harness()
        try harness.inbound("220 hi\r\n")
        let startTLS = harness.send(.startTLS)
        _ = try harness.outbound()
        try? harness.inbound("220 ready\r\n250 inj")
        #expect(harness.error(of: startTLS) == .startTLSInjection)
        #expect((try? harness.channel.pipeline.syncOperations.handler(type: NIOSSLClientHandler.self)) == nil)
    }

    @Test func startTLSCleanReplyBeginsHandshake() throws {
        let harness = try Harness()
        try harness.inbound("220 hi\r\n")
        let startTLS = harness.send(.startTLS)
        _ = try harness.outbound()
        try harness.inbound("220 ready\r\n")
        #expect((try? harness.channel.pipeline.syncOperations.handler(type: NIOSSLClientHandler.self)) != nil)
        let hello = try #require(try harness.channel.readOutbound(as: ByteBuffer.self))
        #expect(hello.getInteger(at: hello.readerIndex, as: UInt8.self) == 0x16)  // TLS handshake record
        harness.channel.pipeline.fireChannelInactive()
        #expect(harness.error(of: startTLS) != nil)
    }

    @Test func closedChannelFailsTheRequest() throws {
        let harness = try Harness()
        try harness.inbound("220 hi\r\n")
        let mail = harness.send(.mailFrom("a@b.example", size: nil))
        harness.channel.pipeline.fireChannelInactive()
        #expect(harness.error(of: mail) == .connectionLost(step: "MAIL FROM"))
    }

    @Test func errorFailsTheRequest() throws {
        let harness = try Harness()
        try harness.inbound("220 hi\r\n")
        let data = harness.send(.data)
        try? harness.inbound("garbage\r\n")
        #expect(harness.error(of: data) == .protocolViolation("malformedLine"))
    }

    @Test func lostConnectionAfterFinalDotIsUncertain() throws {
        let harness = try Harness()
        try harness.inbound("220 hi\r\n")
        let payload = harness.send(.payload(ByteBuffer(string: "Subject: x\r\n\r\nhi\r\n")))
        #expect(try harness.outbound() == "Subject: x\r\n\r\nhi\r\n.\r\n")
        harness.channel.pipeline.fireChannelInactive()
        guard case .outcomeUnknown = harness.error(of: payload) else {
            Issue.record("expected outcomeUnknown")
            return
        }
    }

    @Test func unsolicitedReplyFails() throws {
        let harness = try Harness()
        try harness.inbound("220 hi\r\n")
        try? harness.inbound("250 surprise\r\n")
        #expect(!harness.channel.isActive)
    }
}
