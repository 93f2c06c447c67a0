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

    /// The common patterns that read every sample as a real date (03/04/1960 alone fits two).
    static func fitting(_ samples: [String]) -> [DateFormat] {
        guard !samples.isEmpty else { return [] }
        return common.compactMap { try? DateFormat($0) }.filter { format in samples.allSatisfy { format.parse($0) != nil } }
    }
}

extension DateFormat {
    /// How many of a file's first rows `detect` reads.
    static let sampleRows = 1_000

    /// The date style of a CSV whose dates are not year-month-day, read from the birth and
    /// appointment dates of its first rows: the common pattern that reads the most of them, when
    /// it reads at least 9 in 10 and no other pattern reads as many (03/04/1960 alone reads both
    /// ways: then no style is chosen, and the rows say so with the fix). Nil when the dates are
    /// year-month-day, or the file cannot be read (the run says why).
    static func detect(path: String, name: String, format: InputFormat.Choice, overrides: ColumnOverrides) -> DateFormat? {
        guard let source = try? RecordSources.open(path: path, name: name, format: format), let headers = source.headers,
              let map = try? ColumnMap(headers: headers, overrides: overrides, required: [], source: name) else { return nil }
        var samples: [String] = []
        for _ in 0..<sampleRows {
            guard let record = try? source.next(), case let .columns(values) = record.payload else { break }
            samples += [PatientField.birthDate, .appointmentDate].compactMap { map.value($0, in: values) }
        }
        guard samples.contains(where: { CalendarDate(iso: $0) == nil }) else { return nil }
        let counts = common.compactMap { try? DateFormat($0) }.map { format in (format, samples.count { format.parse($0) != nil }) }
        guard let best = counts.max(by: { $0.1 < $1.1 }), best.1 * 10 >= samples.count * 9,
              counts.filter({ $0.1 == best.1 }).count == 1, best.0.pattern != "yyyy-MM-dd" else { return nil }
        return best.0
    }
}
