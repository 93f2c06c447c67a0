import Foundation

/// A visit's time of day, read from what a record says ("9:30 AM", "9:30am", "9:30 a. m.",
/// "09:30", "14:00", "2 PM") and written as the handout's language writes it: "9:30 AM" in
/// English, "9:30 a. m." in Spanish (the locale's short time style). A time that reads no such
/// way is printed as the record gives it: it is the clinic's text, not a value to guess at.
public struct ClockTime: Sendable, Hashable {
    /// 0 to 23.
    public let hour: Int
    public let minute: Int

    public init?(hour: Int, minute: Int) {
        guard (0..<24).contains(hour), (0..<60).contains(minute) else { return nil }
        self.hour = hour
        self.minute = minute
    }

    /// Hours and minutes with an optional AM or PM (any case, with or without dots and spaces);
    /// without AM or PM the minutes are needed, on the 24-hour clock.
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let digits = trimmed.prefix { $0.isASCII && ($0.isNumber || $0 == ":") }
        let clock = digits.split(separator: ":", omittingEmptySubsequences: false)
        guard (1...2).contains(clock.count), clock.allSatisfy({ !$0.isEmpty && $0.count <= 2 }),
              let hour = Int(clock[0]), let minute = clock.count == 2 ? Int(clock[1]) : 0 else { return nil }
        let period = trimmed.dropFirst(digits.count).lowercased().filter { !$0.isWhitespace && $0 != "." }
        switch period {
        case "" where clock.count == 2: self.init(hour: hour, minute: minute)
        case "am" where (1...12).contains(hour): self.init(hour: hour % 12, minute: minute)
        case "pm" where (1...12).contains(hour): self.init(hour: hour % 12 + 12, minute: minute)
        default: return nil
        }
    }

    /// The time in the words of `locale`'s language on the clock of its region (a BCP 47 tag:
    /// "en-US" 9:30 AM, "es-US" 9:30 a. m., Spanish words on the 12-hour clock read in the
    /// United States; "es-US" itself would say "a.m."), in the language's short time style. The
    /// no-break spaces CLDR puts in it (before AM, inside "a. m.") are written as plain spaces:
    /// Cairo would embed the font a second time for them, and the PDF's text search finds "9:30 AM".
    public func written(locale: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: Self.regionalPreferences(locale))
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateStyle = .none
        formatter.timeStyle = .short
        let moment = Date(timeIntervalSince1970: Double(hour * 3600 + minute * 60))
        return String(formatter.string(from: moment).map { $0 == "\u{202F}" || $0 == "\u{00A0}" ? " " : $0 })
    }

    /// "es-US" as "es-u-rg-uszzzz": the language's own data with the region's preferences (its
    /// hour cycle); a tag with no region as it is.
    static func regionalPreferences(_ tag: String) -> String {
        var subtags = tag.split(separator: "-").map(String.init)
        guard subtags.count > 1, let region = subtags.last, region.count == 2, region.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
            return tag
        }
        subtags.removeLast()
        return subtags.joined(separator: "-") + "-u-rg-" + region.lowercased() + "zzzz"
    }

    /// `text` written as `locale` writes times when it reads as one, else as it is.
    public static func written(_ text: String, locale: String) -> String {
        ClockTime(text)?.written(locale: locale) ?? text
    }
}
