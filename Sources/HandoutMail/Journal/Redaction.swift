/// Removes what might identify a patient from text that came from outside (a
/// server's reply can repeat the recipient's address), and shortens addresses for
/// listings.
public enum Redaction {
    static let maximumLength = 200

    static func redactAddresses(_ text: String) -> String {
        let words = text.split(separator: " ", omittingEmptySubsequences: false).map { word in
            word.contains("@") ? "<redacted>" : String(word)
        }
        let joined = words.joined(separator: " ")
        let clean = String(String.UnicodeScalarView(joined.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }))
        return String(clean.prefix(maximumLength))
    }

    /// `mj.garcia@example.org` → `m•••@e•••.org`: enough to tell addresses apart at a glance
    /// (a typo'd domain shows), never enough to read one.
    public static func address(_ address: String) -> String {
        let parts = address.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else { return "•••" }
        let domainLabels = parts[1].split(separator: ".")
        let topLevel = domainLabels.count > 1 ? "." + String(domainLabels.last!.prefix(maximumLength)) : ""
        return "\(initial(parts[0]))•••@\(initial(parts[1]))•••\(String(topLevel.filter(isPrintableASCII)))"
    }

    private static func initial(_ text: Substring) -> String {
        text.first.map { isPrintableASCII($0) ? String($0) : "?" } ?? ""
    }

    private static func isPrintableASCII(_ character: Character) -> Bool {
        character.isASCII && !character.isWhitespace && character.asciiValue.map { $0 > 0x20 && $0 < 0x7F } == true
    }
}
