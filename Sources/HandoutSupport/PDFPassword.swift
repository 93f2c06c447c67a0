/// What a PDF password may be, wherever it comes from (a file, a CSV cell, a rule): PDF
/// encryption (AES-256) uses at most 127 bytes of it, and C libraries stop at a NUL, so a longer
/// password or one with a control character is refused rather than silently cut.
public enum PDFPassword {
    public static let maximumBytes = 127

    /// Why `password` cannot be used, or nil when it can. Never repeats the password.
    public static func problem(with password: Substring) -> String? {
        if password.isEmpty { return "is empty" }
        if password.utf8.count > maximumBytes {
            return "is longer than \(maximumBytes) bytes (UTF-8); PDF encryption cannot use more, choose a shorter one"
        }
        if password.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return "contains a control character (NUL, tab, ...); use letters, digits, spaces and punctuation only"
        }
        return nil
    }
}
