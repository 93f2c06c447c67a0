import Foundation
import HandoutCore

/// A pass over the input before anything is written: problems of the whole file stop the run
/// with one message and the fix (exit 2) instead of one identical line per row. `batch --check`
/// runs it over every row and writes nothing.
public struct Preflight: Sendable {
    public private(set) var records = 0
    public private(set) var valid = 0
    public private(set) var reasons = FailureReasons()
    /// How the CSV is read: its separator and encoding, detected or as the run fixed them (nil for NDJSON).
    public private(set) var inputFormat: InputFormat?
    /// The date style read from the file's own dates, when the run names none.
    public private(set) var detectedDateFormat: DateFormat?
    /// Which column holds which field (CSV input only), in column order.
    public private(set) var mapping: [(header: String, field: PatientField)] = []
    /// Who will get which language, when the pass was given the run's languages.
    public private(set) var languages = LanguageCounts()
    /// The one whole-name column and how it is split, as a line (CSV input only).
    public private(set) var fullNameLine: String?
    /// The columns no field uses, as one line (`not used: "Insurance"`), nil when there are none.
    public private(set) var unusedColumnsLine: String?
    /// After a complete pass: a warning for each column of an optional field empty in every row.
    public private(set) var emptyColumns: [String] = []
    /// Date values of the rows (a few, to guess their format; never printed).
    private var dateSamples: [String] = []

    /// Reads this run's records (its shard, up to its limit). `complete`: read every record;
    /// otherwise stop at the first sign the file is fine (a valid row, or two different reasons).
    /// `language`: the language a patient's handout is made in (`LanguageOptions`), to count.
    public init(options: BatchOptions, complete: Bool, language: (PatientProfile) -> HandoutLanguage? = { _ in nil }) throws(BatchError) {
        var dispatch = try RecordDispatch(reading: options)
        inputFormat = dispatch.source.format
        detectedDateFormat = dispatch.detectedDateFormat
        let map = dispatch.builder.map
        // By column, then field (an MRN column that is also the id says id first).
        let order = { (field: PatientField) in PatientField.allCases.firstIndex(of: field)! }
        mapping = map.map { map in
            map.index.sorted { ($0.value, order($0.key)) < ($1.value, order($1.key)) }.map { (map.headers[$0.value], $0.key) }
        } ?? []
        fullNameLine = map?.fullNameLine(format: options.nameFormat)
        unusedColumnsLine = map?.unusedColumnsLine(password: options.recordPassword)
        var empty = EmptyColumns(map: map)
        while let outcome = dispatch.next() {
            records += 1
            empty.note(dispatch.lastRecord)
            switch outcome {
            case let .patient(_, _, patient, _):
                valid += 1
                if let language = language(patient) { languages.note(language) }
            case let .failed(_, _, failure, _): reasons.add(failure.message, isDate: failure.problem.isDate)
            }
            if case .failed = outcome, dateSamples.count < 20, case let .columns(values)? = dispatch.lastRecord?.payload,
               let date = map?.value(.birthDate, in: values) {
                dateSamples.append(date)
            }
            if !complete && (valid > 0 || reasons.distinct > 1) { return }
        }
        if let readError = dispatch.readError { throw readError }
        emptyColumns = empty.warnings
    }

    /// When every record failed for one reason, that reason as an error that stops the run, with
    /// the fix when the dates look like a common format (or like two: 03/04/1960 reads both ways).
    public func fileWideProblem(path: String) -> BatchError? {
        guard records > 0, valid == 0, reasons.distinct == 1, let problem = reasons.mostCommon else { return nil }
        var hint: String?
        let fitting = reasons.isDate(problem) ? DateFormat.fitting(dateSamples) : []
        if fitting.count == 1 {
            hint = "the dates look like \(fitting[0].pattern): pass --date-format \(fitting[0].pattern)"
        } else if fitting.count > 1 {
            let patterns = fitting.map(\.pattern).joined(separator: " or ")
            hint = "every date reads as \(patterns): pass --date-format with the one your export writes"
        }
        return .everyRowFails(path: path, rows: records, problem: problem, hint: hint)
    }
}

/// Why rows failed, each reason with how many rows gave it: the summary says "48 rows: column
/// 'DOB' is in the future" once instead of 48 times.
public struct FailureReasons: Sendable {
    private var rows: [String: Int] = [:]
    private var order: [String] = []
    /// The reasons that are dates which are no day.
    private var dates: Set<String> = []

    public init() {}

    mutating func add(_ problem: String, isDate: Bool = false) {
        if rows[problem] == nil { order.append(problem) }
        rows[problem, default: 0] += 1
        if isDate { dates.insert(problem) }
    }

    func isDate(_ problem: String) -> Bool { dates.contains(problem) }

    var distinct: Int { order.count }

    var mostCommon: String? { order.max { rows[$0, default: 0] < rows[$1, default: 0] } }

    /// One line per reason, most rows first (first seen first among equals).
    public var lines: [String] {
        order.enumerated().sorted { (rows[$0.element]!, -$0.offset) > (rows[$1.element]!, -$1.offset) }.map { _, problem in
            let count = rows[problem]!
            return "\(count) \(count == 1 ? "row" : "rows"): \(problem)"
        }
    }
}
