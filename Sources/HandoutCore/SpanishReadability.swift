/// Spanish readability: the Fernández-Huerta reading ease (Flesch's formula fitted to Spanish),
/// 206.84 − 0.60 × syllables per 100 words − 1.02 × sentences per 100 words. 70 to 80 reads as
/// "fairly easy", 80 to 90 "easy"; a patient handout aims at 70 or more.
///
/// Sentences and words as `Readability` finds them. Syllables: one per group of vowels, and one
/// more where two strong vowels meet (a, e, o, and í or ú with an accent: "le-er", "dí-a"), since
/// Spanish splits those and joins the rest ("ciu-dad", "bue-no"); a final "y" after a vowel
/// ("muy", "hoy") belongs to it; a word without a vowel (a number, an initialism) counts one.
public enum SpanishReadability {
    public static let easyEnough = 70.0

    /// The reading ease of several texts taken as one document (each at least one sentence).
    public static func ease<S: Sequence>(items: S) -> Double where S.Element == String {
        var sentences = 0, words = 0, syllables = 0
        for item in items {
            for sentence in Readability.sentences(in: item) {
                let found = Readability.words(in: sentence)
                guard !found.isEmpty else { continue }
                sentences += 1
                words += found.count
                syllables += found.reduce(0) { $0 + self.syllables(in: $1) }
            }
        }
        guard words > 0 else { return 0 }
        return 206.84 - 60 * Double(syllables) / Double(words) - 102 * Double(sentences) / Double(words)
    }

    /// How a score reads, by the usual bands of the scale.
    public static func band(_ ease: Double) -> String {
        switch ease {
        case 90...: "very easy"
        case 80..<90: "easy"
        case 70..<80: "fairly easy"
        case 60..<70: "normal"
        case 50..<60: "fairly hard"
        default: "hard"
        }
    }

    private static let strong: Set<Character> = ["a", "e", "o", "á", "é", "ó", "í", "ú"]
    private static let weak: Set<Character> = ["i", "u", "ü"]

    public static func syllables(in word: String) -> Int {
        let letters = Array(word.lowercased())
        var count = 0
        var previous: Character?
        for (index, letter) in letters.enumerated() {
            let isVowel = strong.contains(letter) || weak.contains(letter)
                || (letter == "y" && index == letters.count - 1 && previous.map { strong.contains($0) || weak.contains($0) } == true)
            defer { previous = isVowel ? letter : nil }
            guard isVowel else { continue }
            guard let before = previous else {
                count += 1
                continue
            }
            if strong.contains(before) && strong.contains(letter) { count += 1 }
        }
        return max(count, 1)
    }
}
