/// Chinese is written in two scripts, and a Chinese handout in one of them: Simplified
/// (`zh-Hans`: mainland China, Singapore) or Traditional (`zh-Hant`: Taiwan, Hong Kong, Macau, and
/// most Cantonese speakers in the US). The language table knows only "zh"; which script a value
/// means comes from its tag's script or region, or from the words it is written with.
enum ChineseScript {
    /// The table's code for every Chinese value.
    static let language = "zh"
    static let simplified = "zh-Hans"
    static let traditional = "zh-Hant"

    /// The tag for a folded value (`LanguageCode.fold`) the table reads as Chinese: Traditional
    /// for a `Hant` script or a TW, HK or MO region, for Cantonese and for names that say
    /// "traditional"; Simplified for every other ("zh", "zh-CN", "Mandarin", "Chinese").
    static func tag(for folded: String) -> String {
        let subtags = folded.split(whereSeparator: { $0 == "-" || $0 == "_" }).dropFirst().map(String.init)
        if subtags.contains(where: { ["hant", "tw", "hk", "mo"].contains($0) }) { return traditional }
        if subtags.contains(where: { ["hans", "cn", "sg"].contains($0) }) { return simplified }
        let traditionalWords = ["traditional", "cantonese", "yue", "繁", "粵", "粤", "廣東", "广东"]
        return traditionalWords.contains(where: { folded.contains($0) }) ? traditional : simplified
    }

    /// "Chinese (Simplified)", "Chinese (Traditional)"; nil for any other code.
    static func englishName(of code: String) -> String? {
        switch code {
        case simplified: "Chinese (Simplified)"
        case traditional: "Chinese (Traditional)"
        default: nil
        }
    }
}
