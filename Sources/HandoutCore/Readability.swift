import Foundation

/// Counts behind a readability grade, plus the grades computed from them.
///
/// Scores add up: the score of a whole document is the sum (`+`) of the
/// scores of its paragraphs and list items.
public struct ReadabilityScore: Sendable, Equatable {
    public let sentences: Int
    public let words: Int
    public let syllables: Int
    /// Word count of the longest sentence.
    public let longestSentenceWords: Int

    public init(sentences: Int, words: Int, syllables: Int, longestSentenceWords: Int) {
        self.sentences = sentences
        self.words = words
        self.syllables = syllables
        self.longestSentenceWords = longestSentenceWords
    }

    public static let empty = ReadabilityScore(sentences: 0, words: 0, syllables: 0, longestSentenceWords: 0)

    public var wordsPerSentence: Double {
        sentences > 0 ? Double(words) / Double(sentences) : 0
    }

    public var syllablesPerWord: Double {
        words > 0 ? Double(syllables) / Double(words) : 0
    }

    /// Flesch-Kincaid grade level: 0.39 × words/sentence + 11.8 × syllables/word − 15.59.
    /// 0 for a text without words.
    public var fleschKincaidGrade: Double {
        guard words > 0, sentences > 0 else { return 0 }
        return 0.39 * wordsPerSentence + 11.8 * syllablesPerWord - 15.59
    }

    /// Flesch reading ease: 206.835 − 1.015 × words/sentence − 84.6 × syllables/word.
    /// Higher is easier; 0 for a text without words.
    public var fleschReadingEase: Double {
        guard words > 0, sentences > 0 else { return 0 }
        return 206.835 - 1.015 * wordsPerSentence - 84.6 * syllablesPerWord
    }

    public static func + (lhs: ReadabilityScore, rhs: ReadabilityScore) -> ReadabilityScore {
        ReadabilityScore(
            sentences: lhs.sentences + rhs.sentences,
            words: lhs.words + rhs.words,
            syllables: lhs.syllables + rhs.syllables,
            longestSentenceWords: max(lhs.longestSentenceWords, rhs.longestSentenceWords)
        )
    }
}

/// English readability scoring (Flesch-Kincaid) with a rule-based syllable counter.
///
/// Conventions:
/// - A sentence ends at `.`, `!`, `?` or `:` followed by a space or the end of the
///   text, at `。`, `！`, `？`, `：`, `；` and `؟` whatever follows, and at every line break: each line (a list item, a heading) counts as at
///   least one sentence even without a final period. Periods inside abbreviations
///   (`e.g.`, `Dr.`, `U.S.`), numbers (`1.0`) and addresses (`example.org`) do not
///   end a sentence, nor does a list number such as `1.` at the start of a line.
/// - A word is a run of characters between spaces, slashes or dashes (— –) that holds
///   at least one letter or digit. A hyphenated word (`motion-preserving`) is one word
///   whose syllables are the sum of its parts.
/// - Syllables: vowel groups, with rules for silent final e, -le, -ed, -es, vowel
///   pairs that are two syllables (`ia`, `io`, `eo`, `ua`…), compounds (`someone`) and
///   a small table of exceptions. Numbers count one syllable per digit (1 to 4),
///   initialisms in capitals (`MRI`) one per letter, web and email addresses 3.
///
/// Against textstat 0.7.13 with CMU-dictionary syllables the grade agrees within one
/// grade on plain-language paragraphs (mean difference 0.15 on the spinal-fusion
/// handout); see ReadabilityTests. textstat ignores sentences of one or two words and
/// so grades texts with very short sentences ("Scoliosis. This means…") a little
/// higher than this scorer does.
public enum Readability {
    /// Scores a text; line breaks end sentences.
    public static func score(_ text: String) -> ReadabilityScore {
        var total = ReadabilityScore.empty
        for sentence in sentences(in: text) {
            let ws = words(in: sentence)
            guard !ws.isEmpty else { continue }
            let syl = ws.reduce(0) { $0 + syllables(in: $1) }
            total = total + ReadabilityScore(sentences: 1, words: ws.count, syllables: syl, longestSentenceWords: ws.count)
        }
        return total
    }

