/// Checks that a comparison is plain enough for patients: no sentence longer than its language
/// allows (`SentenceLimit`: words, or characters for Chinese and Japanese); in English every piece
/// of running text at or below a Flesch-Kincaid grade, in Spanish the whole at or above a
/// Fernández-Huerta reading ease (`SpanishReadability`). Those two formulas are for their own
/// languages; the others get the sentence check only.
public struct PlainLanguageCheck: Sendable {
    public var maximumGrade: Double = 7
    /// Nil: the language's own (`SentenceLimit.of`).
    public var sentenceLimit: SentenceLimit?
    public var minimumSpanishEase = SpanishReadability.easyEnough

    public init() {}

    public struct Finding: Sendable, Hashable {
        /// Where the text is: "summary 2", "section 'Heading' paragraph 3", "question 1".
        public let place: String
        public let text: String
        public let problem: String
    }

    public func findings(in content: Comparison) -> [Finding] {
        let limit = sentenceLimit ?? .of(content.language)
        return pieces(of: content).flatMap { place, text -> [Finding] in
            var found: [Finding] = []
            let grade = Readability.score(text).fleschKincaidGrade
            if content.language == "en", grade > maximumGrade {
                found.append(Finding(place: place, text: text, problem: String(format: "reads at grade %.1f (at most %.0f)", grade, maximumGrade)))
            }
            let longest = limit.longest(in: text)
            if longest > limit.maximum {
                found.append(Finding(place: place, text: text, problem: "has a sentence of \(longest) \(limit.unit.rawValue) (at most \(limit.maximum))"))
            }
            return found
        }
    }

    /// What the whole text scores where the language has a formula: "grade 5.2" (English),
    /// "Fernández-Huerta 78.1, fairly easy" (Spanish), and whether that passes; nil for others.
    public func overall(of content: Comparison) -> (words: String, passes: Bool)? {
        let texts = pieces(of: content).map(\.text)
        switch content.language {
        case "en":
            let grade = Readability.score(items: texts).fleschKincaidGrade
            return (String(format: "grade %.1f", grade), grade <= maximumGrade)
        case "es":
            let ease = SpanishReadability.ease(items: texts)
            let words = String(format: "Fernández-Huerta %.1f, ", ease) + SpanishReadability.band(ease) + String(format: " (at least %.0f)", minimumSpanishEase)
            return (words, ease >= minimumSpanishEase)
        default:
            return nil
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

}
