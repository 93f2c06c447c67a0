import Foundation
import HandoutCore
import HandoutSupport

/// Where each record's own PDF password comes from: a column of the CSV (`--password-column`)
/// or a rule over the record (`--password-rule birth-date`: YYYYMMDD, weak, see the README).
public enum RecordPassword: Sendable, Equatable {
    case column(String)
    case birthDate

    /// The rules `--password-rule` takes.
    public static let rules = ["birth-date"]

    public init?(rule: String) {
        guard rule == "birth-date" else { return nil }
        self = .birthDate
    }

    /// Finds the password column of a CSV input; the run cannot start without it.
    func resolve(map: ColumnMap?, source: String) throws(BatchError) -> ResolvedRecordPassword {
        switch self {
        case .birthDate:
            return .birthDate
        case let .column(header):
            guard let map else { throw .passwordColumnNeedsCSV(path: source) }
            let normalized = ColumnMap.normalize(header)
            guard let index = map.headers.firstIndex(of: header) ?? map.headers.firstIndex(where: { ColumnMap.normalize($0) == normalized }) else {
                throw .passwordColumnNotFound(header: header, found: map.headers)
            }
            if let field = map.index.first(where: { $0.value == index })?.key {
                throw .passwordColumnIsField(header: map.headers[index], field: field.flatName)
            }
            return .column(index: index, header: map.headers[index])
        }
    }
}

/// `RecordPassword` with its column found in the header row.
enum ResolvedRecordPassword {
    case column(index: Int, header: String)
    case birthDate

    /// This record's password, or why the record cannot have one (naming the column, never the cell).
    func password(for patient: PatientProfile, record: SourceRecord) throws(RowFailure) -> String {
        switch self {
        case .birthDate:
            let date = patient.birthDate
            return String(format: "%04d%02d%02d", date.year, date.month, date.day)
        case let .column(index, header):
            guard case let .columns(values) = record.payload else { throw RowFailure(column: header, problem: .passwordCellMissing) }
            let cell = index < values.count ? values[index].trimmingCharacters(in: .whitespaces)[...] : ""
            if let problem = PDFPassword.problem(with: cell) {
                throw RowFailure(column: header, problem: cell.isEmpty ? .passwordCellEmpty : .field(.password(PasswordProblem(problem))))
            }
            return String(cell)
        }
    }
}
