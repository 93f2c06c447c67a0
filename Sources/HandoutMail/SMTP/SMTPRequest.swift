import NIOCore

/// What the async client writes into the channel: one command, how long to wait
/// for its reply, and the promise that gets the reply (or the error).
struct SMTPRequest: Sendable {
    let command: SMTPCommand
    let timeout: TimeAmount
    let promise: EventLoopPromise<SMTPReply>
}
