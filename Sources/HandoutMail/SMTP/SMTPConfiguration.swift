import Foundation
import NIOCore

/// How to reach and talk to the clinic's mail relay.
public struct SMTPConfiguration: Sendable {
    public enum Security: Sendable, Equatable {
        /// Plain connect, then STARTTLS, required: a server that does not offer
        /// it gets nothing (no fallback). Usually port 587 or 25.
        case startTLS
        /// TLS from the first byte (`smtps://`, usually port 465).
        case implicitTLS
        /// No TLS at all, allowed only to 127.0.0.1, ::1 or localhost, for tests.
        /// Login (AUTH) is refused in this mode.
        case plaintextLoopback
    }

    public struct Credentials: Sendable {
        public var user: String
        public var password: String

        public init(user: String, password: String) {
            self.user = user
            self.password = password
        }
    }

    /// Each is a whole-step limit; a step that passes it closes the connection.
    public struct Timeouts: Sendable {
        public var connect: TimeAmount
        public var greeting: TimeAmount
        /// EHLO, STARTTLS and the TLS handshake, AUTH, MAIL, RCPT, DATA, RSET, QUIT.
        public var command: TimeAmount
        /// The reply after the message's final "." (RFC 5321 §4.5.3.2 suggests 10 minutes).
        public var dataTermination: TimeAmount

        public init(
            connect: TimeAmount = .seconds(30), greeting: TimeAmount = .seconds(60),
            command: TimeAmount = .seconds(60), dataTermination: TimeAmount = .seconds(300)
        ) {
            self.connect = connect
            self.greeting = greeting
            self.command = command
            self.dataTermination = dataTermination
        }
    }

    /// A DNS name (checked against the server certificate). An IP address is
    /// refused in the TLS modes; see ``SMTPClientError/ipAddressHostNeedsName``.
    public var host: String
    public var port: Int
    public var security: Security
    public var credentials: Credentials?
    /// PEM file (or directory) of CA certificates to trust instead of the system's,
    /// for a clinic's private CA.
    public var caFile: String?
    public var timeouts: Timeouts
    /// The longest reply line accepted (without CRLF).
    public var maximumReplyLineLength: Int

    public init(
        host: String, port: Int, security: Security = .startTLS, credentials: Credentials? = nil,
        caFile: String? = nil, timeouts: Timeouts = Timeouts(), maximumReplyLineLength: Int = 4096
    ) {
        self.host = host
        self.port = port
        self.security = security
        self.credentials = credentials
        self.caFile = caFile
        self.timeouts = timeouts
        self.maximumReplyLineLength = maximumReplyLineLength
    }

    /// Parses `smtp://host[:port]` (STARTTLS, default port 587) or
    /// `smtps://host[:port]` (implicit TLS, default 465). With
    /// `allowPlaintextLoopback`, an `smtp://` URL naming 127.0.0.1, ::1 or
    /// localhost uses plain SMTP instead. Everything is checked here, before any
    /// connection: the scheme, the host (a name, since TLS checks the certificate
    /// against it) and the port (1 to 65535).
    public init(url: String, allowPlaintextLoopback: Bool = false) throws(SMTPConfigurationError) {
        guard let parts = url.wholeMatch(of: #/([A-Za-z][A-Za-z0-9+.\-]*)://(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.\-]+)(?::([^/]*))?/?/#)
        else {
            throw url.contains("://") ? .invalidURL : .missingScheme
        }
        let scheme = parts.1.lowercased()
        let host = parts.2.hasPrefix("[") ? String(parts.2.dropFirst().dropLast()) : String(parts.2)
        let security: Security
        switch scheme {
        case "smtp":
            security = allowPlaintextLoopback && Self.isLoopbackName(host) ? .plaintextLoopback : .startTLS
        case "smtps":
            security = .implicitTLS
        default:
            throw .unsupportedScheme(String(scheme.prefix(20)))
        }
        let port: Int
        if let text = parts.3 {
            guard text.count <= 5, text.allSatisfy(\.isASCII), let number = Int(text), (1...65535).contains(number) else {
                throw .invalidPort
            }
            port = number
        } else {
            port = security == .implicitTLS ? 465 : 587
        }
        if security != .plaintextLoopback, Self.isIPAddress(host) { throw .ipAddressNeedsName(host: host) }
        self.init(host: host, port: port, security: security)
    }

    static func isLoopbackName(_ host: String) -> Bool {
        ["127.0.0.1", "::1", "localhost"].contains(host.lowercased())
    }

    static func isIPAddress(_ host: String) -> Bool {
        (try? SocketAddress(ipAddress: host, port: 0)) != nil
    }
}

public enum SMTPConfigurationError: Error, Equatable, Sendable, LocalizedError {
    case invalidURL
    case missingScheme
    case unsupportedScheme(String)
    case invalidPort
    /// TLS checks the certificate against the name: an IP address leaves nothing to check.
    case ipAddressNeedsName(host: String)

    public var errorDescription: String? {
        switch self {
        case .invalidURL:
            "--smtp: the server must look like smtp://host:587 or smtps://host:465 (a host name and an optional port, nothing else)."
        case .missingScheme:
            "--smtp: the server must start with smtp:// (STARTTLS) or smtps:// (TLS), like smtp://mail.clinic.example:587."
        case .unsupportedScheme(let scheme):
            "--smtp: '\(scheme)://' is not a mail server scheme; use smtp:// (STARTTLS, port 587) or smtps:// (TLS, port 465)."
        case .invalidPort:
            "--smtp: the port must be a number from 1 to 65535, like smtp://mail.clinic.example:587."
        case .ipAddressNeedsName(let host):
            "--smtp: \(host) is an IP address, but TLS checks the server's certificate against its name; use the server's DNS name (the name on its certificate), like smtp://smtp.clinic.example:587."
        }
    }
}
