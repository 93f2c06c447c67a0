import NIOCore

/// Splits inbound bytes into lines at LF, dropping a CR before it; each frame is
/// a line without its line end.
///
/// Unlike swift-nio-extras' `LineBasedFrameDecoder` it has a maximum line length,
/// so a broken or hostile server cannot grow memory without bound. Bytes left over
/// when the decoder is removed or the channel ends are an error
/// (``SMTPProtocolViolation/truncatedReply``): the STARTTLS upgrade removes this
/// decoder to prove no plaintext is buffered after the `220`.
///
/// ```
///  "250-a\r\n25"   "0 b\r\n"        frames: "250-a", "250 b"
/// ```
public struct SMTPLineDecoder: ByteToMessageDecoder {
    public typealias InboundOut = ByteBuffer

    public let maximumLineLength: Int
    private var scannedBytes = 0

    /// - Parameter maximumLineLength: without the line end. RFC 5321 §4.5.3.1.5
    ///   allows 512 octets per reply line; the default leaves room for lax servers.
    public init(maximumLineLength: Int = 4096) {
        self.maximumLineLength = maximumLineLength
    }

    public mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        let view = buffer.readableBytesView
        let searchStart = view.startIndex + scannedBytes
        guard let newline = view[searchStart...].firstIndex(of: UInt8(ascii: "\n")) else {
            scannedBytes = view.count
            if view.count > maximumLineLength + 1 {
                throw SMTPProtocolViolation.replyLineTooLong(limit: maximumLineLength)
            }
            return .needMoreData
        }
        var length = newline - view.startIndex
        let hasCR = length > 0 && view[newline - 1] == UInt8(ascii: "\r")
        if hasCR { length -= 1 }
        guard length <= maximumLineLength else {
            throw SMTPProtocolViolation.replyLineTooLong(limit: maximumLineLength)
        }
        let line = buffer.readSlice(length: length)!
        buffer.moveReaderIndex(forwardBy: hasCR ? 2 : 1)
        scannedBytes = 0
        context.fireChannelRead(Self.wrapInboundOut(line))
        return .continue
    }

    public mutating func decodeLast(
        context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool
    ) throws -> DecodingState {
        while try decode(context: context, buffer: &buffer) == .continue {}
        if buffer.readableBytes > 0 {
            buffer.moveReaderIndex(forwardBy: buffer.readableBytes)
            throw SMTPProtocolViolation.truncatedReply
        }
        return .needMoreData
    }
}
