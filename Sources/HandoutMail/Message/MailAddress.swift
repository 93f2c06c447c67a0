/// An email address (`local@domain`), validated strictly and simply.
///
/// Accepted: ASCII only; a dot-atom local part (RFC 5322 `atext` characters separated
/// by single dots) or a quoted local part without quotes or backslashes inside; a
/// domain of two or more LDH labels (`letters, digits, hyphen`). Rejected: CR, LF, NUL
/// and every other control character (also RFC 2047-encoded, see ``HeaderText``), spaces
/// outside quotes, non-ASCII (no SMTPUTF8), more than 64 octets of local part or 254 in all.
///
/// `description` never shows the address, so interpolating one into a log line or an
/// error message cannot leak it; use ``address`` on purpose where it is needed.
public struct MailAddress: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    public let localPart: String
    public let domain: String

    /// The address as written in an SMTP command or a header: `local@domain`.
    public var address: String { "\(localPart)@\(domain)" }

    /// Whether the local part says replies are not read ("no-reply", "noreply", "do_not_reply"...).
    public var isNoReply: Bool {
        let letters = localPart.lowercased().filter { $0.isLetter }
        return letters.contains("noreply") || letters.contains("donotreply")
    }

    public var description: String { "<address>" }
    public var debugDescription: String { "MailAddress(<redacted>)" }

    public init(_ text: String) throws(MailAddressError) {
        guard !text.isEmpty else { throw .empty }
        try HeaderText.check(text)
        guard text.allSatisfy(\.isASCII) else { throw .nonASCII }
        guard text.utf8.count <= 254 else { throw .tooLong }
        guard let at = text.lastIndex(of: "@") else { throw .missingAt }
        let local = String(text[..<at])
        let domain = String(text[text.index(after: at)...])
        guard Self.isValidLocalPart(local) else { throw .invalidLocalPart }
        guard Self.isValidDomain(domain) else { throw .invalidDomain }
        self.localPart = local
        self.domain = domain.lowercased()
    }

    private static let atextSymbols = Set("!#$%&'*+-/=?^_`{|}~".utf8)

    static func isAtext(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || atextSymbols.contains(byte)
    }

    private static func isValidLocalPart(_ local: String) -> Bool {
        let bytes = Array(local.utf8)
        guard !bytes.isEmpty, bytes.count <= 64 else { return false }
        if bytes.first == UInt8(ascii: "\""), bytes.count >= 3, bytes.last == UInt8(ascii: "\"") {
            return bytes.dropFirst().dropLast().allSatisfy {
                $0 >= 0x20 && $0 <= 0x7E && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\")
            }
        }
        return local.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { atom in
            !atom.isEmpty && atom.utf8.allSatisfy(isAtext)
        }
    }

    private static func isValidDomain(_ domain: String) -> Bool {
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, domain.utf8.count <= 253 else { return false }
        return labels.allSatisfy { label in
            let bytes = Array(label.utf8)
            guard (1...63).contains(bytes.count), bytes.first != UInt8(ascii: "-"),
                bytes.last != UInt8(ascii: "-")
            else { return false }
            return bytes.allSatisfy { byte in
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A)
                    || (byte >= 0x61 && byte <= 0x7A) || byte == UInt8(ascii: "-")
            }
        }
    }
}
