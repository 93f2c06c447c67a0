import Foundation
import NIOCore

/// The SMTP conversation of one connection as a value: it takes events (connected,
/// a reply, the TLS handshake done, a message queued, the hand-over accepted or
/// failed, a timeout, the connection closed) and returns what to do next. It owns no
/// channel, promise or timer; ``SMTPClientHandler`` carries out the actions, as
/// NIOHTTP1's upgrade state machines and NIOSSL's do.
///
/// ```
/// greeting ─220─► hello ─250─► startTLS ─220─► tlsHandshake ─done─► hello again (RFC 3207 §4.2)
///                   │   (not offered: QUIT, then fail)                     │
///                   └── implicit TLS, plaintext ───────────────────────────┴─► [authentication ─235─►] ready
/// ready ─message─► [reset ─►] mailFrom ─► recipient ─► data ─354─► handOver ─accepted─► endOfData ─250─► ready
///                                                                    └─failed─► closed (no "." sent)
/// ready ─quit─► quitting ─reply─► closed
/// ```
///
/// There is one request at a time (the connect, a message up to its `354`, its
/// hand-over, a quit), and one step timer. A refusal of a transaction step fails the
/// request and keeps the connection (the next message starts with RSET); anything
/// else that goes wrong fails the request and closes the connection.
struct SMTPClientStateMachine {
    /// Which limit the step timer runs with (``SMTPConfiguration/Timeouts``).
    enum Timer: Equatable {
        case greeting
        case command
        case dataTermination
        case quit
    }

    enum Action: Equatable {
        /// Start the step timer (the connection is open, the greeting is due).
        case armTimer(Timer)
        /// Write the command, then restart the step timer with this limit.
        case send(SMTPCommand, Timer)
        /// Remove the line decoder, proving no plaintext is buffered after the `220`
        /// (leftovers arrive as an error or a reply); then report
        /// ``SMTPClientStateMachine/plaintextDrained()``. The step timer keeps running.
        case drainPlaintext
        /// Add the TLS client handler at the front and a fresh line decoder behind it.
        case addTLSHandler
        /// Cancel the step timer and succeed the current request with this reply.
        case succeed(SMTPReply)
        /// Cancel the step timer and fail the current request; the connection stays open.
        case fail(SMTPClientError)
        /// Fail the request just made, and only it (the current one, if any, is untouched).
        case refuse(SMTPClientError)
        /// Cancel the step timer, fail the current request and close the connection.
        case failAndClose(SMTPClientError)
        /// Cancel the step timer and close the connection; no request is waiting.
        case close
        case none
    }

    enum Authentication: Equatable {
        case plain
        case login
        case loginUser
        case loginPassword
    }

    enum Transaction: Equatable {
        case reset
        case mailFrom
        case recipient
        case data
        /// The `354` came; the caller's hook runs before anything more is written.
        case handOver
        /// The message and its final "." are being written (`written` once they are).
        case endOfData(written: Bool)

        var step: SMTPStep {
            switch self {
            case .reset: .reset
            case .mailFrom: .mailFrom
            case .recipient: .recipient
            case .data: .data
            case .handOver, .endOfData: .endOfData
            }
        }
    }

    enum State: Equatable {
        case notConnected
        case greeting
        case hello
        case startTLS
        /// After the `220` to STARTTLS: `drained` once the line decoder is gone.
        case tlsHandshake(drained: Bool)
        case authentication(Authentication)
        /// The server gets a polite QUIT, then the connection fails with this error.
        case quittingWith(SMTPClientError)
        case ready
        case transaction(Transaction)
        case quitting
        /// Every later request fails with this error.
        case closed(SMTPClientError)
    }

    private(set) var state: State = .notConnected
    /// What the server announced in its last EHLO reply (forgotten at STARTTLS).
    private(set) var capabilities = SMTPCapabilities(ehloReply: SMTPReply(code: 250, lines: []))
    /// Set only by the TLS handler's handshake event, never by configuration.
    private(set) var tlsEstablished = false
    private let security: SMTPConfiguration.Security
    private let credentials: SMTPConfiguration.Credentials?
    private var ehloName = "localhost"
    private var transactions = 0
    private var message: OutgoingMessage?

    init(security: SMTPConfiguration.Security, credentials: SMTPConfiguration.Credentials?) {
        self.security = security
        self.credentials = credentials
    }

    // MARK: Connection events

