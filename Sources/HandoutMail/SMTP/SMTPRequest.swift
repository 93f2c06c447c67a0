import NIOCore

/// What ``SMTPClient`` writes into the channel, one at a time. Each promise gets
/// the reply that completes the request, or a ``SMTPClientError``.
enum SMTPRequest: Sendable {
    /// RSET (from the second message on), MAIL FROM, RCPT TO, DATA; succeeds with
    /// the `354`, when the message is ready to hand over.
    case message(OutgoingMessage, EventLoopPromise<SMTPReply>)
    /// Writes the message and its final "."; succeeds with the server's `250`.
    case handOver(EventLoopPromise<SMTPReply>)
    /// The hook before the hand-over failed: close without the final ".".
    case abandon
    case quit(EventLoopPromise<SMTPReply>)
}
