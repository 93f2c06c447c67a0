import Foundation
import NIOSSL

/// Everything that can go wrong talking to the mail server. Messages name the
/// step and the server's reply (with addresses redacted), never a recipient.
public enum SMTPClientError: Error, Equatable, Sendable, LocalizedError {
    /// The host is an IP address, but certificate checks need the server's name.
    case ipAddressHostNeedsName
    /// Plaintext was allowed, but the host is not 127.0.0.1, ::1 or localhost.
    case plaintextNotLoopback
    case caFileUnreadable(path: String)
    case credentialsInvalid
    case connectionFailed(String)
    case startTLSNotOffered
    case startTLSRejected(reply: String)
    /// Bytes arrived after the server's `220` to STARTTLS, before TLS began.
    case startTLSInjection
    case tlsFailed(String)
    case authenticationRequiresTLS
    case authenticationNotOffered
    case authenticationFailed(reply: String)
    /// The server refused a step with a 4xx (``isTransient``) or 5xx reply.
    case rejected(step: String, code: Int, reply: String)
    case messageTooLarge(size: Int, limit: Int)
    case connectionLost(step: String)
    case timedOut(step: String)
    case protocolViolation(String)
    /// The message was handed over (its final "." was written) but no reply came:
    /// it may or may not have been delivered.
    case outcomeUnknown(step: String, cause: String)
    case notConnected

    init(tlsError error: Error) {
        self = .tlsFailed(String(describing: error))
    }

    /// 4xx replies, lost connections and timeouts before the message was handed over.
    public var isTransient: Bool {
        switch self {
        case .rejected(_, let code, _): (400..<500).contains(code)
        case .connectionFailed, .connectionLost, .timedOut, .notConnected: true
        default: false
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
            "Could not connect to the mail server: \(reason). Check the host name, port and network."
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
        case .rejected(let step, let code, let reply):
            "The mail server refused \(step) with \(code): \(reply)"
        case .messageTooLarge(let size, let limit):
            "The message is \(size) bytes but the mail server accepts at most \(limit); make the handout smaller."
        case .connectionLost(let step):
            "The connection to the mail server was lost during \(step)."
        case .timedOut(let step):
            "The mail server did not answer \(step) in time."
        case .protocolViolation(let detail):
            "The mail server broke the SMTP protocol (\(detail)); the connection was closed."
        case .outcomeUnknown(let step, let cause):
            "The message was handed to the mail server but no confirmation came (\(cause) after \(step)); it may or may not have been delivered."
        case .notConnected:
            "Not connected to the mail server."
        }
    }
}
