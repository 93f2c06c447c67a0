import Foundation

/// A language as EHRs write it (`Spanish`, `SPA`, `spa`, `es-MX`, `Español`, `ENG`...) turned into
/// the ISO 639-1 code the handout content and mail templates are named by ("es").
public enum LanguageCode {
    /// ISO 639-1 code → ISO 639-2/B, 639-2/T or 639-3 codes, English and native names (lowercase,
    /// without accents), for the languages most asked for in US and European clinics.
    static let names: [String: [String]] = [
        "en": ["eng", "english"],
        "es": ["spa", "spanish", "espanol", "castellano", "castilian"],
        "zh": ["chi", "zho", "cmn", "yue", "chinese", "mandarin", "cantonese", "zhongwen", "putonghua"],
        "vi": ["vie", "vietnamese", "tieng viet"],
        "tl": ["tgl", "fil", "tagalog", "filipino"],
        "ar": ["ara", "arb", "arabic", "al-arabiyyah"],
        "fr": ["fre", "fra", "french", "francais"],
        "ht": ["hat", "haitian", "haitian creole", "kreyol", "kreyol ayisyen"],
        "ko": ["kor", "korean", "hangugeo"],
        "ru": ["rus", "russian", "russkiy"],
        "pt": ["por", "portuguese", "portugues"],
        "de": ["ger", "deu", "german", "deutsch"],
        "it": ["ita", "italian", "italiano"],
        "pl": ["pol", "polish", "polski"],
        "hi": ["hin", "hindi"],
        "ur": ["urd", "urdu"],
        "bn": ["ben", "bengali", "bangla"],
        "pa": ["pan", "punjabi", "panjabi"],
        "gu": ["guj", "gujarati"],
        "fa": ["per", "fas", "pes", "persian", "farsi"],
        "ja": ["jpn", "japanese", "nihongo"],
        "uk": ["ukr", "ukrainian"],
        "hy": ["arm", "hye", "armenian"],
        "so": ["som", "somali"],
        "am": ["amh", "amharic"],
        "ne": ["nep", "npi", "nepali"],
        "my": ["bur", "mya", "burmese"],
        "km": ["khm", "khmer", "cambodian"],
        "lo": ["lao"],
        "th": ["tha", "thai"],
        "he": ["heb", "hebrew", "ivrit"],
        "el": ["gre", "ell", "greek"],
        "tr": ["tur", "turkish", "turkce"],
        "sw": ["swa", "swh", "swahili", "kiswahili"],
        "nl": ["dut", "nld", "dutch", "nederlands"],
        "ro": ["rum", "ron", "romanian"],
    ]

    /// Every spelling above → its ISO 639-1 code.
    static let index: [String: String] = {
        var index: [String: String] = [:]
        for (code, spellings) in names {
            index[code] = code
            for spelling in spellings { index[spelling] = code }
        }
        return index
    }()

    /// The ISO 639-1 code for `text`, or nil when it names no language this table knows. A BCP 47
    /// tag counts by its primary subtag (`es-MX`, `zh-Hant-TW`); case and accents do not matter.
    public static func code(for text: String) -> String? {
        let folded = fold(text)
        if let code = index[folded] { return code }
        let primary = folded.split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map(String.init) ?? folded
        return index[primary]
    }

    /// Lowercase, without accents or surrounding spaces: how spellings are compared.
    static func fold(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).trimmingCharacters(in: .whitespaces)
    }
}
