import Foundation

/// The visit an email speaks of: its day, its time as the clinic wrote it ("8:30 AM"; not
/// interpreted), and whether it is still ahead on the day the email goes out.
public struct MailVisit: Sendable, Equatable {
    public var year: Int
    public var month: Int
    public var day: Int
    public var time: String?
    public var isAhead: Bool

    public init(year: Int, month: Int, day: Int, time: String?, isAhead: Bool) {
        self.year = year
        self.month = month
        self.day = day
        self.time = time
        self.isAhead = isAhead
    }

    /// The day as a patient reads it in `language`, with its weekday and without the year
    /// ("Monday, December 14"; "lunes, 14 de diciembre").
    func dayWords(language: String) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: language)
        formatter.timeZone = calendar.timeZone
        formatter.setLocalizedDateFormatFromTemplate("EEEEMMMMd")
        guard let date = calendar.date(from: DateComponents(year: year, month: month, day: day)) else { return "" }
        return formatter.string(from: date)
    }
}

/// The paragraph that says what the handout is for, in one language, one per kind of visit:
/// from `Resources/Templates/<language>.visit.txt`, lines `kind: text` with `{clinic}`,
/// `{phone}`, `{day}` and `{time}`.
public struct VisitParagraphs: Sendable, Equatable {
    /// A visit ahead, with its time.
    public var aheadAt: String
    /// A visit ahead, with no time given.
    public var ahead: String
    /// A visit on a day already past.
    public var past: String
    /// No visit in the record.
    public var none: String
    /// Put before the paragraph when the patient was sent an earlier version of the handout.
    public var updated: String

    static let kinds = ["ahead-at", "ahead", "past", "none", "updated"]

    /// Parses `kind: text` lines; every kind must be there.
    static func parse(_ text: String) throws(MailTemplateError) -> VisitParagraphs {
        var lines: [String: String] = [:]
        for line in text.split(whereSeparator: \.isNewline) {
            guard let colon = line.firstIndex(of: ":") else { continue }
            lines[line[..<colon].trimmingCharacters(in: .whitespaces)] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        guard let aheadAt = lines["ahead-at"], let ahead = lines["ahead"], let past = lines["past"], let none = lines["none"],
              let updated = lines["updated"] else {
            throw .malformed
        }
        return VisitParagraphs(aheadAt: aheadAt, ahead: ahead, past: past, none: none, updated: updated)
    }

    /// The paragraph for `visit`, said of an updated handout when `updated`.
    func paragraph(for visit: MailVisit?, updated: Bool = false) -> String {
        let paragraph: String
        if let visit {
            paragraph = !visit.isAhead ? past : visit.time == nil ? ahead : aheadAt
        } else {
            paragraph = none
        }
        return updated ? self.updated + " " + paragraph : paragraph
    }
}
