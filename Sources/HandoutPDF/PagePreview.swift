import CPangoCairo
import Foundation
import HandoutLayout

/// Page images to check a handout by eye without opening the PDF (`--png`): each page of the
/// display list drawn through `CairoInk`, the PDF's own drawing, on a white Cairo image surface,
/// as PNG. An image holds no structure and no links. The same pages give the same bytes.
public enum PagePreview {
    public static let defaultDPI = 96
    /// Below this the text is a blur; above it a Letter page passes 100 MB of pixels.
    public static let dpiRange = 36...600

    /// One PNG per page, at `dpi` pixels per inch.
    public static func png(_ pages: [Page], dpi: Int) throws(PDFError) -> [Data] {
        try pages.map { page throws(PDFError) in try png(page, scale: Double(dpi) / 72) }
    }

    private static func png(_ page: Page, scale: Double) throws(PDFError) -> Data {
        let surface = try ImageSurface(width: Int32((page.size.width * scale).rounded()), height: Int32((page.size.height * scale).rounded()))
        let cr = cairo_create(surface.pointer)!
        defer { cairo_destroy(cr) }
        cairo_set_source_rgb(cr, 1, 1, 1)
        cairo_paint(cr)
        cairo_scale(cr, scale, scale)
        for item in page.items { CairoInk.draw(item, cr: cr) }
        try check(cairo_status(cr), failure: PDFError.preview)
        return Data(try surface.png())
    }
}
