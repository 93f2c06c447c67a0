import HandoutCore

/// How one column holding the whole name writes it: `Torres, Wei Li` (last-first) or
/// `Wei Li Torres` (first-last); `auto` takes a comma for last-first, per value.
public enum NameFormat: String, Sendable, CaseIterable {
    case auto
    case lastFirst = "last-first"
    case firstLast = "first-last"

    /// The given and family names of `text`, or nil when it holds only one of them.
    func split(_ text: String) -> (given: String, family: String)? {
        let lastFirst = self == .lastFirst || (self == .auto && text.contains(","))
        if lastFirst {
            guard let comma = text.firstIndex(of: ",") else { return nil }
            let family = text[..<comma].trimmingCharacters(in: .whitespaces)
            let given = text[text.index(after: comma)...].trimmingCharacters(in: .whitespaces)
            return family.isEmpty || given.isEmpty ? nil : (given, family)
        }
        let words = text.split(whereSeparator: \.isWhitespace)
        guard words.count >= 2 else { return nil }
        return (words.dropLast().joined(separator: " "), String(words.last!))
    }
}