    /// The connection is open; `ehloName` is how this client names itself in EHLO.
    mutating func connected(ehloName: String) -> Action {
        guard case .notConnected = state else { return .none }
        self.ehloName = ehloName
        state = .greeting
        return .armTimer(.greeting)
    }

    mutating func replyReceived(_ reply: SMTPReply) -> Action {
        switch state {
        case .greeting:
            guard reply.code == 220 else { return failAndClose(SMTPClientError(refusal: reply, step: .greeting)) }
            return hello()
        case .hello:
            guard reply.code == 250 else { return failAndClose(SMTPClientError(refusal: reply, step: .hello)) }
            capabilities = SMTPCapabilities(ehloReply: reply)
            return afterHello(reply)
        case .startTLS:
            guard reply.code == 220 else { return failAndClose(.startTLSRejected(reply: reply.redacted)) }
            state = .tlsHandshake(drained: false)
            return .drainPlaintext
        case .tlsHandshake:
            return failAndClose(.startTLSInjection)
        case .authentication(let step):
            return authenticate(step, reply: reply)
        case .quittingWith(let error):
            return failAndClose(error)
        case .transaction(let step):
            return transaction(step, reply: reply)
        case .quitting:
            state = .closed(.notConnected)
            return .succeed(reply)
        case .ready, .notConnected:
            return failAndClose(.protocolViolation(.unsolicitedReply))
        case .closed:
            return .none
        }
    }

    /// The line decoder is gone and held no plaintext.
    mutating func plaintextDrained() -> Action {
        guard case .tlsHandshake(drained: false) = state else { return .none }
        state = .tlsHandshake(drained: true)
        return .addTLSHandler
    }

    mutating func tlsHandshakeCompleted() -> Action {
        switch state {
        case .greeting where security == .implicitTLS:
            tlsEstablished = true
            return .none
        case .tlsHandshake(drained: true):
            tlsEstablished = true
            // RFC 3207 §4.2: forget what was learned before TLS and ask again.
            capabilities = SMTPCapabilities(ehloReply: SMTPReply(code: 250, lines: []))
            return hello()
        default:
            return .none
        }
    }

    /// An error from the pipeline (decoders, TLS). Leftover plaintext during the
    /// STARTTLS upgrade is injection.
    mutating func errorCaught(_ error: SMTPClientError) -> Action {
        if case .tlsHandshake(drained: false) = state, error == .protocolViolation(.truncatedReply) {
            return failAndClose(.startTLSInjection)
        }
        return failAndClose(error)
    }

    /// The step timer fired.
    mutating func timedOut() -> Action {
        guard let step = currentStep else { return .none }
        return failAndClose(.timedOut(step: step))
    }

    /// The connection closed, or a write failed.
    mutating func connectionClosed() -> Action {
        if let step = currentStep { return failAndClose(.connectionLost(step: step)) }
        if case .closed = state { return .none }
        state = .closed(.notConnected)
        return .none
    }

    // MARK: Requests

    /// Starts a transaction; the request succeeds with the `354` to DATA, when the
    /// message is ready to hand over.
    mutating func messageQueued(_ message: OutgoingMessage) -> Action {
        switch state {
        case .ready: break
        case .closed(let error): return .refuse(error)
        case .notConnected: return .refuse(.notConnected)
        default: return .refuse(.requestOutOfOrder)
        }
        if let limit = capabilities.maximumMessageSize, message.bytes.count > limit {
            return .refuse(.messageTooLarge(size: message.bytes.count, limit: limit))
        }
        self.message = message
        transactions += 1
        if transactions > 1 {
            state = .transaction(.reset)
            return .send(.reset, .command)
        }
        return mailFrom()
    }

    /// The hook before the hand-over succeeded: write the message and its final ".".
    /// The request succeeds with the server's `250`.
    mutating func handoverAccepted() -> Action {
        guard case .transaction(.handOver) = state, let message else { return .refuse(.requestOutOfOrder) }
        state = .transaction(.endOfData(written: false))
        self.message = nil
        return .send(.payload(ByteBuffer(bytes: message.bytes)), .dataTermination)
    }

    /// The hook before the hand-over failed: close without the final ".", so the
    /// server discards the message.
    mutating func handoverFailed() -> Action {
        guard case .transaction(.handOver) = state else { return .refuse(.requestOutOfOrder) }
        state = .closed(.notConnected)
        message = nil
        return .close
    }

    /// The last command sent reached the socket. Once that is the message with its
    /// final ".", a lost reply means the outcome is unknown.
    mutating func commandWritten() -> Action {
        if case .transaction(.endOfData(written: false)) = state {
            state = .transaction(.endOfData(written: true))
        }
        return .none
    }

