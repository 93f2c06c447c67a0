import Foundation
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

public struct RenderedHandout: Sendable {
    public let data: Data
    public let pages: Int
}

/// Patient in, finished PDF bytes out. Holds Pango objects and reuses the text it shaped,
/// so make one per thread and keep it for the whole run.
public final class HandoutRenderer {
    public let options: RenderOptions
    private let composer: Composer
    private let engine: LayoutEngine

    public init(options: RenderOptions) {
        self.options = options
        composer = Composer(comparison: options.comparison, strings: options.strings,
                            defaultClinic: options.defaultClinic, date: options.date)
        engine = LayoutEngine(paper: options.paper, typography: options.largePrint ? .largePrint : .standard)
    }

    /// `source` names the record in errors ("patient.json", "patients.csv:12").
    public func render(_ patient: PatientProfile, source: String) throws -> RenderedHandout {
        try GlyphCoverage.check(patient, source: source, shaper: engine.shaper, style: engine.typography.body)
        let document = try composer.compose(patient, source: source)
        let pages = try engine.layout(document)
        return RenderedHandout(data: try PDFWriter.write(pages, metadata: document.metadata, password: options.password),
                               pages: pages.count)
    }

    /// The display list, for callers that inspect the layout rather than print it.
    public func layout(_ patient: PatientProfile, source: String) throws -> [Page] {
        try engine.layout(try composer.compose(patient, source: source))
    }
}
