import Foundation
import HandoutCore

/// Why a batch run could not start (exit code 2). Messages name files, columns and flags,
/// never a patient's value.
public enum BatchError: Error, LocalizedError, Equatable {
    case unreadableInput(path: String, reason: String)
    case notUTF8(path: String, line: Int)
    /// Not text in the encoding it was read in (UTF-16 or Windows-1252, as detected or fixed).
    case notText(path: String, line: Int, encoding: InputEncoding)
    /// The header read as one column that holds separators: the rows did not say which splits it.
    case oneColumnHeader(path: String, separators: [Separator])
    case noHeaderRow(path: String)
    case missingColumns(path: String, fields: [PatientField], found: [String]?)
    case ambiguousColumn(path: String, field: String, headers: [String])
    case badMapping(String)
    case unknownField(String)
    case mappedHeaderNotFound(field: String, header: String, found: [String]?)
    case badDateFormat(String)
    case badShard(String)
    case outputDirectory(path: String, reason: String)
    case unreadableManifest(path: String, reason: String)
    case rendererUnavailable(String)
    case everyRowFails(path: String, rows: Int, problem: String, hint: String?)
    case sameColumn(fields: [String], header: String)
    case passwordColumnNotFound(header: String, found: [String])
    case passwordColumnNeedsCSV(path: String)
    case passwordColumnIsField(header: String, field: String)

    /// What the terminal shows: the headers, flags' values and paths in it come from the input.
    public var errorDescription: String? { EchoedText.escaped(message) }

    private var message: String {
        switch self {
        case let .unreadableInput(path, reason):
            return "\(path): cannot read the file (\(reason))"
        case let .notUTF8(path, line):
            return "\(path):\(line): the file is not UTF-8 text; export it again as \"CSV UTF-8\" (in Excel: Save As > CSV UTF-8)"
        case let .notText(path, line, encoding):
            return "\(path):\(line): the file cannot be read as \(encoding.displayName) text; export it again as \"CSV UTF-8\" (in Excel: Save As > CSV UTF-8), or name its encoding with --encoding (utf-8, utf-16, windows-1252)"
        case let .oneColumnHeader(path, separators):
            let held = separators.map(\.plural).joined(separator: " and ")
            let flags = separators.map { "--separator \($0.rawValue)" }.joined(separator: " or ")
            return "\(path): the first line reads as one column holding \(held): its separator was not recognized (the first rows do not split into as many fields as the header); if \(separators.count == 1 ? "they separate" : "one of them separates") the columns, pass \(flags) (or set `separator:` in the settings file)"
        case let .noHeaderRow(path):
            return "\(path): the file is empty; the first line must be a header row naming the columns"
        case let .missingColumns(path, fields, found):
            let names = fields.map { "\($0.flatName) (e.g. \(ColumnMap.exampleHeader(for: $0)))" }.joined(separator: ", ")
            return "\(path): required column missing: \(names); \(Self.describe(found)); rename the column or pass --map FIELD=\"Header\""
        case let .ambiguousColumn(path, field, headers):
            return "\(path): columns \(headers.map { "\"\($0)\"" }.joined(separator: " and ")) could all be \(field); choose one with --map \(field)=\"Header\""
        case let .badMapping(spec):
            return "--map \(spec): expected FIELD=Header, like --map givenName=\"First Name\""
        case let .unknownField(field):
            return "--map: unknown field '\(field)'; fields: \(PatientField.allCases.map(\.flatName).joined(separator: ", "))"
        case let .mappedHeaderNotFound(field, header, found):
            return "--map \(field)=\"\(header)\": no such column; \(Self.describe(found))"
        case let .badDateFormat(format):
            return "--date-format \(format): use yyyy, MM and dd with separators, like MM/dd/yyyy or dd.MM.yyyy"
        case let .badShard(spec):
            return "--shard \(spec): expected K/M with 0 <= K < M, like --shard 0/4 (or set JOB_COMPLETION_INDEX and JOB_COMPLETIONS)"
        case let .outputDirectory(path, reason):
            return "\(path): cannot use as output directory: \(reason)"
        case let .unreadableManifest(path, reason):
            return "\(path): cannot read the manifest to resume (\(reason)); move it away to start over"
        case let .rendererUnavailable(reason):
            return "cannot start rendering: \(reason)"
        case let .sameColumn(fields, header):
            return "--map: \(fields.joined(separator: " and ")) \(fields.count == 2 ? "both" : "all") name the column \"\(header)\"; for one column holding the whole name use --map name=\"\(header)\" (written \"Last, First\" or \"First Last\")"
        case let .passwordColumnNotFound(header, found):
            return "--password-column \"\(header)\": no such column; \(Self.describe(found))"
        case let .passwordColumnNeedsCSV(path):
            return "\(path): --password-column needs a CSV input with a header row; for NDJSON use --password-rule or --password-file"
        case let .passwordColumnIsField(header, field):
            return "--password-column \"\(header)\": that column holds the patient's \(field); name a column that holds only passwords (for birth dates: --password-rule birth-date)"
        case let .everyRowFails(path, rows, problem, hint):
            let all = rows == 1 ? "the one row fails" : "all \(rows) rows fail the same way"
            return "\(path): \(all): \(problem)\(hint.map { "; \($0)" } ?? ""); nothing was written"
        }
    }

    /// The header row as found, or why it is not shown (it names no known column: it may be a patient's row).
    static func describe(_ headers: [String]?) -> String {
        guard let headers else {
            return "the first line names no column Handout knows, so it may be a patient's row and is not shown; the first line must be a header row like id,first_name,last_name,birth_date"
        }
        return "headers found: " + headers.map { "\"\($0)\"" }.joined(separator: ", ")
    }
}
