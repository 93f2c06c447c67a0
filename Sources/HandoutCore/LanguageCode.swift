import Foundation

/// A language as EHRs write it (`Spanish`, `SPA`, `spa`, `es-MX`, `Español`, `Spanish; Castilian`,
/// `Tiếng Việt`...) turned into the code the handout content and mail templates are named by:
/// ISO 639-1 where the language has one ("es"), else its ISO 639-2 or 639-3 code ("hmn"); Chinese
/// with its script, since a handout is written in one of them ("zh-Hans", "zh-Hant": `ChineseScript`).
public enum LanguageCode {
    /// The code for `text`, or nil when it names no language the table (`LanguageTable`) knows.
    /// Case, accents and spaces do not matter. Besides a whole name or code, a value counts by its
    /// first part when that names a language: a BCP 47 tag by its primary subtag (`es-MX`,
    /// `zh-Hant-TW`), a name with its region or variety after it (`Spanish (Mexico)`,
    /// `Chinese, Mandarin`); and names joined by ";" when they all name one language
    /// (`Castilian;Spanish`).
    public static func code(for text: String) -> String? {
        let folded = fold(text)
        return tableCode(for: folded).map { $0 == ChineseScript.language ? ChineseScript.tag(for: folded) : $0 }
    }

    /// The table's code for a folded value, by the rules of `code(for:)`.
    private static func tableCode(for folded: String) -> String? {
        if let code = table.codes[folded] { return code }
        // After a code, a tag's subtags are 2 to 4 letters or digits (`MX`, `Hant`, `419`): "Non-English"
        // is no tag of Old Norse ("non"); after a name, anything ("Chinese-Cantonese").
        let subtags = folded.split(whereSeparator: { $0 == "-" || $0 == "_" })
        if subtags.count > 1,
           subtags[0].count > 3 || subtags.dropFirst().allSatisfy({ (2...4).contains($0.count) && $0.allSatisfy { $0.isLetter || $0.isNumber } }),
           let code = table.codes[fold(String(subtags[0]))] {
            return code
        }
        if let end = folded.firstIndex(where: { "(,".contains($0) }), let code = table.codes[fold(String(folded[..<end]))] {
            return code
        }
        let parts = folded.split(separator: ";").map { table.codes[fold(String($0))] }
        guard parts.count > 1, let first = parts[0], parts.allSatisfy({ $0 == first }) else { return nil }
        return first
    }

    /// The English name of a code the table knows ("vi" → "Vietnamese"); nil for any other value.
    public static func englishName(of code: String) -> String? {
        ChineseScript.englishName(of: code) ?? table.englishNames[code]
    }

    /// Whether `text` could be a language's name: letters, accents, spaces and the punctuation
    /// names are written with (`N/A`, `Mi'kmaq`, `Greek (Modern)`), no digits or other signs. Only
    /// such a value is quoted in a message: one with digits may well be another column's data.
    public static func isNameLike(_ text: String) -> Bool {
        !text.isEmpty && text.allSatisfy { $0.isLetter || $0 == " " || "-'’(),;./".contains($0) }
    }

    /// Lowercase, without accents, with one space between words: how spellings are compared.
    static func fold(_ text: String) -> String {
        foldLetters(text).split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Lowercase, without accents: `fold` for a text already spaced one space between words (the
    /// table's spellings: its generator spaces them so, and they are read twice as fast).
    static func foldLetters(_ text: String) -> String {
        // ASCII has no accents to fold: lowercasing is the same, and ten times faster on Linux.
        text.utf8.allSatisfy { $0 < 0x80 } ? text.lowercased() : text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }

    private static var table: LanguageTable { LanguageTable.bundled }
}
