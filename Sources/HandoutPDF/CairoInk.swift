import CPangoCairo
import HandoutLayout

/// What a display item puts on a Cairo surface, whichever the surface: the one drawing of text,
/// rules, frames, fills and pictures that the PDF and the page previews share. The structure around it
/// (tags, links, bookmarks) is the PDF drawer's alone.
enum CairoInk {
    /// Draws `item`, a line of text in one piece; items that only structure the page draw nothing.
    static func draw(_ item: DisplayItem, cr: OpaquePointer) {
        draw(item, cr: cr) { run in run.shaped.withLayoutLine(run.lineIndex) { show($0, at: run.origin, cr: cr) } }
    }

    /// Draws `item`, a line of text through `showText` once its colour is set (the PDF draws a
    /// line with links in tagged pieces).
    static func draw(_ item: DisplayItem, cr: OpaquePointer, showText: (TextRun) -> Void) {
        switch item {
        case let .text(run):
            setColor(cr, run.shaped.style.color)
            showText(run)
        case let .fill(rect, color):
            setColor(cr, color)
            cairo_rectangle(cr, rect.x, rect.y, rect.width, rect.height)
            cairo_fill(cr)
        case let .fills(rects, color):
            setColor(cr, color)
            for rect in rects { cairo_rectangle(cr, rect.x, rect.y, rect.width, rect.height) }
            cairo_fill(cr)
        case let .image(picture, rect):
            cairo_save(cr)
            cairo_translate(cr, rect.x, rect.y)
            cairo_scale(cr, rect.width / picture.size.width, rect.height / picture.size.height)
            cairo_set_source_surface(cr, picture.surface, 0, 0)
            cairo_rectangle(cr, 0, 0, picture.size.width, picture.size.height)
            cairo_fill(cr)
            cairo_restore(cr)
        case let .frame(rect, color, lineWidth):
            setColor(cr, color)
            cairo_set_line_width(cr, lineWidth)
            cairo_rectangle(cr, rect.x, rect.y, rect.width, rect.height)
            cairo_stroke(cr)
        case let .polyline(points, color, lineWidth):
            guard let first = points.first else { return }
            setColor(cr, color)
            cairo_set_line_width(cr, lineWidth)
            cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND)
            cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND)
            cairo_move_to(cr, first.x, first.y)
            for point in points.dropFirst() { cairo_line_to(cr, point.x, point.y) }
            cairo_stroke(cr)
            cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT)
            cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER)
        case let .line(from, to, color, lineWidth):
            setColor(cr, color)
            cairo_set_line_width(cr, lineWidth)
            cairo_move_to(cr, from.x, from.y)
            cairo_line_to(cr, to.x, to.y)
            cairo_stroke(cr)
        case .beginTag, .endTag, .outline:
            break
        }
    }

    /// Draws a whole line of text with its baseline's left end at `origin`.
    static func show(_ line: UnsafeMutablePointer<PangoLayoutLine>, at origin: Point, cr: OpaquePointer) {
        cairo_move_to(cr, origin.x, origin.y)
        pango_cairo_show_layout_line(cr, line)
    }

    private static func setColor(_ cr: OpaquePointer, _ color: Color) {
        cairo_set_source_rgb(cr, color.red, color.green, color.blue)
    }
}
