import HandoutCore

/// Why one row was not produced: the column (or JSON field) at fault and what is wrong with it,
/// never the value itself (it is health data).
public struct RowFailure: Error, Sendable, Equatable {
    public var column: String?
    public var problem: RowProblem
    var isJSONField = false

    public init(column: String?, problem: RowProblem, isJSONField: Bool = false) {
        self.column = column
        self.problem = problem
        self.isJSONField = isJSONField
    }

    static let noClinic = RowFailure(column: nil, problem: .noClinic)

    /// The manifest's and the CLI's words.
    public var message: String {
        guard let column else { return problem.english }
        return "\(isJSONField ? "field" : "column") '\(column)' \(problem.english)"
    }
}

/// What is wrong with a row's column, or with the whole row: a field's own problem, or one only
/// a batch's rows have (their columns, ids and passwords).
public enum RowProblem: Sendable, Equatable {
    case field(FieldProblem)
    /// A required value is empty.
    case empty
    case noClinic
    case noHeaderRow
    case notOneJSONObject
    case notAFullName
    case unknownFactor(known: [String])
    case missingGlyphs
    case unknownLanguage(available: [String])
    case invalidJSON(nearCharacter: Int)
    /// An input that cannot be read, in its error's own words.
    case unreadable(String)
    /// Why an id cannot be a file name, in `RecordFileName`'s words.
    case unsafeID(String)
    case duplicate(ofLine: Int)
    case passwordCellMissing
    case passwordCellEmpty
    /// The row does not split into as many fields as the header.
    case fieldCount(found: Int, header: Int)

    public var english: String {
        switch self {
        case let .field(problem): problem.english
        case .empty: "is empty; a value is required"
        case .noClinic: "has no clinic details: add columns \"Clinic Name\" and \"Clinic Phone\", or name the clinic in the settings file (clinic:)"
        case .noHeaderRow: "has no header row"
        case .notOneJSONObject: "is not one JSON object { ... } on one line"
        case .notAFullName: "does not hold both a given and a family name (like \"Torres, Wei\" or \"Wei Torres\")"
        case let .unknownFactor(known): "has a factor the handout content does not know; known factors: \(known.joined(separator: ", "))"
        case .missingGlyphs: "has characters no installed font can print; install a font that covers them"
        case let .unknownLanguage(available): "names a language with no handout content; available: \(available.joined(separator: ", "))"
        case let .invalidJSON(column): "is not valid JSON (near character \(column))"
        case let .unreadable(words), let .unsafeID(words): words
        case let .duplicate(line): "is a duplicate of line \(line)"
        case .passwordCellMissing: "is missing"
        case .passwordCellEmpty: "is empty; every row needs its own password"
        case let .fieldCount(found, header) where found > header:
            "\(found) fields where the header has \(header): a separator inside a value that is not quoted?"
        case let .fieldCount(found, header):
            "\(found) fields where the header has \(header): a row cut short, or a line break inside a value that is not quoted?"
        }
    }

    /// A date that is no day: a file where every row has one may need `--date-format`.
    var isDate: Bool {
        if case .field(.notADate) = self { return true }
        return false
    }
}
