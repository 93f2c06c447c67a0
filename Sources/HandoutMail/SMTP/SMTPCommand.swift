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
    case quit
}
