/// A step of the SMTP conversation, as errors and logs name it (never with an argument).
public enum SMTPStep: String, Sendable, Equatable, CustomStringConvertible {
    case greeting
    case hello = "EHLO"
    case startTLS = "STARTTLS"
    case authentication = "AUTH"
    case mailFrom = "MAIL FROM"
    case recipient = "RCPT TO"
    case data = "DATA"
    /// The message's final "." and the reply to it.
    case endOfData = "end of DATA"
    case reset = "RSET"
    case quit = "QUIT"

    public var description: String { rawValue }
}
