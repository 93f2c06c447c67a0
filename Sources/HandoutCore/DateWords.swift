import Foundation

/// Dates as patients read them ("March 6, 1955"), in the handout's language, always UTC.
struct DateWords {
    private let formatter: DateFormatter

    init(language: String) {
        formatter = DateFormatter()
        formatter.locale = Locale(identifier: language)
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateStyle = .long
        formatter.timeStyle = .none
    }

    func long(_ date: CalendarDate) -> String {
        formatter.string(from: date.startOfDay)
    }
}