    /// Scores several texts (paragraphs, list items) as one document; each item
    /// counts as at least one sentence.
    public static func score<S: Sequence>(items: S) -> ReadabilityScore where S.Element == String {
        items.reduce(ReadabilityScore.empty) { $0 + score($1) }
    }

    // MARK: - Sentences

    /// The sentences of a text, trimmed; pieces without any word are dropped.
    public static func sentences(in text: String) -> [String] {
        var result: [String] = []
        for line in normalized(text).split(whereSeparator: { $0.isNewline }) {
            let chars = Array(line)
            var current = ""
            var i = 0
            func flush() {
                let s = current.trimmingCharacters(in: .whitespaces)
                if !words(in: s).isEmpty { result.append(s) }
                current = ""
            }
            while i < chars.count {
                let c = chars[i]
                current.append(c)
                if closingTerminators.contains(c) {
                    while i + 1 < chars.count, trailingClosers.contains(chars[i + 1]) || closingTerminators.contains(chars[i + 1]) {
                        i += 1
                        current.append(chars[i])
                    }
                    flush()
                } else if sentenceTerminators.contains(c) {
                    while i + 1 < chars.count, trailingClosers.contains(chars[i + 1]) {
                        i += 1
                        current.append(chars[i])
                    }
                    let next = nextNonSpace(chars, after: i)
                    let atBoundary = i + 1 >= chars.count || chars[i + 1].isWhitespace
                    if atBoundary && !(c == "." && periodIsNotAnEnd(current, next: next)) {
                        flush()
                    }
                }
                i += 1
            }
            flush()
        }
        return result
    }

    private static let sentenceTerminators: Set<Character> = [".", "!", "?", ":"]
    /// Ends of sentences in scripts written without spaces after them (Chinese and Japanese full
    /// stops, full-width marks), and the Arabic question mark: a sentence ends there whatever follows.
    private static let closingTerminators: Set<Character> = ["。", "！", "？", "：", "؟", "；"]
    private static let trailingClosers: Set<Character> = [".", "!", "?", "\"", "'", ")", "]", "\u{201D}", "\u{2019}"]

    /// Abbreviations that never end a sentence.
    private static let inlineAbbreviations: Set<String> = [
        "e.g.", "i.e.", "vs.", "v.", "dr.", "mr.", "mrs.", "ms.", "st.", "no.", "nos.",
        "approx.", "jr.", "sr.", "prof.", "dept.", "fig.", "cf.", "ca.", "mt.",
    ]
    /// Abbreviations that end a sentence when a capital letter follows.
    private static let finalAbbreviations: Set<String> = ["etc.", "a.m.", "p.m.", "u.s.", "inc.", "ltd.", "co."]

    private static func nextNonSpace(_ chars: [Character], after index: Int) -> Character? {
        var j = index + 1
        while j < chars.count, chars[j].isWhitespace { j += 1 }
        return j < chars.count ? chars[j] : nil
    }

