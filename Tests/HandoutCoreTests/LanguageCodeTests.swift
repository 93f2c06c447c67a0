@testable import HandoutCore
import Testing

/// Languages as EHR exports write them: codes, ISO 639-2's names, CLDR's names in English and in
/// the language itself, in any case, and BCP 47 tags.
struct LanguageCodeTests {
    /// What the hand table before the generated one accepted: nothing of it may be lost.
    static let handTable: [String: [String]] = [
        "en": ["eng", "english"], "es": ["spa", "spanish", "espanol", "castellano", "castilian"],
        "zh-Hans": ["zh", "chi", "zho", "cmn", "chinese", "mandarin", "zhongwen", "putonghua"], "zh-Hant": ["yue", "cantonese"],
        "vi": ["vie", "vietnamese", "tieng viet"], "tl": ["tgl", "fil", "tagalog", "filipino"],
        "ar": ["ara", "arb", "arabic", "al-arabiyyah"], "fr": ["fre", "fra", "french", "francais"],
        "ht": ["hat", "haitian", "haitian creole", "kreyol", "kreyol ayisyen"], "ko": ["kor", "korean", "hangugeo"],
        "ru": ["rus", "russian", "russkiy"], "pt": ["por", "portuguese", "portugues"], "de": ["ger", "deu", "german", "deutsch"],
        "it": ["ita", "italian", "italiano"], "pl": ["pol", "polish", "polski"], "hi": ["hin", "hindi"], "ur": ["urd", "urdu"],
        "bn": ["ben", "bengali", "bangla"], "pa": ["pan", "punjabi", "panjabi"], "gu": ["guj", "gujarati"],
        "fa": ["per", "fas", "pes", "persian", "farsi"], "ja": ["jpn", "japanese", "nihongo"], "uk": ["ukr", "ukrainian"],
        "hy": ["arm", "hye", "armenian"], "so": ["som", "somali"], "am": ["amh", "amharic"], "ne": ["nep", "npi", "nepali"],
        "my": ["bur", "mya", "burmese"], "km": ["khm", "khmer", "cambodian"], "lo": ["lao"], "th": ["tha", "thai"],
        "he": ["heb", "hebrew", "ivrit"], "el": ["gre", "ell", "greek"], "tr": ["tur", "turkish", "turkce"],
        "sw": ["swa", "swh", "swahili", "kiswahili"], "nl": ["dut", "nld", "dutch", "nederlands"], "ro": ["rum", "ron", "romanian"],
    ]

