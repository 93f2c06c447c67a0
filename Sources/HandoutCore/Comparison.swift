/// A procedure comparison handout's text, in one language, as written in
/// `Assets/Content/<id>.<lang>.yaml`. The engine renders any file in this format.
public struct Comparison: Sendable, Hashable, Decodable {
    public var id: String
    public var language: String
    public var title: String
    public var subject: String
    /// The name of the handout's PDF attached to an email, without `.pdf`, in the handout's
    /// language ("folleto-fusion-espinal"); lowercase letters, digits and hyphens. Optional:
    /// the topic id is the name when it is missing.
    public var fileName: String?
    public var keywords: [String]
    public var version: String
    /// The clinical review's day, and the next one's.
    public var reviewed: String
    public var nextReview: String?
    /// Where a translation came from and whether a person reviewed it; nil in an original.
    public var translation: TranslationProvenance?
    public var summary: [String]
    public var sections: [Section]
    /// What the next-steps box says about the visit, after the appointment or how to book it.
    public var nextStep: NextStep?
    public var questions: [String]
    public var sources: [String]
    public var disclaimer: String

    public struct NextStep: Sendable, Hashable, Decodable {
        /// What the visit is for ("a consultation with a spine doctor...").
        public var visit: String?
        /// What to bring to it.
        public var bring: String?
    }

    public struct Section: Sendable, Hashable, Decodable {
        public var heading: String
        public var blocks: [ContentBlock]
    }

    /// Every candidacy factor a clinician may tick, in the order the content lists them.
    public var factorIDs: [String] {
        sections.flatMap(\.blocks).flatMap { block -> [String] in
            guard case let .factors(checklist) = block else { return [] }
            return checklist.groups.flatMap { $0.items.map(\.id) }
        }
    }
}

public enum ContentBlock: Sendable, Hashable, Decodable {
    case paragraph(String)
    case subheading(String)
    case bullets([String])
    case twoLists(left: TitledList, right: TitledList)
    case options([Option])
    case table(ComparisonTable)
    case factors(FactorChecklist)
    case callout(String)

    public struct Option: Sendable, Hashable, Decodable {
        public var name: String
        public var text: String
    }

    public struct ComparisonTable: Sendable, Hashable, Decodable {
        public var caption: String?
        public var columns: [String]
        public var rows: [[String]]
    }

    public struct FactorChecklist: Sendable, Hashable, Decodable {
        public var intro: String?
        public var groups: [Group]

        public struct Group: Sendable, Hashable, Decodable {
            public var title: String
            public var items: [Factor]
        }

        public struct Factor: Sendable, Hashable, Decodable {
            public var id: String
            public var label: String
        }
    }

    private struct TwoLists: Decodable {
        var left: TitledList
        var right: TitledList
    }

    private enum Kind: String, CodingKey, CaseIterable {
        case paragraph, subheading, bullets, twoLists, options, table, factors, callout
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: Kind.self)
        guard container.allKeys.count == 1, let kind = container.allKeys.first else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath,
                debugDescription: "a block needs exactly one of: \(Kind.allCases.map(\.rawValue).joined(separator: ", "))"))
        }
        switch kind {
        case .paragraph: self = .paragraph(try container.decode(String.self, forKey: kind))
        case .subheading: self = .subheading(try container.decode(String.self, forKey: kind))
        case .bullets: self = .bullets(try container.decode([String].self, forKey: kind))
        case .twoLists:
            let lists = try container.decode(TwoLists.self, forKey: kind)
            self = .twoLists(left: lists.left, right: lists.right)
        case .options: self = .options(try container.decode([Option].self, forKey: kind))
        case .table: self = .table(try container.decode(ComparisonTable.self, forKey: kind))
        case .factors: self = .factors(try container.decode(FactorChecklist.self, forKey: kind))
        case .callout: self = .callout(try container.decode(String.self, forKey: kind))
        }
    }
}
