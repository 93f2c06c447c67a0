import Foundation

/// Dates as patients read them ("March 6, 1955"), in the handout's language, always UTC.
struct DateWords {
    private let formatter: DateFormatter
    private let weekdayFormatter: DateFormatter

    init(language: String) {
        formatter = DateFormatter()
        formatter.locale = Locale(identifier: language)
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateStyle = .long
        formatter.timeStyle = .none
        weekdayFormatter = DateFormatter()
        weekdayFormatter.locale = formatter.locale
        weekdayFormatter.timeZone = formatter.timeZone
        weekdayFormatter.setLocalizedDateFormatFromTemplate("EEEEMMMMdy")
    }

    func long(_ date: CalendarDate) -> String {
        formatter.string(from: date.startOfDay)
    }

    /// With the day of the week ("Tuesday, December 8, 2026"), for a visit to remember.
    func withWeekday(_ date: CalendarDate) -> String {
        weekdayFormatter.string(from: date.startOfDay)
    }
}
