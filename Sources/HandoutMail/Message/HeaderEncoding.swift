import Foundation

/// Turns header values into 7-bit header text (RFC 5322 §2.2, RFC 2047) and folds
/// header fields so that no line exceeds 78 characters where a space allows it
/// (never more than 998).
enum HeaderEncoding {
    static let softLineLimit = 78

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

    /// `=?UTF-8?B?...?=` words of at most 64 characters (so even the first one fits
    /// on a line after `Subject: `), never splitting a character, and breaking
    /// after a space where one is near. Spaces stay inside the words, as RFC 2047
    /// §6.2 has readers ignore the white space between adjacent encoded words.
    static func encodedWords(_ text: String) -> [String] {
        let maxPayload = 39
        var chunks: [[UInt8]] = []
        var chunk: [UInt8] = []
        var lastSpace: Int?
        for character in text {
            let bytes = Array(String(character).utf8)
            if !chunk.isEmpty && chunk.count + bytes.count > maxPayload {
                let cut = lastSpace.map { $0 + 1 } ?? chunk.count
                chunks.append(Array(chunk[..<cut]))
                chunk = Array(chunk[cut...])
                lastSpace = nil
            }
            if character == " " { lastSpace = chunk.count }
            chunk += bytes
        }
        if !chunk.isEmpty { chunks.append(chunk) }
        return chunks.map { "=?UTF-8?B?" + Data($0).base64EncodedString() + "?=" }
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
