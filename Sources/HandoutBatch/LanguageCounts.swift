/// Who will get which language: the rows a run can make, counted by the language of their
/// handout, and those made in another language than their own by the language they asked for.
/// `batch --check` prints it; the batch page can show it.
public struct LanguageCounts: Sendable {
    /// Rows made in the language they asked for (or the run's: asking none, or with `--lang`), by its code.
    public private(set) var made: [String: Int] = [:]
    /// Rows made in another language than the one asked for, by both.
    public private(set) var fellBack: [HandoutLanguage: Int] = [:]

    public init() {}

    mutating func note(_ language: HandoutLanguage) {
        if language.insteadOf == nil {
            made[language.made, default: 0] += 1
        } else {
            fellBack[language, default: 0] += 1
        }
    }

    /// "languages: 412 English, 391 Spanish", then a line for each language some rows will not
    /// get: "120 Vietnamese will get English: no handout in Vietnamese". Most rows first; none
    /// when no row can be made.
    public var lines: [String] {
        let madeLine = made.map { (count: $0.value, words: "\($0.value) \(HandoutLanguage.named($0.key))") }
        let fellBackLines = fellBack.compactMap { language, count in
            language.insteadOf.map { asked in
                (count: count, words: "\(count) \(HandoutLanguage.named(asked)) will get \(HandoutLanguage.named(language.made)): " + language.why)
            }
        }
        guard !madeLine.isEmpty || !fellBackLines.isEmpty else { return [] }
        let mostFirst = { (lines: [(count: Int, words: String)]) in lines.sorted { ($0.count, $1.words) > ($1.count, $0.words) }.map(\.words) }
        let summary = madeLine.isEmpty ? "languages: no row gets the language it asks for" : "languages: " + mostFirst(madeLine).joined(separator: ", ")
        return [summary] + mostFirst(fellBackLines)
    }
}
