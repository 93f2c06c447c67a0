import Foundation

/// A display name and an address, as in `Spine Clinic <care@clinic.example>`.
///
/// Like ``MailAddress``, its `description` hides both the name and the address.
public struct Mailbox: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The display name, trimmed; `nil` when there is none.
    public let displayName: String?
    public let address: MailAddress

    public var description: String { "<mailbox>" }
    public var debugDescription: String { "Mailbox(<redacted>)" }

    /// A mailbox from separate parts. The name may hold any Unicode text except
    /// control characters (CR, LF, NUL, ...), written out or RFC 2047-encoded; it is
    /// encoded for headers when rendered.
    public init(displayName: String?, address: MailAddress) throws(MailAddressError) {
        if let name = displayName {
            try HeaderText.check(name)
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            guard trimmed.utf8.count <= 200 else { throw .tooLong }
            self.displayName = trimmed.isEmpty ? nil : trimmed
        } else {
            self.displayName = nil
        }
        self.address = address
    }

    /// A mailbox from a display name and an address string, both validated.
    public init(displayName: String?, address: String) throws(MailAddressError) {
        try self.init(displayName: displayName, address: MailAddress(address))
    }

    /// Parses `Name <local@domain>`, `"Quoted, Name" <local@domain>` or a bare
    /// `local@domain`.
    public init(parsing text: String) throws(MailAddressError) {
        try HeaderText.check(text)
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasSuffix(">") else {
            try self.init(displayName: nil, address: MailAddress(trimmed))
            return
        }
        guard let open = trimmed.lastIndex(of: "<") else { throw .malformedMailbox }
        let address = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
        var name = trimmed[..<open].trimmingCharacters(in: .whitespaces)
        if name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") {
            name = Self.unquote(String(name.dropFirst().dropLast()))
        } else if name.contains("\"") || name.contains("<") || name.contains(">") {
            throw .malformedMailbox
        }
        try self.init(displayName: name, address: MailAddress(address))
    }

    private static func unquote(_ text: String) -> String {
        var result = ""
        var escaped = false
        for character in text {
            if escaped || character != "\\" {
                result.append(character)
                escaped = false
            } else {
                escaped = true
            }
        }
        return result
    }
}
