import CPangoCairo

/// The language Pango is told text is in, which decides the font fontconfig falls back to and so
/// the glyphs: Chinese, Japanese and Korean share code points whose forms differ by language, and
/// fontconfig knows Chinese by region (zh-cn picks Noto Sans CJK SC, zh-tw Noto Sans CJK TC), not
/// by the script tags the content is named by (zh-hans and zh-hant it does not know at all).
enum FontLanguage {
    /// The Pango language for a content language tag ("zh-Hant" → zh-tw, "es" → es).
    static func pango(_ tag: String) -> OpaquePointer? {
        pango_language_from_string(fontconfigTag(tag))
    }

    static func fontconfigTag(_ tag: String) -> String {
        switch tag.lowercased() {
        case "zh-hans": "zh-cn"
        case "zh-hant": "zh-tw"
        default: tag.lowercased()
        }
    }
}
