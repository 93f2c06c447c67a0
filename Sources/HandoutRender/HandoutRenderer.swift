import HandoutBatch
import HandoutCore
import HandoutLayout
import HandoutPDF

/// One patient's handout, record in, finished PDF out: validate (every printed field can be
/// printed) → compose → lay out → draw → finish (and, with `previewDPI`, page images). Holds Pango objects and reuses the text it
/// shaped, so make one per thread and keep it for the whole run.
public final class HandoutRenderer {
    private let composer: Composer
    private let engine: LayoutEngine
    private let coverage: GlyphCoverage
    private let kind: PDFKind
    private let previewDPI: Int?

    /// Throws when the content, the strings or the default clinic have text no installed font
    /// can print.
    public init(options: RenderOptions) throws(InputError) {
        composer = Composer(comparison: options.comparison, strings: options.strings,
                            defaultClinic: options.defaultClinic, date: options.date,
                            printedOn: options.printedOn)
        engine = LayoutEngine(paper: options.paper, typography: options.largePrint ? .largePrint : .standard,
                              direction: options.strings.direction, language: options.comparison.language)
        coverage = GlyphCoverage(shaper: engine.shaper, style: engine.typography.body)
        kind = options.kind
        previewDPI = options.previewDPI
        try coverage.check(options)
    }

    /// `source` names the record in errors ("patient.json", "patients.csv:12"); `password`, the
    /// patient's own, replaces the run's; `noticeLanguage`, the language of the notice an English
    /// handout carries for a patient who asked for another (``LanguageOptions/noticeLanguage(for:)``).
    public func render(_ patient: PatientProfile, source: String, password: String? = nil, noticeLanguage: String? = nil) throws -> RenderedPDF {
        try coverage.check(patient, source: source)
        let document = try composer.compose(patient, source: source, noticeLanguage: noticeLanguage)
        let pages = try engine.layout(document)
        return RenderedPDF(data: try PDFWriter.write(pages, metadata: document.metadata, kind: password.map { .encrypted(password: $0) } ?? kind),
                           pages: pages.count, previews: try previewDPI.map { dpi throws(PDFError) in try PagePreview.png(pages, dpi: dpi) } ?? [])
    }
}
