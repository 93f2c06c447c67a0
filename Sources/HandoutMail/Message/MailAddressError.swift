import Foundation

/// Why an address, display name or mailbox was refused. The messages never repeat
/// the refused text: it may be a patient's name or address.
public enum MailAddressError: Error, Equatable, Sendable, LocalizedError {
    case empty
    case containsLineBreak
    case containsControlCharacter
    /// An RFC 2047 encoded word (`=?utf-8?q?...?=`) that decodes to CR or LF.
    case encodedLineBreak
    /// An RFC 2047 encoded word that decodes to NUL or another control character.
    case encodedControlCharacter
    case nonASCII
    case tooLong
    case missingAt
    case invalidLocalPart
    case invalidDomain
    case malformedMailbox

    public var errorDescription: String? {
        switch self {
        case .empty: "The email address is empty."
        case .containsLineBreak:
            "The email address or name contains a line break (CR or LF); it was refused because it could add hidden recipients. Correct the record."
        case .containsControlCharacter:
            "The email address or name contains a control character; correct the record."
        case .encodedLineBreak:
            "The email address or name contains an encoded word (=?...?=) that mail programs decode to a line break (CR or LF); it was refused because it could add hidden headers or recipients. Write it as plain text."
        case .encodedControlCharacter:
            "The email address or name contains an encoded word (=?...?=) that mail programs decode to a control character; it was refused. Write it as plain text."
        case .nonASCII:
            "The email address contains non-ASCII characters, which this sender does not support; use the plain ASCII form of the address."
        case .tooLong: "The email address or name is too long."
        case .missingAt: "The email address has no '@'; it must look like name@example.org."
        case .invalidLocalPart:
            "The part before '@' is not valid (spaces, two dots in a row, or unusual characters); correct the address."
        case .invalidDomain:
            "The part after '@' is not a valid domain (it needs a dot, letters, digits or hyphens); correct the address."
        case .malformedMailbox:
            "The mailbox is not of the form 'Name <name@example.org>'."
        }
    }
}