    mutating func quitRequested() -> Action {
        switch state {
        case .ready:
            state = .quitting
            return .send(.quit, .quit)
        case .closed(let error):
            return .refuse(error)
        case .notConnected:
            return .refuse(.notConnected)
        default:
            return .refuse(.requestOutOfOrder)
        }
    }

    // MARK: Steps

    private mutating func hello() -> Action {
        state = .hello
        return .send(.ehlo(ehloName), .command)
    }

    private mutating func afterHello(_ reply: SMTPReply) -> Action {
        if security == .startTLS && !tlsEstablished {
            guard capabilities.supportsStartTLS else {
                state = .quittingWith(.startTLSNotOffered)
                return .send(.quit, .quit)
            }
            state = .startTLS
            return .send(.startTLS, .command)
        }
        guard let credentials else { return becomeReady(reply) }
        guard tlsEstablished else { return failAndClose(.authenticationRequiresTLS) }
        let mechanisms = capabilities.authMechanisms
        if mechanisms.contains("PLAIN") {
            state = .authentication(.plain)
            return .send(.authPlain(initialResponse: Self.base64("\u{0}\(credentials.user)\u{0}\(credentials.password)")), .command)
        }
        if mechanisms.contains("LOGIN") {
            state = .authentication(.login)
            return .send(.authLogin, .command)
        }
        return failAndClose(.authenticationNotOffered)
    }

    private mutating func authenticate(_ step: Authentication, reply: SMTPReply) -> Action {
        switch step {
        case .login, .loginUser:
            guard reply.code == 334, let credentials else {
                return failAndClose(SMTPClientError(refusal: reply, step: .authentication))
            }
            state = .authentication(step == .login ? .loginUser : .loginPassword)
            return .send(.authResponse(Self.base64(step == .login ? credentials.user : credentials.password)), .command)
        case .plain, .loginPassword:
            guard reply.code == 235 else { return failAndClose(.authenticationFailed(reply: reply.redacted)) }
            return becomeReady(reply)
        }
    }

    /// The connect request succeeds with the reply that finished it (EHLO's or AUTH's).
    private mutating func becomeReady(_ reply: SMTPReply) -> Action {
        state = .ready
        return .succeed(reply)
    }

    private mutating func mailFrom() -> Action {
        guard let message else { return .refuse(.requestOutOfOrder) }
        state = .transaction(.mailFrom)
        let size = capabilities.supportsSize ? message.bytes.count : nil
        return .send(.mailFrom(message.from.address.address, size: size), .command)
    }

    private mutating func transaction(_ step: Transaction, reply: SMTPReply) -> Action {
        switch step {
        case .reset where reply.code == 250:
            return mailFrom()
        case .mailFrom where reply.code == 250:
            guard let message else { return .refuse(.requestOutOfOrder) }
            state = .transaction(.recipient)
            return .send(.recipient(message.to.address.address), .command)
        case .recipient where reply.code == 250 || reply.code == 251:
            state = .transaction(.data)
            return .send(.data, .command)
        case .data where reply.code == 354:
            state = .transaction(.handOver)
            return .succeed(reply)
        case .endOfData where reply.code == 250:
            state = .ready
            return .succeed(reply)
        case .handOver:
            return failAndClose(.protocolViolation(.unsolicitedReply))
        default:
            state = .ready
            message = nil
            return .fail(SMTPClientError(refusal: reply, step: step.step))
        }
    }

    // MARK: Failure

    /// The step waiting for a reply, if any.
    private var currentStep: SMTPStep? {
        switch state {
        case .greeting: .greeting
        case .hello: .hello
        case .startTLS, .tlsHandshake: .startTLS
        case .authentication: .authentication
        case .quittingWith, .quitting: .quit
        case .transaction(let step): step.step
        case .ready, .notConnected, .closed: nil
        }
    }

    /// Fails the current request and closes; once the final "." was written the
    /// error becomes ``SMTPClientError/outcomeUnknown(cause:)``.
    private mutating func failAndClose(_ error: SMTPClientError) -> Action {
        let reported: SMTPClientError
        if case .transaction(.endOfData(written: true)) = state {
            reported = .outcomeUnknown(cause: error)
        } else {
            reported = error
        }
        state = .closed(error)
        message = nil
        return .failAndClose(reported)
    }

    private static func base64(_ text: String) -> String {
        Data(text.utf8).base64EncodedString()
    }
}
