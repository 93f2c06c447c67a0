import CPangoCairo
import HandoutCore
@testable import HandoutLayout
@testable import HandoutPDF
import Testing

/// `LineRuns` paints a line's runs as Pango's own line drawing does: the same glyphs in the same
/// places, each link in its colour with its underline, where a link meets plain text too.
@Test func runsDrawnAsOnePiecePaintWhatTheWholeLinePaints() throws {
    let web = try #require(LinkTarget.web("example.org"))
    let mail = try #require(LinkTarget.email("care@example.org"))
    let text = [Span("See "), Span("example.org", link: web), Span(" or "), Span("write", bold: true), Span(" to "),
                Span("care@example.org", bold: true, link: mail)]
    let shaped = TextShaper().shape(text, style: Typography.standard.body, width: nil)
    let origin = Point(x: 10.3, y: 30.7)
    let whole = paint(shaped) { line, cr in CairoInk.show(line, at: origin, cr: cr) }
    let pieces = paint(shaped) { line, cr in
        let runs = LineRuns(line)
        runs.draw(0..<runs.count, at: origin, cr: cr)
    }
    let differing = stride(from: 0, to: pieces.count, by: 4).filter { pieces[$0..<$0 + 4] != whole[$0..<$0 + 4] }
    #expect(differing.isEmpty, "\(differing.count) pixels differ")
    // Blue ink: the links' colour (bytes B, G, R, unused).
    #expect(stride(from: 0, to: pieces.count, by: 4).contains { Int(pieces[$0]) > Int(pieces[$0 + 2]) + 40 })
}

/// The pixels of what `draw` paints in black on a white 500 × 40 image.
private func paint(_ shaped: ShapedText, _ draw: (UnsafeMutablePointer<PangoLayoutLine>, OpaquePointer) -> Void) -> [UInt8] {
    let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 500, 40)!
    defer { cairo_surface_destroy(surface) }
    let cr = cairo_create(surface)!
    defer { cairo_destroy(cr) }
    cairo_set_source_rgb(cr, 1, 1, 1)
    cairo_paint(cr)
    cairo_set_source_rgb(cr, 0, 0, 0)
    shaped.withLayoutLine(0) { draw($0, cr) }
    cairo_surface_flush(surface)
    return Array(UnsafeBufferPointer(start: cairo_image_surface_get_data(surface), count: Int(cairo_image_surface_get_stride(surface)) * 40))
}
