import NIOCore

/// Writes ``SMTPCommand`` values as bytes.
///
/// The message payload is dot-stuffed (RFC 5321 §4.5.2): a `.` that begins a line
/// (at the start or after CRLF) gets a second `.` so the server does not take it
/// for the end of the data. A `.` after a bare CR or LF is left alone, as the RFC
/// defines lines by CRLF (and ``MailEnvelope`` never produces bare CR or LF).
/// The payload is followed by CRLF if it does not end with one, then `.` CRLF.
public struct SMTPCommandEncoder: MessageToByteEncoder {
    public typealias OutboundIn = SMTPCommand

    public init() {}

    public func encode(data: SMTPCommand, out: inout ByteBuffer) throws {
        switch data {
        case .ehlo(let name): out.writeString("EHLO \(name)\r\n")
        case .startTLS: out.writeString("STARTTLS\r\n")
        case .authPlain(let response): out.writeString("AUTH PLAIN \(response)\r\n")
        case .authLogin: out.writeString("AUTH LOGIN\r\n")
        case .authResponse(let response): out.writeString("\(response)\r\n")
        case .mailFrom(let address, let size):
            out.writeString("MAIL FROM:<\(address)>" + (size.map { " SIZE=\($0)" } ?? "") + "\r\n")
        case .recipient(let address): out.writeString("RCPT TO:<\(address)>\r\n")
        case .data: out.writeString("DATA\r\n")
        case .payload(let message): Self.writeDotStuffed(message, to: &out)
        case .reset: out.writeString("RSET\r\n")
        case .quit: out.writeString("QUIT\r\n")
        }
    }

    static func writeDotStuffed(_ message: ByteBuffer, to out: inout ByteBuffer) {
        let bytes = message.readableBytesView
        out.reserveCapacity(minimumWritableBytes: bytes.count + bytes.count / 64 + 5)
        var chunkStart = bytes.startIndex
        var atLineStart = true
        var previous: UInt8 = 0
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if atLineStart && byte == UInt8(ascii: ".") {
                out.writeBytes(bytes[chunkStart..<index])
                out.writeInteger(UInt8(ascii: "."))
                chunkStart = index
            }
            atLineStart = previous == UInt8(ascii: "\r") && byte == UInt8(ascii: "\n")
            previous = byte
            index += 1
        }
        out.writeBytes(bytes[chunkStart..<bytes.endIndex])
        let endsWithCRLF = bytes.count >= 2 && bytes[bytes.endIndex - 2] == 0x0D && bytes[bytes.endIndex - 1] == 0x0A
        out.writeString(endsWithCRLF ? ".\r\n" : "\r\n.\r\n")
    }
}
