import Foundation

/// Where a translated content file came from (its top-level `translation:` block): the original
/// it was translated from, how, and whether a person has reviewed it. A patient gets an unreviewed
/// translation only when the clinic says so (`UnreviewedTranslations.use`).
///
/// ```yaml
/// translation:
///   from: "en 1.0"              # the original's language and version
///   method: "machine-drafted"   # or professional, clinic staff, ...
///   reviewed: false             # or: reviewed: { by: "Name, credential", on: "YYYY-MM-DD" }
/// ```
public struct TranslationProvenance: Sendable, Hashable, Decodable {
    /// The original's language and version ("en 1.0").
    public var from: String
    /// How it was translated ("machine-drafted").
    public var method: String
    /// Who reviewed it and when; nil: no person has.
    public var review: Review?

    public struct Review: Sendable, Hashable, Decodable {
        /// The reviewer, with their credential ("Name, credential").
        public var by: String
        public var on: CalendarDate

        private enum Keys: String, CodingKey { case by, on }

        public init(by: String, on: CalendarDate) {
            self.by = by
            self.on = on
        }

        public init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: Keys.self)
            by = try container.decode(String.self, forKey: .by)
            if by.trimmingCharacters(in: .whitespaces).isEmpty {
                throw DecodingError.dataCorruptedError(forKey: .by, in: container, debugDescription: "name the reviewer, with their credential")
            }
            guard let day = CalendarDate(iso: try container.decode(String.self, forKey: .on)) else {
                throw DecodingError.dataCorruptedError(forKey: .on, in: container, debugDescription: "the day of the review, as YYYY-MM-DD")
            }
            on = day
        }
    }

    public var isReviewed: Bool { review != nil }

    /// How `handout topics` says the review state: "reviewed by Name, credential on 2026-03-02",
    /// "machine-drafted from en 1.0, not reviewed".
    public var state: String {
        guard let review else { return "\(method) from \(from), not reviewed" }
        return "\(method) from \(from), reviewed by \(review.by) on \(review.on)"
    }

    private enum Keys: String, CodingKey { case from, method, reviewed }

    public init(from: String, method: String, review: Review?) {
        self.from = from
        self.method = method
        self.review = review
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        from = try container.decode(String.self, forKey: .from)
        let original = from.split(separator: " ")
        guard original.count == 2, ContentCatalog.isLanguageTag(String(original[0])) else {
            throw DecodingError.dataCorruptedError(forKey: .from, in: container,
                                                   debugDescription: "the original's language and version, like \"en 1.0\"")
        }
        method = try container.decode(String.self, forKey: .method)
        if method.trimmingCharacters(in: .whitespaces).isEmpty {
            throw DecodingError.dataCorruptedError(forKey: .method, in: container, debugDescription: "say how it was translated, like machine-drafted or professional")
        }
        // `reviewed: false`, or who reviewed it and when: `true` alone would claim a review no one can check.
        if let reviewed = try? container.decode(Bool.self, forKey: .reviewed) {
            guard !reviewed else {
                throw DecodingError.dataCorruptedError(forKey: .reviewed, in: container,
                                                       debugDescription: "say who reviewed it and when: reviewed: { by: \"Name, credential\", on: \"YYYY-MM-DD\" }, or reviewed: false")
            }
            review = nil
        } else {
            review = try container.decode(Review.self, forKey: .reviewed)
        }
    }
}

/// What a run does with a translation no person has reviewed, when a patient's language asks for
/// it (`unreviewed-translations:` in handout.yaml, `--unreviewed-translations`).
public enum UnreviewedTranslations: String, Codable, Sendable, CaseIterable {
    /// Give the patient the translation.
    case use
    /// Give the patient the English handout with a notice in their language (the default).
    case englishWithNotice = "english-with-notice"
}
