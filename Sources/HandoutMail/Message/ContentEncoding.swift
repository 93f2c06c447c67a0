import Foundation

/// Content-Transfer-Encodings (RFC 2045 §6.7, §6.8) producing CRLF lines of at most
/// 76 characters.
enum ContentEncoding {
    static let lineLimit = 76

    /// Base64 in lines of 76 characters, each ended by CRLF.
    static func base64Lines(_ bytes: some Collection<UInt8>) -> [UInt8] {
        let encoded = [UInt8](Data(bytes).base64EncodedData())
        var output: [UInt8] = []
        output.reserveCapacity(encoded.count + encoded.count / lineLimit * 2 + 2)
        var index = 0
        while index < encoded.count {
            let end = min(index + lineLimit, encoded.count)
            output += encoded[index..<end]
            output += [0x0D, 0x0A]
            index = end
        }
        return output
    }

    /// Quoted-printable of UTF-8 text. Line breaks in `text` (LF or CRLF) become
    /// CRLF; long lines get soft breaks (`=` CRLF). The result ends with CRLF.
    static func quotedPrintable(_ text: String) -> String {
        var lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        if lines.count > 1 && lines.last?.isEmpty == true { lines.removeLast() }
        return lines.map { quotedPrintableLine(Array($0.utf8)) }.joined(separator: "\r\n") + "\r\n"
    }

    private static func quotedPrintableLine(_ bytes: [UInt8]) -> String {
        var output = ""
        var lineLength = 0
        for (index, byte) in bytes.enumerated() {
            let isLast = index == bytes.count - 1
            let literal = (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "="))
                || ((byte == 0x20 || byte == 0x09) && !isLast)
            let piece = literal ? String(UnicodeScalar(byte)) : String(format: "=%02X", byte)
            // Keep room for the soft break "=" unless this piece ends the line.
            let room = isLast ? lineLimit : lineLimit - 1
            if lineLength + piece.count > room {
                output += "=\r\n"
                lineLength = 0
            }
            output += piece
            lineLength += piece.count
        }
        return output
    }
}
