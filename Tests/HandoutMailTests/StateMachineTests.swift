import Foundation
import NIOCore
import Testing

@testable import HandoutMail

/// ``SMTPClientStateMachine`` without a channel: every transition, event by event.
@Suite("SMTP client state machine")
struct StateMachineTests {
    typealias Machine = SMTPClientStateMachine

    static let credentials = SMTPConfiguration.Credentials(user: "clinic", password: "s3cret")

    static func reply(_ code: Int, _ lines: String...) -> SMTPReply {
        SMTPReply(code: code, lines: lines.isEmpty ? [""] : lines)
    }

    static func message(bytes: Int = 10) -> OutgoingMessage {
        OutgoingMessage(
            recordID: "p001", messageID: "<p001@clinic.example>",
            from: try! Mailbox(parsing: "Clinic <care@clinic.example>"),
            to: try! Mailbox(parsing: "p001@patients.example"), attachmentName: "p001.pdf", bytes: Array(repeating: UInt8(ascii: "x"), count: bytes))
    }

    static var payload: SMTPCommand { .payload(ByteBuffer(bytes: message().bytes)) }

    /// A machine that has said EHLO and been told `capabilities`.
    static func greeted(
        _ security: SMTPConfiguration.Security = .plaintextLoopback, credentials: SMTPConfiguration.Credentials? = nil,
        capabilities: [String] = []
    ) -> (Machine, Machine.Action) {
        var machine = Machine(security: security, credentials: credentials)
        #expect(machine.connected(ehloName: "[127.0.0.1]") == .armTimer(.greeting))
        if security == .implicitTLS { #expect(machine.tlsHandshakeCompleted() == .none) }
        #expect(machine.replyReceived(reply(220, "mail.example")) == .send(.ehlo("[127.0.0.1]"), .command))
        let action = machine.replyReceived(SMTPReply(code: 250, lines: ["mail.example"] + capabilities))
        return (machine, action)
    }

    /// A plaintext machine, connected and ready for a message.
    static func ready(capabilities: [String] = []) -> Machine {
        let (machine, action) = greeted(capabilities: capabilities)
        #expect(action == .succeed(SMTPReply(code: 250, lines: ["mail.example"] + capabilities)))
        #expect(machine.state == .ready)
        return machine
    }

    /// A ready machine with a message up to its `354`.
    static func handingOver() -> Machine {
        var machine = ready()
        _ = machine.messageQueued(message())
        _ = machine.replyReceived(reply(250))
        _ = machine.replyReceived(reply(250))
        #expect(machine.replyReceived(reply(354, "go ahead")) == .succeed(reply(354, "go ahead")))
        return machine
    }

    // MARK: Connecting

    @Test func connectedArmsTheGreetingTimerOnce() {
        var machine = Machine(security: .startTLS, credentials: nil)
        #expect(machine.connected(ehloName: "[::1]") == .armTimer(.greeting))
        #expect(machine.connected(ehloName: "[::1]") == .none)
        #expect(machine.state == .greeting)
    }

    @Test(arguments: [(421, "transient"), (554, "permanent"), (250, "unexpected")])
    func greetingOtherThan220Fails(code: Int, kind: String) {
        var machine = Machine(security: .startTLS, credentials: nil)
        _ = machine.connected(ehloName: "[127.0.0.1]")
        let expected: SMTPClientError =
            switch kind {
            case "transient": .transientFailure(step: .greeting, code: code, reply: "\(code) no")
            case "permanent": .permanentFailure(step: .greeting, code: code, reply: "\(code) no")
            default: .unexpectedReply(step: .greeting, code: code, reply: "\(code) no")
            }
        #expect(machine.replyReceived(Self.reply(code, "no")) == .failAndClose(expected))
        #expect(machine.state == .closed(expected))
        #expect(machine.messageQueued(Self.message()) == .refuse(expected))
    }

    @Test func helloRefusedFailsTheConnect() {
        var machine = Machine(security: .startTLS, credentials: nil)
        _ = machine.connected(ehloName: "[127.0.0.1]")
        _ = machine.replyReceived(Self.reply(220))
        #expect(
            machine.replyReceived(Self.reply(502, "no"))
                == .failAndClose(.permanentFailure(step: .hello, code: 502, reply: "502 no")))
    }

    @Test func plaintextWithoutCredentialsIsReadyAfterHello() {
        let machine = Self.ready(capabilities: ["SIZE 1000"])
        #expect(machine.capabilities.maximumMessageSize == 1000)
        #expect(!machine.tlsEstablished)
    }

