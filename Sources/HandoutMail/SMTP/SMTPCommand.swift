import NIOCore

/// The commands this client sends (RFC 5321 §4.1, RFC 3207, RFC 4954).
public enum SMTPCommand: Sendable, Equatable {
    case ehlo(String)
    case startTLS
    /// `AUTH PLAIN <base64>`.
    case authPlain(initialResponse: String)
    case authLogin
    /// A base64 line answering a `334` challenge.
    case authResponse(String)
    case mailFrom(String, size: Int?)
    case recipient(String)
    case data
    /// The message itself, sent after `354`; the encoder dot-stuffs it and adds
    /// the terminating `.` line.
    case payload(ByteBuffer)
    case reset
    case noop
    case quit

    /// The step name used in errors and logs; never contains an argument.
    public var step: String {
        switch self {
        case .ehlo: "EHLO"
        case .startTLS: "STARTTLS"
        case .authPlain, .authLogin, .authResponse: "AUTH"
        case .mailFrom: "MAIL FROM"
        case .recipient: "RCPT TO"
        case .data: "DATA"
        case .payload: "end of DATA"
        case .reset: "RSET"
        case .noop: "NOOP"
        case .quit: "QUIT"
        }
    }
}
