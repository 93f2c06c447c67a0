/// PDF's character classes (ISO 32000-1 §7.2.2), shared by the readers of Cairo's objects and
/// of its content streams.
enum PDFSyntax {
    static func isWhiteSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 || byte == 0x0C || byte == 0x00
    }

    static func isDelimiter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "["), UInt8(ascii: "]"),
             UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "/"), UInt8(ascii: "%"): return true
        default: return false
        }
    }

    /// Just past the regular characters (a number, a keyword, a name's text) that begin at `start`.
    static func endOfToken<Bytes: RandomAccessCollection>(_ bytes: Bytes, from start: Int) -> Int where Bytes.Element == UInt8, Bytes.Index == Int {
        var index = start
        while index < bytes.endIndex, !isWhiteSpace(bytes[index]), !isDelimiter(bytes[index]) { index += 1 }
        return index
    }

    /// The first index at or after `start` that is not white space.
    static func skippingWhiteSpace<Bytes: RandomAccessCollection>(_ bytes: Bytes, from start: Int) -> Int where Bytes.Element == UInt8, Bytes.Index == Int {
        var index = start
        while index < bytes.endIndex, isWhiteSpace(bytes[index]) { index += 1 }
        return index
    }
}
