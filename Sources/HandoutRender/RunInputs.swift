import Foundation
import HandoutBatch
import HandoutCore
import HandoutSupport

/// A PDF password kept in a file: its first line (``SecretFile``), held to the rules of `PDFPassword`.
public enum PasswordFile {
    public static func read(_ path: String) throws -> String {
        guard let line = SecretFile.firstLine(path) else {
            throw InputError.unreadableFile(path: path, reason: "cannot read the password file")
        }
        if let problem = PDFPassword.problem(with: Substring(line)) {
            throw InputError.invalidField(source: "\(path):1", field: "password",
                                          problem: .password(problem == .empty ? .emptyFirstLine : PasswordProblem(problem)))
        }
        return line
    }
}

/// The date a handout carries: the run's (`--date`), else SOURCE_DATE_EPOCH's (reproducible
/// builds), else the content's review date. Never the clock, so the same input gives the same bytes.
public enum DocumentDate {
    /// `printedOn`: the run's printed day (``RunRequest/printedOn``).
    public static func resolve(content: Comparison, printedOn: CalendarDate?) throws -> CalendarDate {
        if let day = printedOn { return day }
        guard let reviewed = CalendarDate(iso: content.reviewed) else {
            throw InputError.invalidField(source: "content", field: "reviewed", problem: .notYearMonthDay)
        }
        return reviewed
    }
}
