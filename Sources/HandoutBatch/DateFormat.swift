import HandoutCore

/// A date pattern from `--date-format` (`MM/dd/yyyy`, `dd.MM.yyyy`, `yyyy/M/d`...). Parsing is
/// strict: every separator must match and the day must exist (02/30/1990 is refused).
public struct DateFormat: Sendable, Equatable {
    enum Token: Equatable { case year, month, day, literal(Character) }
    let tokens: [Token]
    public let pattern: String

    public init(_ pattern: String) throws(BatchError) {
        var tokens: [Token] = []
        var rest = Substring(pattern)
        while let first = rest.first {
            if rest.hasPrefix("yyyy") { tokens.append(.year); rest = rest.dropFirst(4) }
            else if rest.hasPrefix("MM") { tokens.append(.month); rest = rest.dropFirst(2) }
            else if rest.hasPrefix("dd") { tokens.append(.day); rest = rest.dropFirst(2) }
            else if first == "M" { tokens.append(.month); rest = rest.dropFirst() }
            else if first == "d" { tokens.append(.day); rest = rest.dropFirst() }
            else if first.isLetter || first.isNumber { throw .badDateFormat(pattern) }
            else { tokens.append(.literal(first)); rest = rest.dropFirst() }
        }
        guard tokens.filter({ $0 == .year }).count == 1, tokens.filter({ $0 == .month }).count == 1,
              tokens.filter({ $0 == .day }).count == 1,
              zip(tokens, tokens.dropFirst()).allSatisfy({ pair in
                  if case .literal = pair.0 { return true }
                  if case .literal = pair.1 { return true }
                  return false
              }) else { throw .badDateFormat(pattern) }
        self.tokens = tokens
        self.pattern = pattern
    }

    /// The date, or nil when the text does not follow the pattern or names no real day.
    public func parse(_ text: String) -> CalendarDate? {
        var rest = Substring(text)
        var year = 0, month = 0, day = 0
        for token in tokens {
            switch token {
            case let .literal(character):
                guard rest.first == character else { return nil }
                rest = rest.dropFirst()
            case .year, .month, .day:
                let digits = rest.prefix { $0.isASCII && $0.isNumber }
                let allowed = token == .year ? 4...4 : 1...2
                guard allowed.contains(digits.count), let number = Int(digits) else { return nil }
                rest = rest.dropFirst(digits.count)
                switch token {
                case .year: year = number
                case .month: month = number
                default: day = number
                }
            }
        }
        guard rest.isEmpty else { return nil }
        return CalendarDate(year: year, month: month, day: day)
    }
}

extension DateFormat {
    /// The patterns exports commonly use, in the order a US clinic meets them.
    static let common = ["yyyy-MM-dd", "MM/dd/yyyy", "dd/MM/yyyy", "dd.MM.yyyy", "yyyy/MM/dd", "MM-dd-yyyy", "dd-MM-yyyy"]

    /// The common pattern that reads every sample as a real date, when exactly one does (so
    /// 03/04/1960 alone names none: it reads both ways).
    static func guess(_ samples: [String]) -> DateFormat? {
        guard !samples.isEmpty else { return nil }
        let fitting = common.compactMap { try? DateFormat($0) }.filter { format in samples.allSatisfy { format.parse($0) != nil } }
        return fitting.count == 1 ? fitting[0] : nil
    }
}
