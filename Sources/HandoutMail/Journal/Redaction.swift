/// Removes what might identify a patient from text that came from outside (a
/// server's reply can repeat the recipient's address).
enum Redaction {
    static let maximumLength = 200

    static func redactAddresses(_ text: String) -> String {
        let words = text.split(separator: " ", omittingEmptySubsequences: false).map { word in
            word.contains("@") ? "<redacted>" : String(word)
        }
        let joined = words.joined(separator: " ")
        let clean = String(String.UnicodeScalarView(joined.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }))
        return String(clean.prefix(maximumLength))
    }
}
