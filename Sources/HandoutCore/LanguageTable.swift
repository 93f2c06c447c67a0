import Foundation

/// The language names of ISO 639-2 and CLDR, in English and in each language itself, with the
/// code a handout's content is named by: `Resources/Languages/names.tsv`, made by
/// `scripts/make_language_names.py` (its header names the sources' versions). Read once, on the
/// first lookup.
struct LanguageTable: Sendable {
    /// Every folded spelling, codes included → its code.
    let codes: [String: String]
    /// Code → English name ("vi" → "Vietnamese").
    let englishNames: [String: String]

    static let bundled: LanguageTable = {
        guard let url = Bundle.module.url(forResource: "names", withExtension: "tsv", subdirectory: "Resources/Languages"),
              let text = try? String(contentsOf: url, encoding: .utf8) else {
            preconditionFailure("Resources/Languages/names.tsv is missing from the HandoutCore bundle: the installation is incomplete")
        }
        return LanguageTable(tsv: text)
    }()

    /// Lines of `code, English name, spelling...`, tab-separated; `#` lines are comments. A
    /// spelling two lines give keeps the first line's code (the generator leaves none such; two
    /// spellings it tells apart might still fold alike here).
    init(tsv: String) {
        var codes: [String: String] = [:]
        var englishNames: [String: String] = [:]
        for line in tsv.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t").map(String.init)
            guard fields.count >= 2 else { continue }
            let code = fields[0]
            englishNames[code] = fields[1]
            for spelling in fields {
                let key = LanguageCode.foldLetters(spelling)
                if codes[key] == nil { codes[key] = code }
            }
        }
        self.codes = codes
        self.englishNames = englishNames
    }
}
