import HandoutCore
import HandoutLayout

/// Everything that is the same for every handout of a run.
public struct RenderOptions: Sendable {
    public var comparison: Comparison
    public var strings: Strings
    public var defaultClinic: Clinic?
    public var paper: Paper
    public var largePrint: Bool
    /// The document date (SOURCE_DATE_EPOCH or the input), never the clock.
    public var date: CalendarDate
    /// Encrypts every PDF with AES-256 when set.
    public var password: String?

    public init(comparison: Comparison, strings: Strings, defaultClinic: Clinic?, paper: Paper = .letter,
                largePrint: Bool = false, date: CalendarDate, password: String? = nil) {
        self.comparison = comparison
        self.strings = strings
        self.defaultClinic = defaultClinic
        self.paper = paper
        self.largePrint = largePrint
        self.date = date
        self.password = password
    }
}
