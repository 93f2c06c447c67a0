import Testing
@testable import HandoutCore

@Suite("Readability")
struct ReadabilityTests {
    // MARK: Syllables

    /// Expected counts from the CMU Pronouncing Dictionary.
    @Test(arguments: [
        ("cat", 1), ("the", 1), ("table", 2), ("make", 1), ("makes", 1), ("places", 2),
        ("changes", 2), ("used", 1), ("wanted", 2), ("called", 1), ("enabled", 3),
        ("motion", 2), ("fusion", 2), ("surgery", 3), ("spinal", 2), ("vertebrae", 3),
        ("osteoporosis", 6), ("degenerative", 5), ("arthritis", 3), ("scoliosis", 4),
        ("stabilization", 5), ("decompression", 4), ("artificial", 4), ("physician", 3),
        ("people", 2), ("every", 2), ("everyone", 3), ("sometimes", 2), ("lifestyle", 2),
        ("radio", 3), ("video", 3), ("quiet", 2), ("going", 2), ("trying", 2),
        ("safely", 2), ("movement", 2), ("careful", 2), ("eyes", 1), ("displayed", 2),
        ("unique", 2), ("quote", 1), ("actual", 3), ("language", 2), ("surgeon", 2),
        ("patient", 2), ("client", 2), ("easier", 3), ("typically", 3), ("you're", 1),
        ("didn't", 2), ("don't", 1), ("doesn't", 2), ("beyond", 2), ("player", 2),
    ])
    func syllablesOfWords(word: String, expected: Int) {
        #expect(Readability.syllables(in: word) == expected, "\(word)")
    }

    @Test func syllablesOfNumbersAbbreviationsAndCompounds() {
        #expect(Readability.syllables(in: "1") == 1)
        #expect(Readability.syllables(in: "911") == 3)
        #expect(Readability.syllables(in: "2026") == 4)
        #expect(Readability.syllables(in: "MRI") == 3)
        #expect(Readability.syllables(in: "CDC") == 3)
        #expect(Readability.syllables(in: "e.g.") == 2)
        #expect(Readability.syllables(in: "motion-preserving") == 5)
        #expect(Readability.syllables(in: "https://medlineplus.gov/ency/article/002968.htm") == 3)
        #expect(Readability.syllables(in: "Spine") == Readability.syllables(in: "spine"))
        #expect(Readability.syllables(in: "---") == 0)
    }

    // MARK: Words and sentences

    @Test func wordsStripPunctuationAndKeepHyphenatedWordsWhole() {
        #expect(Readability.words(in: "vertebrae (the bones of your spine).") ==
            ["vertebrae", "the", "bones", "of", "your", "spine"])
        #expect(Readability.words(in: "motion-preserving surgery") == ["motion-preserving", "surgery"])
        #expect(Readability.words(in: "fusion\u{2014}or not / maybe") == ["fusion", "or", "not", "maybe"])
        #expect(Readability.words(in: "Ask your doctor, e.g. about risks.") == ["Ask", "your", "doctor", "e.g.", "about", "risks"])
        #expect(Readability.words(in: " - \u{2022} ").isEmpty)
    }

    @Test func sentencesSplitOnTerminatorsAndLines() {
        #expect(Readability.sentences(in: "Rest today. Walk tomorrow! Any pain? Call us.").count == 4)
        #expect(Readability.sentences(in: "Bring these: your pills and your questions.").count == 2)
        // Each list line is a sentence, even without a period.
        #expect(Readability.sentences(in: "Your exact spine problem\nHow active you are\nYour overall health").count == 3)
    }

    @Test func sentencesDoNotSplitAbbreviationsNumbersOrAddresses() {
        #expect(Readability.sentences(in: "Dr. Lee will see you. Bring your list.").count == 2)
        #expect(Readability.sentences(in: "Ask about shots, e.g. steroid shots, at your visit.").count == 1)
        #expect(Readability.sentences(in: "Version 1.0 is new. See medlineplus.gov for more.").count == 2)
        #expect(Readability.sentences(in: "We met at 10:30 today.").count == 1)
        #expect(Readability.sentences(in: "1. Call us.\n2. Bring this sheet.").count == 2)
        #expect(Readability.sentences(in: "...").isEmpty)
    }

    // MARK: Scores

    @Test func simpleSentenceHasNegativeGrade() {
        let s = Readability.score("The cat sat on the mat.")
        #expect(s == ReadabilityScore(sentences: 1, words: 6, syllables: 6, longestSentenceWords: 6))
        #expect(abs(s.fleschKincaidGrade - -1.45) < 0.01)
        #expect(s.fleschReadingEase > 110)
    }

    @Test func emptyTextScoresZero() {
        #expect(Readability.score("") == .empty)
        #expect(Readability.score("  \n - \n").fleschKincaidGrade == 0)
    }

    /// Reference grades from textstat 0.7.13 (CMU dictionary syllables); we agree within 1 grade.
    @Test(arguments: [
        ("Back or neck pain that lasts a long time can make daily life hard. Most people try other care first. This may be physical therapy, medicine, or shots in the back (injections). When these stop helping, your doctor may bring up surgery.", 4.52),
        ("Take one pill each morning with a full glass of water. Do not take it with milk. If you miss a dose, take it when you remember. Call us if you feel sick to your stomach.", 1.36),
        ("Your doctor will look at pictures of your spine. You will also have a short exam. Bring a list of the medicines you take. Ask any questions you have.", 2.29),
        ("The committee considered several alternative proposals before reaching a decision. Each proposal was evaluated according to its anticipated costs, its feasibility, and its likely impact on the community.", 16.42),
        ("The pathophysiological mechanisms underlying intervertebral disc degeneration remain incompletely characterized, notwithstanding considerable investigational attention to inflammatory mediators and biomechanical determinants.", 35.87),
    ])
    func agreesWithTextstat(text: String, reference: Double) {
        let grade = Readability.score(text).fleschKincaidGrade
        #expect(abs(grade - reference) <= 1.0, "grade \(grade), textstat \(reference)")
    }

    @Test func plainTextScoresBelowGradeSevenAndJargonAbove() {
        let plain = "In spinal fusion, a surgeon joins two or more bones of your spine. Over time, they heal into one solid bone. Then they can no longer move at that spot."
        let jargon = "Spinal arthrodesis permanently immobilizes contiguous vertebral segments, thereby eliminating pathological intersegmental motion attributable to degenerative instability."
        #expect(Readability.score(plain).fleschKincaidGrade <= 7)
        #expect(Readability.score(jargon).fleschKincaidGrade >= 16)
        #expect(Readability.score(plain).fleschReadingEase > Readability.score(jargon).fleschReadingEase)
    }

    @Test func itemScoresAddUp() {
        let items = ["Stops motion at the spot that hurts", "Can make your spine more steady.", "Has been studied a lot and is done often"]
        let total = Readability.score(items: items)
        let sum = items.map(Readability.score).reduce(ReadabilityScore.empty, +)
        #expect(total == sum)
        #expect(total.sentences == 3)
        #expect(total.words == 22)
        #expect(total.longestSentenceWords == 9)
    }
}
