import NIOCore
import NIOEmbedded
import NIOTestUtils
import Testing

@testable import HandoutMail

@Suite("SMTP codecs")
struct CodecTests {
    @Test func lineDecoderSurvivesAnyChunking() throws {
        let input = ByteBuffer(string: "250-one\r\n250 two\r\n220 x\n")
        try ByteToMessageDecoderVerifier.verifyDecoder(
            inputOutputPairs: [
                (input, [ByteBuffer(string: "250-one"), ByteBuffer(string: "250 two"), ByteBuffer(string: "220 x")])
            ],
            decoderFactory: { SMTPLineDecoder() })
    }

    @Test func lineDecoderRefusesEndlessLines() throws {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(SMTPLineDecoder(maximumLineLength: 16)))
        #expect(throws: SMTPProtocolViolation.replyLineTooLong(limit: 16)) {
            try channel.writeInbound(ByteBuffer(string: String(repeating: "x", count: 40)))
        }
        _ = try? channel.finish()
    }

    @Test func replyDecoderKeepsMultilineCapabilitiesByteByByte() throws {
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandlers([
            ByteToMessageHandler(SMTPLineDecoder()), SMTPReplyDecoder(),
        ])
        let text = "250-mail.example greets you\r\n250-SIZE 1000\r\n250-STARTTLS\r\n250 AUTH PLAIN LOGIN\r\n354 go\r\n"
        for byte in text.utf8 {
            try channel.writeInbound(ByteBuffer(bytes: [byte]))
        }
        let ehlo = try #require(try channel.readInbound(as: SMTPReply.self))
        #expect(ehlo.code == 250)
        #expect(ehlo.lines.count == 4)
        let capabilities = SMTPCapabilities(ehloReply: ehlo)
        #expect(capabilities.supportsStartTLS)
        #expect(capabilities.maximumMessageSize == 1000)
        #expect(capabilities.authMechanisms == ["PLAIN", "LOGIN"])
        #expect(try channel.readInbound(as: SMTPReply.self) == SMTPReply(code: 354, lines: ["go"]))
        #expect(try channel.readInbound(as: SMTPReply.self) == nil)
        #expect(try channel.finish().isClean)
    }

    @Test func replyDecoderRefusesMixedCodesAndGarbage() throws {
        for bad in ["250-a\r\n251 b\r\n", "hello\r\n", "25\r\n", "250xfoo\r\n"] {
            let channel = EmbeddedChannel()
            try channel.pipeline.syncOperations.addHandlers([ByteToMessageHandler(SMTPLineDecoder()), SMTPReplyDecoder()])
            #expect(throws: SMTPProtocolViolation.self) { try channel.writeInbound(ByteBuffer(string: bad)) }
            _ = try? channel.finish()
        }
    }

    @Test(arguments: [
        ("hello\r\n", "hello\r\n.\r\n"),
        (".start\r\n", "..start\r\n.\r\n"),
        ("a\r\n.\r\nb", "a\r\n..\r\nb\r\n.\r\n"),
        ("a\r\n..x\r\n", "a\r\n...x\r\n.\r\n"),
        ("bare\n.lf\r\n", "bare\n.lf\r\n.\r\n"),
        ("", "\r\n.\r\n"),
    ])
    func dotStuffing(_ payload: String, _ wire: String) throws {
        var out = ByteBuffer()
        try SMTPCommandEncoder().encode(data: .payload(ByteBuffer(string: payload)), out: &out)
        #expect(String(buffer: out) == wire)
    }

    @Test func commandsOnTheWire() throws {
        let cases: [(SMTPCommand, String)] = [
            (.ehlo("[127.0.0.1]"), "EHLO [127.0.0.1]\r\n"), (.startTLS, "STARTTLS\r\n"),
            (.mailFrom("a@b.example", size: 10), "MAIL FROM:<a@b.example> SIZE=10\r\n"),
            (.mailFrom("a@b.example", size: nil), "MAIL FROM:<a@b.example>\r\n"),
            (.recipient("c@d.example"), "RCPT TO:<c@d.example>\r\n"), (.data, "DATA\r\n"), (.reset, "RSET\r\n"),
            (.quit, "QUIT\r\n"), (.authPlain(initialResponse: "AGEAYg=="), "AUTH PLAIN AGEAYg==\r\n"),
        ]
        for (command, wire) in cases {
            var out = ByteBuffer()
            try SMTPCommandEncoder().encode(data: command, out: &out)
            #expect(String(buffer: out) == wire)
        }
    }
}
