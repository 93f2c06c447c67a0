import Foundation
import NIOSSL

/// Everything that can go wrong talking to the mail server: local configuration, the
/// connection, TLS and login, and the server's replies by class (4xx, 5xx, unexpected).
/// Messages name the step and the server's reply (with addresses redacted), never a
/// recipient.
public enum SMTPClientError: Error, Equatable, Sendable, LocalizedError {
    // MARK: Local configuration

    /// The host is an IP address, but certificate checks need the server's name.
    case ipAddressHostNeedsName
    /// Plaintext was allowed, but the host is not 127.0.0.1, ::1 or localhost.
    case plaintextNotLoopback
    case caFileUnreadable(path: String)
    case credentialsInvalid

    // MARK: Connection

    case connectionFailed(String)
    case connectionLost(step: SMTPStep)
    case timedOut(step: SMTPStep)
    /// The message was handed over (its final "." was written) but no reply came:
    /// it may or may not have been delivered.
    indirect case outcomeUnknown(cause: SMTPClientError)
    case notConnected
    /// A request reached the connection while another was still waiting for its reply
    /// (a bug in the caller: one message at a time).
    case requestOutOfOrder

    // MARK: TLS and login

    case startTLSNotOffered
    case startTLSRejected(reply: String)
    /// Bytes arrived after the server's `220` to STARTTLS, before TLS began.
    case startTLSInjection
    case tlsFailed(String)
    case authenticationRequiresTLS
    case authenticationNotOffered
    case authenticationFailed(reply: String)

    // MARK: Server replies

    /// A 4xx reply: the server refused the step for now.
    case transientFailure(step: SMTPStep, code: Int, reply: String)
    /// A 5xx reply: the server refused the step for good.
    case permanentFailure(step: SMTPStep, code: Int, reply: String)
    /// A positive reply, but not the one the step needs (e.g. 250 where 354 was due).
    case unexpectedReply(step: SMTPStep, code: Int, reply: String)
    case messageTooLarge(size: Int, limit: Int)
    case protocolViolation(SMTPProtocolViolation)

    init(tlsError error: any Error) {
        self = .tlsFailed(String(describing: error))
    }

    /// The error for a reply that is not the one `step` needs, by its class.
    init(refusal reply: SMTPReply, step: SMTPStep) {
        let text = reply.redacted
        if reply.isTransientFailure {
            self = .transientFailure(step: step, code: reply.code, reply: text)
        } else if reply.isPermanentFailure {
            self = .permanentFailure(step: step, code: reply.code, reply: text)
        } else {
            self = .unexpectedReply(step: step, code: reply.code, reply: text)
        }
    }

    /// A short, stable code for logs: the kind of failure and the server's reply code, nothing else.
    public var code: String {
        switch self {
        case .ipAddressHostNeedsName, .plaintextNotLoopback, .caFileUnreadable, .credentialsInvalid: "configuration"
        case .connectionFailed: "connection-failed"
        case .connectionLost: "connection-lost"
        case .timedOut: "timeout"
        case .outcomeUnknown: "no-reply-after-handover"
        case .notConnected: "not-connected"
        case .requestOutOfOrder: "internal"
        case .startTLSNotOffered, .startTLSRejected, .startTLSInjection, .tlsFailed: "tls"
        case .authenticationRequiresTLS, .authenticationNotOffered, .authenticationFailed: "auth"
        case .transientFailure(_, let code, _), .permanentFailure(_, let code, _), .unexpectedReply(_, let code, _): "smtp-\(code)"
        case .messageTooLarge: "too-large"
        case .protocolViolation: "protocol"
        }
    }

    var shortDescription: String {
        switch self {
        case .connectionLost(let step): "connection lost waiting for the reply to \(step)"
        case .timedOut(let step): "no reply to \(step) in time"
        default: errorDescription ?? "error"
        }
    }

