import HandoutCore
import HandoutLayout
import HandoutPDF

/// Everything that is the same for every handout of a run.
public struct RenderOptions: Sendable {
    public var comparison: Comparison
    public var strings: Strings
    public var defaultClinic: Clinic?
    public var paper: Paper
    public var largePrint: Bool
    /// The document date (SOURCE_DATE_EPOCH or the input), never the clock.
    public var date: CalendarDate
    /// The day printed in the footer ("Printed …"), when the run gives one.
    public var printedOn: CalendarDate?
    /// Standard, encrypted (AES-256) or archive (PDF/A-2a) PDFs.
    public var kind: PDFKind
    /// Page images beside each PDF (`--png`), at this many pixels per inch; nil: none.
    public var previewDPI: Int?

    public init(comparison: Comparison, strings: Strings, defaultClinic: Clinic?, paper: Paper = .letter,
                largePrint: Bool = false, date: CalendarDate, printedOn: CalendarDate? = nil, kind: PDFKind = .standard,
                previewDPI: Int? = nil) {
        self.comparison = comparison
        self.strings = strings
        self.defaultClinic = defaultClinic
        self.paper = paper
        self.largePrint = largePrint
        self.date = date
        self.printedOn = printedOn
        self.kind = kind
        self.previewDPI = previewDPI
    }
}