    @Test func everySpellingTheHandTableKnewStillGivesItsCode() {
        for (code, spellings) in Self.handTable {
            #expect(LanguageCode.code(for: code) == code)
            for spelling in spellings { #expect(LanguageCode.code(for: spelling) == code, "\(spelling)") }
        }
    }

    @Test(arguments: [
        // ISO 639-2 names, whole and by each ";"-separated part.
        ("Spanish; Castilian", "es"), ("SPANISH; CASTILIAN", "es"), ("Castilian", "es"), ("Castilian;Spanish", "es"),
        ("Catalan; Valencian", "ca"), ("Valencian", "ca"), ("Panjabi; Punjabi", "pa"), ("Greek, Modern (1453-)", "el"),
        ("Romanian; Moldavian; Moldovan", "ro"), ("Moldovan", "ro"), ("Haitian; Haitian Creole", "ht"), ("Hmong; Mong", "hmn"),
        ("Pushto; Pashto", "ps"), ("Bokmål, Norwegian; Norwegian Bokmål", "nb"),
        // Languages with no 639-1 code keep their 639-2 code: common in US clinics.
        ("Hmong", "hmn"), ("Chuukese", "chk"), ("chk", "chk"), ("Marshallese", "mh"), ("mah", "mh"), ("hmn", "hmn"),
        // 639-2/B and 639-2/T codes, in any case.
        ("ger", "de"), ("DEU", "de"), ("tib", "bo"), ("bod", "bo"), ("cze", "cs"), ("CES", "cs"), ("chi", "zh-Hans"), ("ZHO", "zh-Hans"),
        ("dut", "nl"), ("nld", "nl"), ("wel", "cy"), ("cym", "cy"),
        // CLDR's names, in English and in the language itself.
        ("Español", "es"), ("ESPAÑOL", "es"), ("español", "es"), ("Tiếng Việt", "vi"), ("TIẾNG VIỆT", "vi"), ("tiếng việt", "vi"),
        ("Русский", "ru"), ("РУССКИЙ", "ru"), ("русский", "ru"), ("中文", "zh-Hans"), ("العربية", "ar"), ("한국어", "ko"), ("日本語", "ja"),
        ("Português", "pt"), ("Soomaali", "so"), ("አማርኛ", "am"), ("ខ្មែរ", "km"), ("Mexican Spanish", "es"),
        ("Brazilian Portuguese", "pt"), ("Traditional Chinese", "zh-Hant"), ("español de México", "es"), ("Dari", "fa"),
        // Tags by their primary subtag, a name with its region or variety after it.
        ("en-US", "en"), ("es-MX", "es"), ("es_419", "es"), ("zh-Hant-TW", "zh-Hant"), ("Spanish (Mexico)", "es"),
        ("Chinese, Mandarin", "zh-Hans"), ("Chinese-Cantonese", "zh-Hant"), ("  Spanish  ", "es"),
    ])
    func aLanguageAsEHRsWriteIt(written: String, code: String) {
        #expect(LanguageCode.code(for: written) == code)
    }

    /// Chinese by its script: a Chinese handout is written in Simplified or in Traditional characters.
    @Test(arguments: [
        ("zh", "zh-Hans"), ("zh-CN", "zh-Hans"), ("zh-SG", "zh-Hans"), ("zh_Hans", "zh-Hans"), ("Chinese", "zh-Hans"),
        ("Mandarin", "zh-Hans"), ("Chinese (Simplified)", "zh-Hans"), ("Simplified Chinese", "zh-Hans"), ("简体中文", "zh-Hans"),
        ("zh-TW", "zh-Hant"), ("zh-HK", "zh-Hant"), ("zh-MO", "zh-Hant"), ("zh-Hant", "zh-Hant"), ("Cantonese", "zh-Hant"),
        ("Chinese (Traditional)", "zh-Hant"), ("繁體中文", "zh-Hant"), ("粵語", "zh-Hant"), ("yue", "zh-Hant"),
        ("Tagalog", "tl"), ("Filipino", "tl"), ("fil", "tl"), ("Haitian Creole", "ht"), ("Creole", "ht"), ("ht", "ht"), ("Farsi", "fa"),
    ])
    func chineseByItsScript(written: String, code: String) {
        #expect(LanguageCode.code(for: written) == code)
    }

    @Test func eachChineseScriptHasItsEnglishName() {
        #expect(LanguageCode.englishName(of: "zh-Hans") == "Chinese (Simplified)")
        #expect(LanguageCode.englishName(of: "zh-Hant") == "Chinese (Traditional)")
    }

    /// Values that name no language, or no one language, have no code: their rows fall back.
    @Test(arguments: ["Elvish", "Other", "Unknown", "Undetermined", "und", "zxx", "mul", "qaa", "N/A", "x-private", "",
                      "Spanish; Elvish", "Spanish; French", "Declined to answer", "Non-English", "non_english", "Ga-Unknown"])
    func aValueNamingNoLanguageHasNoCode(_ written: String) {
        #expect(LanguageCode.code(for: written) == nil)
    }

    /// The table is read without spacing its spellings (`LanguageTable`): a spelling spaced
    /// otherwise could never be found. Every language has its English name, and every code of
    /// the table is itself a spelling of its language.
    @Test func theGeneratedTableIsReadAsWritten() {
        let table = LanguageTable.bundled
        #expect(table.codes.count > 2_000 && table.englishNames.count > 600)
        for (spelling, code) in table.codes {
            #expect(LanguageCode.fold(spelling) == spelling, "\(spelling)")
            #expect(table.englishNames[code] != nil, "\(code)")
        }
        for code in table.englishNames.keys { #expect(table.codes[code] == code, "\(code)") }
    }

    @Test func aCodeHasItsEnglishName() {
        #expect(LanguageCode.englishName(of: "vi") == "Vietnamese")
        #expect(LanguageCode.englishName(of: "es") == "Spanish")
        #expect(LanguageCode.englishName(of: "hmn") == "Hmong")
        #expect(LanguageCode.englishName(of: "mh") == "Marshallese")
        #expect(LanguageCode.englishName(of: "Elvish") == nil)
        #expect(LanguageCode.englishName(of: "spa") == nil, "names are by the table's code only")
    }

    @Test func onlyANameLikeValueCanBeQuoted() {
        for text in ["Elvish", "N/A", "Mi'kmaq", "Greek (Modern)", "Unknown; Declined", "Tiếng Việt", "中文"] {
            #expect(LanguageCode.isNameLike(text), "\(text)")
        }
        for text in ["1960-03-06", "ann@example.org", "(555) 555-0100", "<b>", "", "\"Elvish\""] {
            #expect(!LanguageCode.isNameLike(text), "\(text)")
        }
    }

    /// A clinic's own spellings come first, folded alike.
    @Test func aClinicsSpellingComesFirst() {
        let aliases = LanguageAliases(["Spanish (Mexico)": "es", "Sign": "en", "Tagalog": "fil"])
        #expect(aliases.code(for: "SPANISH (MEXICO)") == "es")
        #expect(aliases.code(for: "sign") == "en")
        #expect(aliases.code(for: "tagalog") == "fil")
        #expect(aliases.code(for: "Tiếng Việt") == "vi")
    }
}
