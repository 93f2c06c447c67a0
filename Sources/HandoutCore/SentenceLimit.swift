/// How long a sentence of a patient handout may be, by language, and what it is counted in.
///
/// Words for languages written with spaces between words; characters for Chinese and Japanese,
/// which have none (a Chinese "word" found by spaces would be a whole sentence). The limits follow
/// each language's plain-language habits: about 20 English words carry what Spanish, French,
/// Portuguese or Haitian Creole say in about 25 and Tagalog in about 28 (articles, particles and
/// longer verb phrases); Vietnamese writes each syllable apart, so a sentence has nearly twice the
/// "words"; Russian and Korean join endings to words and use fewer; plain Chinese keeps a sentence
/// within about 40 characters, plain Japanese within about 50 (kana take more characters than Han).
public struct SentenceLimit: Sendable, Hashable {
    public enum Unit: String, Sendable {
        case words, characters
    }

    public var maximum: Int
    public var unit: Unit

    public init(maximum: Int, unit: Unit) {
        self.maximum = maximum
        self.unit = unit
    }

    /// The limit for a content language ("zh-Hant" as "zh"); 20 words for one not listed.
    public static func of(_ language: String) -> SentenceLimit {
        let base = language.split(separator: "-").first.map(String.init) ?? language
        switch base {
        case "zh": return SentenceLimit(maximum: 40, unit: .characters)
        case "ja": return SentenceLimit(maximum: 50, unit: .characters)
        case "es", "fr", "pt", "it", "ht": return SentenceLimit(maximum: 25, unit: .words)
        case "tl": return SentenceLimit(maximum: 28, unit: .words)
        case "vi": return SentenceLimit(maximum: 35, unit: .words)
        case "ru", "uk", "ko": return SentenceLimit(maximum: 18, unit: .words)
        default: return SentenceLimit(maximum: 20, unit: .words)
        }
    }

    /// The length of `sentence` in this limit's unit: its words, or its letters and digits.
    public func length(of sentence: String) -> Int {
        switch unit {
        case .words: Readability.words(in: sentence).count
        case .characters: sentence.filter { $0.isLetter || $0.isNumber }.count
        }
    }

    /// The length of the longest sentence of `text`.
    public func longest(in text: String) -> Int {
        Readability.sentences(in: text).map(length(of:)).max() ?? 0
    }
}
