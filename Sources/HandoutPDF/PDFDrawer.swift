import CPangoCairo
import Foundation
import HandoutCore
import HandoutLayout

/// Draws laid-out pages on a Cairo PDF surface, in memory: text, rules, fills, links,
/// structure tags, the outline and the document metadata. Reads the display list only.
enum PDFDrawer {
    static func draw(_ pages: [Page], metadata: Document.Metadata,
                     maximumBytes: Int = PDFSurface.defaultMaximumBytes) throws(PDFError) -> [UInt8] {
        // Every page has the first page's size: calling cairo_pdf_surface_set_size per page
        // makes cairo 1.16 abort when it writes the outline.
        let size = pages.first?.size ?? Paper.letter.size
        let surface = try PDFSurface(size: size, maximumBytes: maximumBytes)
        setMetadata(surface, metadata)
        try drawPages(pages, on: CairoContext(surface), size: size)
        return try surface.finish()
    }

    private static func drawPages(_ pages: [Page], on context: CairoContext, size: Size) {
        let cr = context.pointer
        // A page-sized clip on every drawing: without one, Cairo 1.16's recording surface takes
        // a colour glyph (an emoji) drawn first on a page for a paint of the whole page and drops
        // the structure tags already begun there, then aborts writing the outline
        // (cairo-recording-surface.c, _cairo_recording_surface_paint). The clip writes nothing.
        cairo_rectangle(cr, 0, 0, size.width, size.height)
        cairo_clip(cr)
        cairo_tag_begin(cr, StructureRole.documentType, nil)
        var outline = OutlineBuilder(surface: context.surface.pointer)
        let order = drawingOrder(pages)
        for (index, items) in order.enumerated() {
            for item in items {
                draw(item, cr: cr, page: index + 1, outline: &outline)
            }
            if index + 1 < order.count { cairo_show_page(cr) }
        }
        cairo_tag_end(cr, StructureRole.documentType)
    }

    /// Each page's items as drawn: the furniture first, outside every tag; then the content,
    /// with every element still open at the bottom of a page ended there and begun again at
    /// the top of the next. Cairo 1.16 cannot mark artifacts, so anything drawn while a tag is
    /// open lands inside that element: a paragraph or table that runs on becomes two elements
    /// of the same type, and the next page's furniture stays out of it.
    static func drawingOrder(_ pages: [Page]) -> [[DisplayItem]] {
        var open: [StructureRole] = []
        return pages.map { page in
            let reopened = open.map(DisplayItem.beginTag)
            for item in page.content {
                if case let .beginTag(role) = item { open.append(role) }
                if case .endTag = item { open.removeLast() }
            }
            return page.furniture + reopened + page.content + open.reversed().map(DisplayItem.endTag)
        }
    }

    private static func setMetadata(_ surface: PDFSurface, _ metadata: Document.Metadata) {
        let date = metadata.date.description + "T00:00:00Z"
        let entries: [(cairo_pdf_metadata_t, String)] = [
            (CAIRO_PDF_METADATA_TITLE, metadata.title),
            (CAIRO_PDF_METADATA_AUTHOR, metadata.author),
            (CAIRO_PDF_METADATA_SUBJECT, metadata.subject),
            (CAIRO_PDF_METADATA_KEYWORDS, metadata.keywords.joined(separator: ", ")),
            (CAIRO_PDF_METADATA_CREATOR, "Handout"),
            (CAIRO_PDF_METADATA_CREATE_DATE, date),
            (CAIRO_PDF_METADATA_MOD_DATE, date),
        ]
        for (key, value) in entries { cairo_pdf_surface_set_metadata(surface.pointer, key, value) }
    }

    private static func draw(_ item: DisplayItem, cr: OpaquePointer, page: Int, outline: inout OutlineBuilder) {
        switch item {
        case let .text(run):
            setColor(cr, run.shaped.style.color)
            cairo_move_to(cr, run.origin.x, run.origin.y)
            run.shaped.withLayoutLine(run.lineIndex) { pango_cairo_show_layout_line(cr, $0) }
        case let .fill(rect, color):
            setColor(cr, color)
            cairo_rectangle(cr, rect.x, rect.y, rect.width, rect.height)
            cairo_fill(cr)
        case let .frame(rect, color, lineWidth):
            setColor(cr, color)
            cairo_set_line_width(cr, lineWidth)
            cairo_rectangle(cr, rect.x, rect.y, rect.width, rect.height)
            cairo_stroke(cr)
        case let .line(from, to, color, lineWidth):
            setColor(cr, color)
            cairo_set_line_width(cr, lineWidth)
            cairo_move_to(cr, from.x, from.y)
            cairo_line_to(cr, to.x, to.y)
            cairo_stroke(cr)
        case let .link(rect, target):
            // LinkTarget holds URI-safe ASCII only (no quote, parenthesis or backslash): it can
            // close neither Cairo's attribute string nor the PDF string Cairo copies it into.
            let attributes = String(format: "rect=[%.2f %.2f %.2f %.2f] uri='%@'", rect.x, rect.y, rect.width, rect.height, target.uri)
            cairo_tag_begin(cr, CAIRO_TAG_LINK, attributes)
            cairo_tag_end(cr, CAIRO_TAG_LINK)
        case let .beginTag(role):
            cairo_tag_begin(cr, role.pdfStructureType, nil)
        case let .endTag(role):
            cairo_tag_end(cr, role.pdfStructureType)
        case let .outline(level, title, y):
            outline.add(level: level, title: title, page: page, y: y)
        }
    }

    private static func setColor(_ cr: OpaquePointer, _ color: Color) {
        cairo_set_source_rgb(cr, color.red, color.green, color.blue)
    }
}

/// Bookmarks nested by heading level.
private struct OutlineBuilder {
    let surface: OpaquePointer
    /// The last bookmark id at each level; level 0 is the root.
    var parents: [Int32] = [Int32(CAIRO_PDF_OUTLINE_ROOT)]

    init(surface: OpaquePointer) {
        self.surface = surface
    }

    mutating func add(level: Int, title: String, page: Int, y: Double) {
        let depth = min(max(level, 1), parents.count)
        let parent = parents[depth - 1]
        let flags = level <= 2 ? CAIRO_PDF_OUTLINE_FLAG_OPEN : cairo_pdf_outline_flags_t(0)
        let id = cairo_pdf_surface_add_outline(surface, parent, title, String(format: "page=%d pos=[0 %.2f]", page, y), flags)
        parents = Array(parents.prefix(depth)) + [id]
    }
}