    @Test func plaintextNeverLogsIn() {
        let (machine, action) = Self.greeted(credentials: Self.credentials, capabilities: ["AUTH PLAIN"])
        #expect(action == .failAndClose(.authenticationRequiresTLS))
        #expect(machine.state == .closed(.authenticationRequiresTLS))
    }

    // MARK: STARTTLS

    @Test func startTLSNotOfferedQuitsThenFails() {
        var (machine, action) = Self.greeted(.startTLS, credentials: Self.credentials, capabilities: ["AUTH PLAIN"])
        #expect(action == .send(.quit, .quit))
        #expect(machine.replyReceived(Self.reply(221, "bye")) == .failAndClose(.startTLSNotOffered))
        #expect(machine.messageQueued(Self.message()) == .refuse(.startTLSNotOffered))
    }

    @Test func startTLSNotOfferedFailsEvenWithoutAQuitReply() {
        var (timedOut, _) = Self.greeted(.startTLS)
        #expect(timedOut.timedOut() == .failAndClose(.timedOut(step: .quit)))
        var (closed, _) = Self.greeted(.startTLS)
        #expect(closed.connectionClosed() == .failAndClose(.connectionLost(step: .quit)))
    }

    @Test func startTLSRefusedFails() {
        var (machine, action) = Self.greeted(.startTLS, capabilities: ["STARTTLS"])
        #expect(action == .send(.startTLS, .command))
        #expect(machine.replyReceived(Self.reply(454, "not now")) == .failAndClose(.startTLSRejected(reply: "454 not now")))
    }

