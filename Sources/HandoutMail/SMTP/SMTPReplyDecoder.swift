import NIOCore

/// Turns framed lines into ``SMTPReply`` values, joining multi-line replies
/// (`250-...` continuation lines, RFC 5321 §4.2.1) so EHLO capabilities survive.
///
/// Not a `ByteToMessageDecoder`: line framing is already done by
/// ``SMTPLineDecoder`` upstream; this only parses one line at a time.
public final class SMTPReplyDecoder: ChannelInboundHandler {
    public typealias InboundIn = ByteBuffer
    public typealias InboundOut = SMTPReply

    /// Bounds how many lines one reply may have.
    public let maximumLines: Int
    private var pendingCode: Int?
    private var pendingLines: [String] = []

    public init(maximumLines: Int = 256) {
        self.maximumLines = maximumLines
    }

    public func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var line = Self.unwrapInboundIn(data)
        do {
            if let reply = try self.consume(&line) {
                context.fireChannelRead(Self.wrapInboundOut(reply))
            }
        } catch {
            context.fireErrorCaught(error)
        }
    }

    private func consume(_ line: inout ByteBuffer) throws(SMTPProtocolViolation) -> SMTPReply? {
        guard let text = line.readString(length: line.readableBytes),
            text.utf8.count >= 3,
            let code = Int(text.prefix(3)), (200...599).contains(code) || (100...199).contains(code)
        else { throw .malformedReply }
        let rest = text.dropFirst(3)
        let separator = rest.first
        guard separator == nil || separator == " " || separator == "-" else { throw .malformedReply }
        if let pending = pendingCode, pending != code { throw .inconsistentReplyCodes }
        pendingLines.append(String(rest.dropFirst()))
        guard pendingLines.count <= maximumLines else { throw .tooManyReplyLines(limit: maximumLines) }
        if separator == "-" {
            pendingCode = code
            return nil
        }
        let reply = SMTPReply(code: code, lines: pendingLines)
        pendingCode = nil
        pendingLines = []
        return reply
    }
}

@available(*, unavailable)
extension SMTPReplyDecoder: Sendable {}
