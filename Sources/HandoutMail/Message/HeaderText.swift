import Foundation

/// The check every header value passes (addresses, display names, the subject): no CR, LF
/// or other control character, written out or hidden in an RFC 2047 encoded word that a
/// mail program would decode (`=?utf-8?q?Clinic=0D=0ABcc:...?=`, `=?utf-8?b?DQo...?=`).
/// Decoding is as lenient as the most lenient reader, so nothing a reader could turn into
/// a line break gets through.
enum HeaderText {
    static func check(_ text: String) throws(MailAddressError) {
        switch control(in: text.unicodeScalars) {
        case .lineBreak: throw .containsLineBreak
        case .other: throw .containsControlCharacter
        case nil: break
        }
        for decoded in encodedWords(in: text).flatMap(decodings) {
            switch control(inDecoded: decoded) {
            case .lineBreak: throw .encodedLineBreak
            case .other: throw .encodedControlCharacter
            case nil: break
            }
        }
    }

    enum Control { case lineBreak, other }

    /// CR or LF first; then NUL, the other C0 and C1 controls, DEL, U+2028 and U+2029.
    static func control(in scalars: some Sequence<Unicode.Scalar>) -> Control? {
        var found: Control?
        for scalar in scalars {
            if scalar == "\r" || scalar == "\n" { return .lineBreak }
            if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value)
                || scalar == "\u{2028}" || scalar == "\u{2029}"
            {
                found = .other
            }
        }
        return found
    }

    /// Decoded bytes in any charset: as UTF-8 when they are, otherwise byte by byte (as in
    /// Latin-1, where 0x80-0x9F are the C1 controls).
    private static func control(inDecoded bytes: [UInt8]) -> Control? {
        if let text = String(bytes: bytes, encoding: .utf8) { return control(in: text.unicodeScalars) }
        return control(in: bytes.map { Unicode.Scalar($0) })
    }

    /// `=?charset?Q|B?text?=`, matched as loosely as Python's email package does (any text,
    /// even with spaces or `?`, up to the first `?=`).
    private static func encodedWords(in text: String) -> [(encoding: Character, text: Substring)] {
        text.matches(of: #/=\?[^?]*?\?([QqBb])\?(.*?)\?=/#).map { match in
            (Character(match.output.1.uppercased()), match.output.2)
        }
    }

    /// What readers may make of one encoded word's text. Base64 is read both with padding as
    /// the end of a piece (`DQ==Cg==` is two pieces) and with padding ignored.
    private static func decodings(_ word: (encoding: Character, text: Substring)) -> [[UInt8]] {
        guard word.encoding == "B" else { return [quotedPrintable(word.text)] }
        let kept = word.text.filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "/" || $0 == "=") }
        let pieces = kept.split(separator: "=").flatMap(base64)
        return [pieces, base64(kept.filter { $0 != "=" })]
    }

    /// RFC 2047 "Q": `_` is a space, `=XX` a byte.
    private static func quotedPrintable(_ text: Substring) -> [UInt8] {
        var bytes: [UInt8] = []
        var input = Array(text.utf8)[...]
        while let byte = input.popFirst() {
            if byte == UInt8(ascii: "_") {
                bytes.append(0x20)
            } else if byte == UInt8(ascii: "="), let value = UInt8(String(decoding: input.prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(value)
                input = input.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return bytes
    }

    /// Base64 without padding, completed as a lenient decoder would (a lone last character dropped).
    private static func base64(_ text: some StringProtocol) -> [UInt8] {
        var digits = String(text)
        if digits.count % 4 == 1 { digits.removeLast() }
        digits += String(repeating: "=", count: (4 - digits.count % 4) % 4)
        return Data(base64Encoded: digits).map { [UInt8]($0) } ?? []
    }
}