    public var errorDescription: String? {
        switch self {
        case .ipAddressHostNeedsName:
            "The SMTP host is an IP address. Use the server's DNS name (the name on its certificate), e.g. smtp.clinic.example, so the certificate can be checked."
        case .plaintextNotLoopback:
            "Plain (unencrypted) SMTP is only allowed to 127.0.0.1, ::1 or localhost, for testing. Use STARTTLS or smtps:// for any other server."
        case .caFileUnreadable(let path):
            "The CA certificate file '\(path)' cannot be read or holds no PEM certificate. Check the path and permissions."
        case .credentialsInvalid:
            "The SMTP user name or password contains a line break or NUL; check the password file."
        case .connectionFailed(let reason):
            "Could not connect to the mail server \(reason). Check the host name, port and network."
        case .connectionLost(let step):
            "The connection to the mail server was lost during \(step)."
        case .timedOut(let step):
            "The mail server did not answer \(step) in time."
        case .outcomeUnknown(let cause):
            "The message was handed to the mail server but no confirmation came (\(cause.shortDescription) after \(SMTPStep.endOfData)); it may or may not have been delivered."
        case .notConnected:
            "Not connected to the mail server."
        case .requestOutOfOrder:
            "Internal error: a mail step was started before the previous one had its reply; nothing more was sent on that connection. Please report this."
        case .startTLSNotOffered:
            "The mail server does not offer STARTTLS, so nothing was sent: health data must not travel unencrypted. Ask the mail administrator to enable TLS, or use smtps:// (port 465)."
        case .startTLSRejected(let reply):
            "The mail server refused STARTTLS (\(reply)); nothing was sent."
        case .startTLSInjection:
            "The mail server (or something in between) sent data right after agreeing to STARTTLS, a sign of tampering; the connection was closed and nothing was sent."
        case .tlsFailed(let reason):
            "The TLS connection to the mail server failed (\(reason)). Check the server's certificate, the host name, and the CA file if the clinic uses a private CA."
        case .authenticationRequiresTLS:
            "SMTP login is only done over TLS; credentials were not sent over a plain connection."
        case .authenticationNotOffered:
            "The mail server offers no login method this client supports (PLAIN or LOGIN)."
        case .authenticationFailed(let reply):
            "The mail server refused the login (\(reply)). Check the user name and password file."
        case .transientFailure(let step, let code, let reply), .permanentFailure(let step, let code, let reply):
            "The mail server refused \(step) with \(code): \(reply)"
        case .unexpectedReply(let step, let code, let reply):
            "The mail server answered \(step) with \(code) (\(reply)), which SMTP does not allow there; ask the mail administrator to check the server."
        case .messageTooLarge(let size, let limit):
            "The message is \(size) bytes but the mail server accepts at most \(limit); make the handout smaller."
        case .protocolViolation(let violation):
            "The mail server broke the SMTP protocol (\(violation)); the connection was closed."
        }
    }
}

/// How the server's bytes broke SMTP's reply format or order.
public enum SMTPProtocolViolation: Error, Equatable, Sendable, CustomStringConvertible {
    /// A reply came when no command was waiting for one.
    case unsolicitedReply
    /// A line that does not start with a three-digit code and a space or hyphen.
    case malformedReply
    /// The lines of one multi-line reply have different codes.
    case inconsistentReplyCodes
    case tooManyReplyLines(limit: Int)
    case replyLineTooLong(limit: Int)
    /// The connection ended, or the line decoder was removed, in the middle of a line.
    case truncatedReply

    public var description: String {
        switch self {
        case .unsolicitedReply: "it sent a reply nobody asked for"
        case .malformedReply: "a reply line is not a three-digit code and text"
        case .inconsistentReplyCodes: "the lines of one reply have different codes"
        case .tooManyReplyLines(let limit): "a reply has more than \(limit) lines"
        case .replyLineTooLong(let limit): "a reply line is longer than \(limit) bytes"
        case .truncatedReply: "a reply was cut off in the middle of a line"
        }
    }
}
