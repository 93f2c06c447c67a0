/// Checks that a comparison is plain enough for patients: every piece of running text at
/// or below a Flesch-Kincaid grade, and no sentence too long. The grade formula is for
/// English; other languages get the sentence-length check only.
public struct PlainLanguageCheck: Sendable {
    public var maximumGrade: Double = 7
    public var maximumSentenceWords = 20

    public init() {}

    public struct Finding: Sendable, Hashable {
        /// Where the text is: "summary 2", "section 'Heading' paragraph 3", "question 1".
        public let place: String
        public let text: String
        public let problem: String
    }

    public func findings(in content: Comparison) -> [Finding] {
        pieces(of: content).flatMap { place, text -> [Finding] in
            let score = Readability.score(text)
            var found: [Finding] = []
            if content.language == "en", score.fleschKincaidGrade > maximumGrade {
                found.append(Finding(place: place, text: text, problem: String(format: "reads at grade %.1f (at most %.0f)", score.fleschKincaidGrade, maximumGrade)))
            }
            if score.longestSentenceWords > maximumSentenceWords {
                found.append(Finding(place: place, text: text, problem: "has a sentence of \(score.longestSentenceWords) words (at most \(maximumSentenceWords))"))
            }
            return found
        }
    }

    /// The whole running text with where each piece is.
    public func pieces(of content: Comparison) -> [(place: String, text: String)] {
        var pieces = content.summary.enumerated().map { ("summary \($0.offset + 1)", $0.element) }
        for section in content.sections {
            for (index, block) in section.blocks.enumerated() {
                let place = "section '\(section.heading)' block \(index + 1)"
                switch block {
                case let .paragraph(text), let .callout(text): pieces.append((place, text))
                case let .bullets(items): pieces += items.map { (place, $0) }
                case let .twoLists(left, right): pieces += (left.items + right.items).map { (place, $0) }
                case let .options(options): pieces += options.map { (place, $0.text) }
                case .subheading, .table, .factors: break
                }
            }
        }
        if let visit = content.nextStep?.visit { pieces.append(("nextStep.visit", visit)) }
        if let bring = content.nextStep?.bring { pieces.append(("nextStep.bring", bring)) }
        pieces += content.questions.enumerated().map { ("question \($0.offset + 1)", $0.element) }
        pieces.append(("disclaimer", content.disclaimer))
        return pieces
    }

    /// The grade of all the running text together.
    public func overallGrade(of content: Comparison) -> Double {
        Readability.score(items: pieces(of: content).map(\.text)).fleschKincaidGrade
    }
}
