import Foundation
import HandoutBatch
import HandoutCore
import HandoutSupport

// What a run reads besides its records, the same for `handout` and `handout serve`.

/// SOURCE_DATE_EPOCH (reproducible builds): the moment it names, or nil when unset.
public enum SourceDateEpoch {
    public static func date(in environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Date? {
        guard let epoch = environment["SOURCE_DATE_EPOCH"] else { return nil }
        guard let seconds = TimeInterval(epoch) else {
            throw InputError.invalidField(source: "environment", field: "SOURCE_DATE_EPOCH", problem: .notSeconds)
        }
        return Date(timeIntervalSince1970: seconds)
    }
}

/// A password kept in a file (never on the command line): its first line (LF or CRLF ends it),
/// held to the rules of `PDFPassword`.
public enum PasswordFile {
    public static func read(_ path: String) throws -> String {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw InputError.unreadableFile(path: path, reason: "cannot read the password file")
        }
        var line = text.prefix { $0 != "\n" && $0 != "\r\n" }
        if line.last == "\r" { line.removeLast() }
        if let problem = PDFPassword.problem(with: line) {
            throw InputError.invalidField(source: "\(path):1", field: "password",
                                          problem: .password(problem == .empty ? .emptyFirstLine : PasswordProblem(problem)))
        }
        return String(line)
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