    /// True when the period that ends `current` belongs to an abbreviation or list number.
    private static func periodIsNotAnEnd(_ current: String, next: Character?) -> Bool {
        let trimmed = current.trimmingCharacters(in: .whitespaces)
        guard let lastToken = trimmed.split(whereSeparator: { $0.isWhitespace }).last else { return false }
        let token = String(lastToken).lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "\"'()[]\u{201C}\u{201D}\u{2018}\u{2019}"))
        let nextIsCapital = next.map { $0.isUppercase } ?? true
        // "1." or "12." alone at the start of a line is a list number.
        if trimmed == String(lastToken), token.dropLast().allSatisfy(\.isNumber), token.count > 1 { return true }
        if inlineAbbreviations.contains(token) { return next != nil }
        if finalAbbreviations.contains(token) { return !nextIsCapital }
        // Initials: "J." or "U.K." followed by more text.
        if isDottedInitialism(token) && next != nil {
            return token.count == 2 ? nextIsCapital : !nextIsCapital
        }
        return false
    }

    private static func isDottedInitialism(_ token: String) -> Bool {
        let chars = Array(token)
        guard chars.count >= 2, chars.count % 2 == 0 else { return false }
        for (k, c) in chars.enumerated() {
            if k % 2 == 0 { if !c.isLetter { return false } } else if c != "." { return false }
        }
        return true
    }

    // MARK: - Words

    /// The words of a text, with surrounding punctuation removed.
    public static func words(in text: String) -> [String] {
        let separators: Set<Character> = ["/", "\u{2014}", "\u{2013}", "\u{2026}", "|"]
        var result: [String] = []
        for raw in normalized(text).split(whereSeparator: { $0.isWhitespace || separators.contains($0) }) {
            var token = Substring(raw)
            while let f = token.first, !(f.isLetter || f.isNumber) { token = token.dropFirst() }
            // Keep the final period of an abbreviation such as "e.g." or "U.S.".
            while let l = token.last, !(l.isLetter || l.isNumber) {
                if l == ".", isDottedInitialism(String(token).lowercased()) { break }
                token = token.dropLast()
            }
            if !token.isEmpty { result.append(String(token)) }
        }
        return result
    }

    private static func normalized(_ text: String) -> String {
        var s = text
        for (from, to) in [("\u{2019}", "'"), ("\u{2018}", "'"), ("\u{00A0}", " "), ("\u{2011}", "-"), ("\u{00AD}", "")] {
            s = s.replacingOccurrences(of: from, with: to)
        }
        return s
    }

    // MARK: - Syllables

    /// Estimated syllables in one word (as returned by `words(in:)`); at least 1.
    public static func syllables(in word: String) -> Int {
        let w = normalized(word)
        guard w.contains(where: { $0.isLetter || $0.isNumber }) else { return 0 }
        let lower = w.lowercased()
        if lower.contains("://") || lower.hasPrefix("www.") || lower.contains("@") { return 3 }
        if isDottedInitialism(lower) { return spelledOut(lower.filter(\.isLetter)) }
        let parts = w.split(whereSeparator: { $0 == "-" || $0 == "." || $0 == "_" }).map(String.init)
        if parts.count > 1 {
            return max(1, parts.reduce(0) { $0 + syllables(in: $1) })
        }
        if w.contains(where: \.isNumber) {
            return min(max(w.filter(\.isNumber).count, 1), 4)
        }
        let letters = w.filter(\.isLetter)
        if (2...4).contains(letters.count), letters.allSatisfy(\.isUppercase), w.allSatisfy({ $0.isLetter }) {
            return spelledOut(letters.lowercased())
        }
        return syllablesOfWord(lower)
    }

    private static func spelledOut(_ letters: String) -> Int {
        max(1, letters.reduce(0) { $0 + ($1 == "w" ? 3 : 1) })
    }

    /// Words the rules get wrong, checked against the CMU Pronouncing Dictionary.
    /// A plural ending in s is looked up by its singular too.
    private static let exceptions: [String: Int] = [
        "people": 2, "every": 2, "science": 2, "does": 1, "maybe": 2, "recipe": 3,
        "diabetes": 4, "naive": 2, "poem": 2, "evening": 2, "business": 2,
        "element": 3, "forever": 3, "whoever": 3, "however": 3, "whatever": 3,
        "wherever": 3, "whenever": 3, "thereof": 2, "being": 2, "via": 2,
        "area": 3, "idea": 3, "real": 1, "really": 2, "ideal": 2, "interest": 2,
        "interested": 3, "hundred": 2, "ninety": 2, "trial": 2, "dial": 2,
        "lion": 2, "scientist": 3, "chaos": 2, "anyone": 3, "everyone": 3,
        "someone": 2, "ache": 1, "headache": 2, "backache": 2, "union": 2,
        "onion": 2, "million": 2, "billion": 2, "opinion": 3, "behavior": 3,
        "junior": 2, "senior": 2, "simile": 3, "acne": 2, "adobe": 3, "karate": 3,
    ]

    /// Word starts whose first two vowels are two syllables: react, reuse, coordinate.
    private static let hiatusPrefixes = [
        "react", "reass", "reapp", "reaff", "reacq", "reus", "reun", "reimb", "reinf",
        "reins", "reint", "reinv", "reent", "reeval", "reexam", "reemp", "preex",
        "coop", "coord", "coex", "coerc", "deact", "creat",
    ]

    /// Second halves of compounds whose first half may end in a silent e
    /// (sometimes, lifestyle, homework, timeout, healthcare).
    private static let compoundTails = [
        "where", "times", "time", "things", "thing", "body", "days", "day", "ways", "way",
        "fore", "styles", "style", "work", "lines", "line", "one", "out", "outs", "name",
        "names", "wise", "over", "by", "mark", "marks", "zone", "some", "care",
    ].sorted { $0.count > $1.count }

    private static let vowels: Set<Character> = ["a", "e", "i", "o", "u", "y"]

    private static func syllablesOfWord(_ word: String) -> Int {
        let base = word.folding(options: .diacriticInsensitive, locale: nil)
        // "didn't" = "did" + 1, "don't" = "do" + 0.
        if base.hasSuffix("n't"), base.count > 3 {
            let stem = String(base.dropLast(3))
            let extra = (stem.last.map { $0 == "a" || $0 == "o" } ?? true) ? 0 : 1
            return max(1, syllablesOfWord(stem)) + extra
        }
        let w = String(base.filter { $0.isASCII && $0.isLetter })
        if w.isEmpty { return 1 }
        if let n = exceptions[w] { return n }
        if w.hasSuffix("s"), let n = exceptions[String(w.dropLast())] { return n }
        for tail in compoundTails where w.count > tail.count + 1 && w.hasSuffix(tail) {
            let head = String(w.dropLast(tail.count))
            guard head.contains(where: { vowels.contains($0) }) else { continue }
            if tail.hasPrefix("thing") && !["no", "some", "any", "every"].contains(head) { continue }
            return syllablesOfWord(head) + syllablesOfWord(tail)
        }
        var count = ruleCount(Array(w))
        if hiatusPrefixes.contains(where: { w.hasPrefix($0) }) && !w.hasPrefix("creatur") { count += 1 }
        return max(1, count)
    }

    private static func isVowel(_ chars: [Character], _ i: Int) -> Bool {
        let c = chars[i]
        guard vowels.contains(c) else { return false }
        // u in qu is a consonant sound (quote, unique, sequence).
        if c == "u" { return !(i > 0 && chars[i - 1] == "q") }
        if c != "y" { return true }
        // y is a consonant at the start of a word ("yes") and between a vowel and
        // another vowel ("beyond", "player"); otherwise a vowel ("type", "dying", "embryo").
        if i == 0 { return false }
        if i + 1 < chars.count, "aeou".contains(chars[i + 1]) {
            return !"aeiou".contains(chars[i - 1])
        }
        return true
    }

    private static func ruleCount(_ c: [Character]) -> Int {
        let n = c.count
        let vowelAt = (0..<n).map { isVowel(c, $0) }
        var count = 0
        var i = 0
        while i < n {
            guard vowelAt[i] else { i += 1; continue }
            let start = i
            while i < n, vowelAt[i] { i += 1 }
            count += 1 + splitsInside(c, start: start, end: i)
        }
        let s = String(c)
        /// The k-th letter from the end (1 = last), if any.
        func letter(fromEnd k: Int) -> Character? { n - k >= 0 ? c[n - k] : nil }
        func consonant(fromEnd k: Int) -> Bool { n - k >= 0 && !vowelAt[n - k] }
        /// -le, -re after another consonant: table, acre, tables, enabled, hundred.
        func liquidAfterConsonant(fromEnd k: Int) -> Bool {
            guard let l = letter(fromEnd: k), "lr".contains(l) else { return false }
            return consonant(fromEnd: k + 1) && letter(fromEnd: k + 1) != l
        }

        if count > 1 {
            if s.hasSuffix("e"), consonant(fromEnd: 2) {
                // Silent final e.
                if !liquidAfterConsonant(fromEnd: 2) { count -= 1 }
            } else if s.hasSuffix("es"), n > 3, consonant(fromEnd: 3) {
                // makes, types, eyes; not places, changes, boxes, wishes, tables.
                let before = c[n - 3]
                let hissing = "sxzcg".contains(before) || (before == "h" && "cs".contains(letter(fromEnd: 4) ?? "x"))
                if !hissing && !liquidAfterConsonant(fromEnd: 3) { count -= 1 }
            } else if s.hasSuffix("ed"), n > 3, consonant(fromEnd: 3) {
                // used, asked, stayed; not wanted, needed, enabled.
                if !"td".contains(c[n - 3]) && !liquidAfterConsonant(fromEnd: 3) { count -= 1 }
            }
            // Silent e before a suffix: safely, movement, careful, homeless, safety,
            // announcement, endorsement.
            for suffix in ["ly", "ment", "ments", "ful", "less", "ness", "ty"] where s.hasSuffix("e" + suffix) {
                let e = n - suffix.count - 1
                if e >= 2, !vowelAt[e - 1], vowelAt[e - 2] || "cgs".contains(c[e - 1]) && "rnaeiou".contains(c[e - 2]) || "cg".contains(c[e - 1]) {
                    count -= 1
                }
                break
            }
            if s.hasSuffix("ically") { count -= 1 }  // typically = typ-ic-ly
        }
        if s.hasSuffix("sm") || s.hasSuffix("thm") || s.hasSuffix("thms") { count += 1 }  // spasm, rhythm
        // -ire is two syllables in American English: fire, require, tired, entirely.
        if ["ire", "ired", "ires", "irely"].contains(where: { s.hasSuffix($0) }), n > 3, consonant(fromEnd: s.hasSuffix("ire") ? 4 : (s.hasSuffix("irely") ? 6 : 5)) {
            count += 1
        }
        return count
    }

    /// Extra syllables inside one vowel group (c[start..<end]): vowel pairs that are
    /// said as two syllables.
    private static func splitsInside(_ c: [Character], start: Int, end: Int) -> Int {
        guard end - start >= 2 else { return 0 }
        let after: Character? = end < c.count ? c[end] : nil
        let rest = String(c[end...])
        let vowelBefore = c[..<start].contains(where: { vowels.contains($0) })
        var extra = 0
        for k in start..<(end - 1) {
            let prev: Character? = k > 0 ? c[k - 1] : nil
            let next: Character? = k + 2 < c.count ? c[k + 2] : nil
            let atGroupEnd = k + 2 == end
            func prevIn(_ set: String) -> Bool { prev.map { set.contains($0) } ?? false }
            switch String([c[k], c[k + 1]]) {
            case "ia":
                // media, diagnosis, initiate; not -cial, -tial, -sia, -gia.
                if prevIn("ctsg") && next != "t" { break }
                extra += 1
            case "io":
                // radio, period; not -tion, -sion, -cious, region.
                if !prevIn("tscxgh") || rest.isEmpty { extra += 1 }  // ratio
            case "iu", "uo":
                extra += 1  // medium, continuous
            case "eo":
                // video, osteo-, geography; not surgeon, gorgeous.
                if !(prev == "g" && k >= 2) { extra += 1 }
            case "ua":
                if !prevIn("qg") { extra += 1 }  // actual; not quality, language
            case "ue":
                // fuel, fluent, influence; not blue, guest, sequence.
                if !prevIn("qg"), atGroupEnd, let a = after, "nlt".contains(a) { extra += 1 }
            case "ui":
                // fluid, genuine; not build, guide, quit.
                if !prevIn("qgb"), atGroupEnd, let a = after, "dn".contains(a), !rest.hasPrefix("ng") { extra += 1 }
            case "ea":
                if atGroupEnd && after == nil { extra += 1 }  // apnea, nausea
            case "ie":
                guard atGroupEnd else { break }
                if after == "t" {
                    extra += 1  // quiet, anxiety
                } else if rest.hasPrefix("nc") || rest.hasPrefix("nt"), !prevIn("ctsx") {
                    extra += 1  // client, experience, convenient; not patient, ancient
                } else if vowelBefore, ["r", "rs", "st"].contains(rest) {
                    extra += 1  // easier, earliest; not tier, priest
                }
            case "ya", "ye", "yo", "yu":
                // embryo, flyer (y here follows a consonant); not dye, dyes.
                if !(c[k + 1] == "e" && atGroupEnd && ["", "s", "d"].contains(rest)) { extra += 1 }
            default:
                break
            }
            // -ing after a vowel: going, being, trying, seeing.
            if atGroupEnd, c[k + 1] == "i", rest.hasPrefix("ng") { extra += 1 }
        }
        return extra
    }
}
