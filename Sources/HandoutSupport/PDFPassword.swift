/// What a PDF password may be, wherever it comes from (a file, a CSV cell, a rule): PDF
/// encryption (AES-256) uses at most 127 bytes of it, and C libraries stop at a NUL, so a longer
/// password or one with a control character is refused rather than silently cut.
public enum PDFPassword {
    public static let maximumBytes = 127

    /// Why a password cannot be used; HandoutCore's `PasswordProblem` says it in words.
    public enum Problem: Sendable, Equatable {
        case empty
        case tooLong(maximumBytes: Int)
        case controlCharacter
    }

    /// Why `password` cannot be used, or nil when it can. Never repeats the password.
    public static func problem(with password: Substring) -> Problem? {
        if password.isEmpty { return .empty }
        if password.utf8.count > maximumBytes { return .tooLong(maximumBytes: maximumBytes) }
        if password.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) { return .controlCharacter }
        return nil
    }
}