    @Test func startTLSUpgradesThenSaysHelloAgainAndLogsIn() {
        var (machine, _) = Self.greeted(.startTLS, credentials: Self.credentials, capabilities: ["STARTTLS", "AUTH PLAIN"])
        #expect(machine.replyReceived(Self.reply(220, "go ahead")) == .drainPlaintext)
        // A handshake event before the decoder is gone is not believed.
        #expect(machine.tlsHandshakeCompleted() == .none)
        #expect(machine.plaintextDrained() == .addTLSHandler)
        #expect(machine.plaintextDrained() == .none)
        #expect(machine.tlsHandshakeCompleted() == .send(.ehlo("[127.0.0.1]"), .command))
        #expect(machine.tlsEstablished)
        #expect(machine.capabilities.keywords.isEmpty)  // forgotten at STARTTLS
        let token = Data("\u{0}clinic\u{0}s3cret".utf8).base64EncodedString()
        #expect(
            machine.replyReceived(SMTPReply(code: 250, lines: ["mail.example", "AUTH PLAIN LOGIN"]))
                == .send(.authPlain(initialResponse: token), .command))
        #expect(machine.replyReceived(Self.reply(235, "ok")) == .succeed(Self.reply(235, "ok")))
        #expect(machine.state == .ready)
    }

    @Test func bytesAfterTheSTARTTLSReplyAreInjection() {
        var replied = Self.upgrading()
        #expect(replied.replyReceived(Self.reply(250, "injected")) == .failAndClose(.startTLSInjection))
        #expect(replied.plaintextDrained() == .none)
        var partial = Self.upgrading()
        #expect(partial.errorCaught(.protocolViolation(.truncatedReply)) == .failAndClose(.startTLSInjection))
        var afterDrain = Self.upgrading()
        _ = afterDrain.plaintextDrained()
        #expect(afterDrain.replyReceived(Self.reply(250)) == .failAndClose(.startTLSInjection))
    }

    @Test func tlsFailureDuringTheUpgradeFails() {
        var machine = Self.upgrading()
        _ = machine.plaintextDrained()
        #expect(machine.errorCaught(.tlsFailed("bad certificate")) == .failAndClose(.tlsFailed("bad certificate")))
        #expect(machine.tlsHandshakeCompleted() == .none)
    }

    static func upgrading() -> Machine {
        var (machine, _) = greeted(.startTLS, capabilities: ["STARTTLS"])
        #expect(machine.replyReceived(reply(220)) == .drainPlaintext)
        return machine
    }

    // MARK: Login

    @Test func implicitTLSLogsInWithLogin() {
        var (machine, action) = Self.greeted(.implicitTLS, credentials: Self.credentials, capabilities: ["AUTH LOGIN"])
        #expect(machine.tlsEstablished)
        #expect(action == .send(.authLogin, .command))
        #expect(machine.replyReceived(Self.reply(334, "VXNlcm5hbWU6")) == .send(.authResponse("Y2xpbmlj"), .command))
        #expect(machine.replyReceived(Self.reply(334, "UGFzc3dvcmQ6")) == .send(.authResponse("czNjcmV0"), .command))
        #expect(machine.replyReceived(Self.reply(235)) == .succeed(Self.reply(235)))
    }

    @Test func implicitTLSWithoutAHandshakeNeverLogsIn() {
        var machine = Machine(security: .implicitTLS, credentials: Self.credentials)
        _ = machine.connected(ehloName: "[127.0.0.1]")
        _ = machine.replyReceived(Self.reply(220))
        #expect(
            machine.replyReceived(SMTPReply(code: 250, lines: ["x", "AUTH PLAIN"]))
                == .failAndClose(.authenticationRequiresTLS))
    }

    @Test func loginChallengeRefusedFails() {
        var (machine, _) = Self.greeted(.implicitTLS, credentials: Self.credentials, capabilities: ["AUTH LOGIN"])
        #expect(
            machine.replyReceived(Self.reply(454, "later"))
                == .failAndClose(.transientFailure(step: .authentication, code: 454, reply: "454 later")))
    }

    @Test func loginRefusedFails() {
        var (machine, _) = Self.greeted(.implicitTLS, credentials: Self.credentials, capabilities: ["AUTH PLAIN"])
        #expect(machine.replyReceived(Self.reply(535, "bad")) == .failAndClose(.authenticationFailed(reply: "535 bad")))
    }

    @Test func noKnownMechanismFails() {
        let (_, action) = Self.greeted(.implicitTLS, credentials: Self.credentials, capabilities: ["AUTH CRAM-MD5"])
        #expect(action == .failAndClose(.authenticationNotOffered))
    }

    // MARK: Messages

    @Test func messageGoesThroughEveryStep() {
        var machine = Self.ready(capabilities: ["SIZE 0"])
        #expect(machine.messageQueued(Self.message()) == .send(.mailFrom("care@clinic.example", size: 10), .command))
        #expect(machine.replyReceived(Self.reply(250)) == .send(.recipient("p001@patients.example"), .command))
        #expect(machine.replyReceived(Self.reply(251, "will forward")) == .send(.data, .command))
        #expect(machine.replyReceived(Self.reply(354)) == .succeed(Self.reply(354)))
        #expect(machine.state == .transaction(.handOver))
        #expect(machine.handoverAccepted() == .send(Self.payload, .dataTermination))
        #expect(machine.commandWritten() == .none)
        #expect(machine.state == .transaction(.endOfData(written: true)))
        #expect(machine.replyReceived(Self.reply(250, "queued")) == .succeed(Self.reply(250, "queued")))
        #expect(machine.state == .ready)
        // The next message on the same connection starts with RSET.
        #expect(machine.messageQueued(Self.message()) == .send(.reset, .command))
        #expect(machine.replyReceived(Self.reply(250)) == .send(.mailFrom("care@clinic.example", size: 10), .command))
    }

    @Test func sizeIsOnlySentWhenAnnounced() {
        var machine = Self.ready()
        #expect(machine.messageQueued(Self.message()) == .send(.mailFrom("care@clinic.example", size: nil), .command))
    }

    @Test func messageOverTheSizeLimitIsRefusedBeforeMailFrom() {
        var machine = Self.ready(capabilities: ["SIZE 5"])
        #expect(machine.messageQueued(Self.message(bytes: 6)) == .refuse(.messageTooLarge(size: 6, limit: 5)))
        #expect(machine.state == .ready)
        #expect(machine.messageQueued(Self.message(bytes: 5)) == .send(.mailFrom("care@clinic.example", size: 5), .command))
    }

    @Test(arguments: [SMTPStep.reset, .mailFrom, .recipient, .data, .endOfData])
    func refusalOfAStepFailsTheMessageAndKeepsTheConnection(step: SMTPStep) {
        var machine = Self.ready()
        _ = machine.messageQueued(Self.message())
        _ = machine.replyReceived(Self.reply(250))
        _ = machine.replyReceived(Self.reply(250))
        _ = machine.replyReceived(Self.reply(354))
        _ = machine.handoverAccepted()
        _ = machine.replyReceived(Self.reply(250))
        // The second message: RSET, MAIL FROM, RCPT TO, DATA, the message; refused at `step`.
        _ = machine.messageQueued(Self.message())
        let order: [SMTPStep] = [.reset, .mailFrom, .recipient, .data]
        for earlier in order.prefix(while: { $0 != step }) {
            _ = machine.replyReceived(Self.reply(earlier == .data ? 354 : 250))
        }
        if step == .endOfData { _ = machine.handoverAccepted() }
        #expect(
            machine.replyReceived(Self.reply(451, "later"))
                == .fail(.transientFailure(step: step, code: 451, reply: "451 later")))
        #expect(machine.state == .ready)
        #expect(machine.messageQueued(Self.message()) == .send(.reset, .command))
    }

    @Test func permanentAndUnexpectedRepliesHaveTheirOwnClass() {
        var permanent = Self.ready()
        _ = permanent.messageQueued(Self.message())
        _ = permanent.replyReceived(Self.reply(250))
        #expect(
            permanent.replyReceived(Self.reply(550, "no such user <p001@patients.example>"))
                == .fail(.permanentFailure(step: .recipient, code: 550, reply: "550 no such user <redacted>")))
        var unexpected = Self.ready()
        _ = unexpected.messageQueued(Self.message())
        _ = unexpected.replyReceived(Self.reply(250))
        _ = unexpected.replyReceived(Self.reply(250))
        #expect(
            unexpected.replyReceived(Self.reply(250))
                == .fail(.unexpectedReply(step: .data, code: 250, reply: "250")))
    }

    @Test func failedHandOverClosesWithoutTheFinalDot() {
        var machine = Self.handingOver()
        #expect(machine.handoverFailed() == .close)
        #expect(machine.state == .closed(.notConnected))
        #expect(machine.connectionClosed() == .none)
        #expect(machine.handoverAccepted() == .refuse(.requestOutOfOrder))
        #expect(machine.messageQueued(Self.message()) == .refuse(.notConnected))
    }

    @Test func replyWhileHandingOverIsAViolation() {
        var machine = Self.handingOver()
        #expect(machine.replyReceived(Self.reply(250)) == .failAndClose(.protocolViolation(.unsolicitedReply)))
    }

    @Test func handOverOutsideATransactionIsRefused() {
        var machine = Self.ready()
        #expect(machine.handoverAccepted() == .refuse(.requestOutOfOrder))
        #expect(machine.handoverFailed() == .refuse(.requestOutOfOrder))
        #expect(machine.state == .ready)
    }

    @Test func oneRequestAtATime() {
        var connecting = Machine(security: .startTLS, credentials: nil)
        #expect(connecting.messageQueued(Self.message()) == .refuse(.notConnected))
        #expect(connecting.quitRequested() == .refuse(.notConnected))
        _ = connecting.connected(ehloName: "[127.0.0.1]")
        #expect(connecting.messageQueued(Self.message()) == .refuse(.requestOutOfOrder))
        var busy = Self.ready()
        _ = busy.messageQueued(Self.message())
        #expect(busy.messageQueued(Self.message()) == .refuse(.requestOutOfOrder))
        #expect(busy.quitRequested() == .refuse(.requestOutOfOrder))
        #expect(busy.state == .transaction(.mailFrom))
    }

    // MARK: Timeouts, errors, closing

    /// A machine waiting for the reply to `step`.
    static func waiting(at step: SMTPStep) -> Machine {
        switch step {
        case .greeting:
            var machine = Machine(security: .startTLS, credentials: nil)
            _ = machine.connected(ehloName: "[127.0.0.1]")
            return machine
        case .hello:
            var machine = waiting(at: .greeting)
            _ = machine.replyReceived(reply(220))
            return machine
        case .startTLS:
            return greeted(.startTLS, capabilities: ["STARTTLS"]).0
        case .authentication:
            return greeted(.implicitTLS, credentials: credentials, capabilities: ["AUTH PLAIN"]).0
        case .mailFrom:
            var machine = ready()
            _ = machine.messageQueued(message())
            return machine
        case .recipient, .data:
            var machine = waiting(at: step == .recipient ? .mailFrom : .recipient)
            _ = machine.replyReceived(reply(250))
            return machine
        case .endOfData:
            var machine = handingOver()
            _ = machine.handoverAccepted()
            return machine
        case .reset:
            var machine = waiting(at: .endOfData)
            _ = machine.replyReceived(reply(250))
            _ = machine.messageQueued(message())
            return machine
        case .quit:
            var machine = ready()
            _ = machine.quitRequested()
            return machine
        }
    }

    static let everyStep: [SMTPStep] = [
        .greeting, .hello, .startTLS, .authentication, .reset, .mailFrom, .recipient, .data, .endOfData, .quit,
    ]

    @Test(arguments: everyStep)
    func timeoutFailsTheStepInFlight(step: SMTPStep) {
        var machine = Self.waiting(at: step)
        #expect(machine.timedOut() == .failAndClose(.timedOut(step: step)))
        #expect(machine.state == .closed(.timedOut(step: step)))
        #expect(machine.timedOut() == .none)
    }

    @Test(arguments: everyStep)
    func lostConnectionFailsTheStepInFlight(step: SMTPStep) {
        var machine = Self.waiting(at: step)
        #expect(machine.connectionClosed() == .failAndClose(.connectionLost(step: step)))
        #expect(machine.connectionClosed() == .none)
    }

    @Test(arguments: everyStep)
    func pipelineErrorFailsTheStepInFlight(step: SMTPStep) {
        var machine = Self.waiting(at: step)
        let error = SMTPClientError.protocolViolation(.replyLineTooLong(limit: 4096))
        #expect(machine.errorCaught(error) == .failAndClose(error))
        #expect(machine.messageQueued(Self.message()) == .refuse(error))
    }

    @Test func noStepNoTimeout() {
        var idle = Self.ready()
        #expect(idle.timedOut() == .none)
        #expect(idle.commandWritten() == .none)
        #expect(idle.plaintextDrained() == .none)
        #expect(idle.tlsHandshakeCompleted() == .none)
        #expect(idle.state == .ready)
    }

    @Test func handshakeEventIsIgnoredUnlessTLSIsUnderWay() {
        var machine = Self.waiting(at: .greeting)  // STARTTLS mode: no TLS before the 220 to STARTTLS
        #expect(machine.tlsHandshakeCompleted() == .none)
        #expect(!machine.tlsEstablished)
    }

    @Test func lostReplyAfterTheFinalDotIsUncertain() {
        var timedOut = Self.handingOver()
        _ = timedOut.handoverAccepted()
        _ = timedOut.commandWritten()
        #expect(timedOut.timedOut() == .failAndClose(.outcomeUnknown(cause: .timedOut(step: .endOfData))))
        var closed = Self.handingOver()
        _ = closed.handoverAccepted()
        _ = closed.commandWritten()
        #expect(closed.connectionClosed() == .failAndClose(.outcomeUnknown(cause: .connectionLost(step: .endOfData))))
    }

    @Test func lostConnectionBeforeTheFinalDotIsWrittenIsNotUncertain() {
        var machine = Self.handingOver()
        _ = machine.handoverAccepted()
        #expect(machine.connectionClosed() == .failAndClose(.connectionLost(step: .endOfData)))
    }

    @Test func closedWhileIdleFailsLaterRequests() {
        var machine = Self.ready()
        #expect(machine.connectionClosed() == .none)
        #expect(machine.messageQueued(Self.message()) == .refuse(.notConnected))
        #expect(machine.replyReceived(Self.reply(250)) == .none)
    }

    @Test func pipelineErrorFailsAndSticks() {
        var machine = Self.ready()
        _ = machine.messageQueued(Self.message())
        let error = SMTPClientError.protocolViolation(.malformedReply)
        #expect(machine.errorCaught(error) == .failAndClose(error))
        #expect(machine.quitRequested() == .refuse(error))
        #expect(machine.connectionClosed() == .none)
    }

    @Test func unsolicitedReplyFails() {
        var machine = Self.ready()
        #expect(machine.replyReceived(Self.reply(250, "surprise")) == .failAndClose(.protocolViolation(.unsolicitedReply)))
        var early = Machine(security: .startTLS, credentials: nil)
        #expect(early.replyReceived(Self.reply(220)) == .failAndClose(.protocolViolation(.unsolicitedReply)))
    }

    @Test func quitSaysGoodbye() {
        var machine = Self.ready()
        #expect(machine.quitRequested() == .send(.quit, .quit))
        #expect(machine.replyReceived(Self.reply(221, "bye")) == .succeed(Self.reply(221, "bye")))
        #expect(machine.quitRequested() == .refuse(.notConnected))
    }
}
