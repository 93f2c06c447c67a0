import Foundation
import HandoutCore

/// The "Printed on" day of the single-handout form and of a batch's start: the server's day
/// only prefills it; what is submitted is what prints (`--date`), so the same input gives the same PDF.
enum PrintedOnField {
    static let name = "printedOn"

    /// The server's day, to prefill the field.
    static var today: CalendarDate {
        let parts = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        return CalendarDate(year: parts.year!, month: parts.month!, day: parts.day!)!
    }

    enum Typed: Equatable {
        /// An empty field: no printed day, as the CLI without --date.
        case none
        case day(CalendarDate)
        case notADay
    }

    static func read(_ typed: String) -> Typed {
        let trimmed = typed.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return .none }
        return CalendarDate(iso: trimmed).map(Typed.day) ?? .notADay
    }

    /// The problem of a typed day that is no day, in the page's words ("Printed on: ...").
    static func problem(_ text: UIText) -> String {
        text.form.message(label: text.form.printedOn, problem: text.form.problem(.notADate(pattern: nil)))
    }

    /// The label, the hint, the error (a message already in the page's words) and the field.
    static func html(_ text: UIText, value: String, error: String?) -> String {
        var describedBy = "f-printedOn-hint"
        var errorHTML = ""
        var invalid = ""
        if let error {
            describedBy += " f-printedOn-error"
            errorHTML = "<p class=\"error\" id=\"f-printedOn-error\">\(HTML.escape(error))</p>"
            invalid = " aria-invalid=\"true\""
        }
        return "<div class=\"field\"><label for=\"f-printedOn\">\(HTML.escape(text.form.printedOn))</label>"
            + "<p class=\"hint\" id=\"f-printedOn-hint\">\(HTML.escape(text.form.printedOnHint))</p>\(errorHTML)"
            + "<input type=\"text\" id=\"f-printedOn\" name=\"\(name)\"\(invalid) aria-describedby=\"\(describedBy)\" autocomplete=\"off\" "
            + "value=\"\(HTML.escape(value))\"></div>"
    }
}
