import Foundation

/// Turns header values into 7-bit header text (RFC 5322 §2.2, RFC 2047) and folds
/// header fields so that no line exceeds 78 characters where a space allows it
/// (never more than 998).
enum HeaderEncoding {
    static let softLineLimit = 78
    /// RFC 2047 §2: an encoded word is at most 75 characters.
    static let encodedWordLimit = 75

    /// A display name as a phrase: atoms as they are, printable ASCII with specials
    /// as a quoted string, anything else as UTF-8 "B" encoded words.
    static func phraseTokens(_ name: String) -> [String] {
        guard name.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value <= 0x7E }) else {
            return encodedWords(name)
        }
        let words = name.split(separator: " ").map(String.init)
        if words.allSatisfy({ $0.utf8.allSatisfy(MailAddress.isAtext) }) {
            return words
        }
        let escaped = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return ["\"\(escaped)\""]
    }

    /// Unstructured text (a subject): words as they are when printable ASCII,
    /// otherwise encoded words.
    static func unstructuredTokens(_ text: String) -> [String] {
        let isPlain = text.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value <= 0x7E }
        // A plain word that looks like an encoded word would be decoded by readers.
        if isPlain && !text.contains("=?") {
            return text.split(separator: " ").map(String.init)
        }
        return encodedWords(text)
    }

    /// `=?UTF-8?B?...?=` words of at most 75 characters, never splitting a character.
    static func encodedWords(_ text: String) -> [String] {
        let prefix = "=?UTF-8?B?"
        let suffix = "?="
        let maxPayload = (encodedWordLimit - prefix.count - suffix.count) / 4 * 3
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in text {
            let bytes = Array(String(character).utf8)
            if !chunk.isEmpty && chunk.count + bytes.count > maxPayload {
                words.append(prefix + Data(chunk).base64EncodedString() + suffix)
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty {
            words.append(prefix + Data(chunk).base64EncodedString() + suffix)
        }
        return words
    }

    /// A mailbox as header tokens: `phrase <local@domain>` or the bare address.
    static func mailboxTokens(_ mailbox: Mailbox) -> [String] {
        guard let name = mailbox.displayName else { return [mailbox.address.address] }
        return phraseTokens(name) + ["<\(mailbox.address.address)>"]
    }

    /// `Name: token token ...` with CRLF + space inserted between tokens where the
    /// line would pass 78 characters. Ends with CRLF.
    static func field(_ name: String, _ tokens: [String]) -> String {
        var output = name + ":"
        var lineLength = output.count
        for token in tokens {
            if lineLength + 1 + token.count > softLineLimit && lineLength > name.count + 1 {
                output += "\r\n"
                lineLength = 0
            }
            output += " " + token
            lineLength += 1 + token.count
        }
        return output + "\r\n"
    }

    /// A field whose value is `value; param; param`, folding between parameters.
    static func parameterField(_ name: String, value: String, parameters: [String]) -> String {
        guard !parameters.isEmpty else { return field(name, [value]) }
        let tokens = [value + ";"] + parameters.enumerated().map { index, parameter in
            index == parameters.count - 1 ? parameter : parameter + ";"
        }
        return field(name, tokens)
    }
}
