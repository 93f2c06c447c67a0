import CPangoCairo
import HandoutLayout

/// A Pango line's runs, drawn a stretch of consecutive runs at a time (a link's runs inside
/// its tag) through `pango_cairo_show_glyph_item`: the line is only read, never edited (Pango's
/// lines are read-only). A stretch is drawn as `pango_cairo_show_layout_line` draws a line of
/// those runs alone: the same glyph positions, and each run's colour and underline from its
/// attributes, which that call applies and `pango_cairo_show_glyph_item` does not.
struct LineRuns {
    private let text: UnsafePointer<CChar>
    private let runs: [UnsafeMutablePointer<PangoGlyphItem>]

    init(_ line: UnsafeMutablePointer<PangoLayoutLine>) {
        text = pango_layout_get_text(line.pointee.layout)
        var runs: [UnsafeMutablePointer<PangoGlyphItem>] = []
        var node = line.pointee.runs
        while let current = node {
            runs.append(current.pointee.data.assumingMemoryBound(to: PangoGlyphItem.self))
            node = current.pointee.next
        }
        self.runs = runs
    }

    var count: Int { runs.count }

    /// Where run `index` begins in the layout's text, in bytes.
    func byteOffset(of index: Int) -> Int {
        Int(runs[index].pointee.item.pointee.offset)
    }

    /// Where the text of runs `range` begins in the layout's text, in bytes: the smallest offset,
    /// since a line's runs are in visual order.
    func byteOffset(of range: Range<Int>) -> Int {
        range.map(byteOffset(of:)).min() ?? 0
    }

    /// How far runs `range` advance, in Pango units.
    func width(of range: Range<Int>) -> Int32 {
        runs[range].reduce(0) { $0 + pango_glyph_string_get_width($1.pointee.glyphs) }
    }

    /// Draws runs `range` with the left end of their baseline at `origin`.
    func draw(_ range: Range<Int>, at origin: Point, cr: OpaquePointer) {
        // Pango draws from Cairo's current point, which Cairo keeps in 1/256ths of a point: the
        // stretch starts where a line drawn there would.
        cairo_move_to(cr, origin.x, origin.y)
        var start = (x: 0.0, y: 0.0)
        cairo_get_current_point(cr, &start.x, &start.y)
        // With no current point pango_cairo_show_glyph_item draws at the origin, which a
        // translation puts where Pango puts a line's run: the same sum, so the same position to
        // the last bit (moving to each run would round it to Cairo's 1/256ths).
        cairo_new_path(cr)
        var offset: Int32 = 0
        var underline = Underline(start: start)
        for run in runs[range] {
            let looks = RunLooks(run.pointee.item)
            underline.begin(looks, cr: cr)
            let width = pango_glyph_string_get_width(run.pointee.glyphs)
            let end = offset + width
            offset += run.pointee.start_x_offset
            cairo_save(cr)
            cairo_translate(cr, start.x + Double(offset) / pangoScale, start.y - Double(run.pointee.y_offset) / pangoScale)
            if let color = looks.foreground { RunLooks.set(color, cr: cr) }
            pango_cairo_show_glyph_item(cr, text, run)
            cairo_restore(cr)
            underline.add(run, at: offset, end: end, looks: looks, cr: cr)
            offset += width + run.pointee.end_x_offset
        }
        underline.finish(cr: cr)
    }
}

private let pangoScale = Double(PANGO_SCALE)

/// What `pango_cairo_show_layout_line` takes from a run's attributes besides its font: its
/// colour and its underline (the single underline `TextShaper` gives a link). The last of each
/// kind wins, as in Pango's `prepare_run`.
private struct RunLooks {
    var foreground: PangoColor?
    var underlineColor: PangoColor?
    var underlined = false

    init(_ item: UnsafeMutablePointer<PangoItem>) {
        var node = item.pointee.analysis.extra_attrs
        while let current = node {
            let attribute = current.pointee.data.assumingMemoryBound(to: PangoAttribute.self)
            switch attribute.pointee.klass.pointee.type {
            case PANGO_ATTR_FOREGROUND: foreground = Self.color(attribute)
            case PANGO_ATTR_UNDERLINE_COLOR: underlineColor = Self.color(attribute)
            case PANGO_ATTR_UNDERLINE:
                let value = UnsafeMutableRawPointer(attribute).assumingMemoryBound(to: PangoAttrInt.self).pointee.value
                underlined = value == Int32(PANGO_UNDERLINE_SINGLE.rawValue)
            default: break
            }
            node = current.pointee.next
        }
        underlineColor = underlineColor ?? foreground
    }

    private static func color(_ attribute: UnsafeMutablePointer<PangoAttribute>) -> PangoColor {
        UnsafeMutableRawPointer(attribute).assumingMemoryBound(to: PangoAttrColor.self).pointee.color
    }

    /// Pango's conversion of its 16-bit colour.
    static func set(_ color: PangoColor, cr: OpaquePointer) {
        cairo_set_source_rgba(cr, Double(color.red) / 65535, Double(color.green) / 65535, Double(color.blue) / 65535, 1)
    }
}

/// Pango's single underline (pango-renderer.c: `add_underline`, `draw_underline`, and
/// `handle_line_state_change` when a run's underline colour differs from the run before).
/// Consecutive underlined runs whose lines sit at the same height with the same thickness share
/// one rectangle, filled after the glyphs of the run that ends it in that run's colour; a change
/// of colour first fills what is pending up to the previous run's end, in the previous colour.
private struct Underline {
    let start: (x: Double, y: Double)
    private var pending: PangoRectangle?
    private var color: PangoColor?
    /// Where the last run's logical box ends, in Pango units from the stretch's start.
    private var end: Int32 = 0

    init(start: (x: Double, y: Double)) {
        self.start = start
    }

    /// Before a run's glyphs are drawn.
    mutating func begin(_ looks: RunLooks, cr: OpaquePointer) {
        guard !Self.same(looks.underlineColor, color) else { return }
        if var line = pending {
            line.width = end - line.x
            fill(line, cr: cr)
            pending = looks.underlined ? PangoRectangle(x: end, y: line.y, width: 0, height: line.height) : nil
        }
        color = looks.underlineColor
    }

    /// After a run's glyphs are drawn, `offset` from the stretch's start; `end`: where its logical box ends.
    mutating func add(_ run: UnsafeMutablePointer<PangoGlyphItem>, at offset: Int32, end: Int32, looks: RunLooks, cr: OpaquePointer) {
        self.end = end
        guard looks.underlined else { return finish(cr: cr) }
        let font = run.pointee.item.pointee.analysis.font
        let metrics = pango_font_get_metrics(font, run.pointee.item.pointee.analysis.language)
        defer { pango_font_metrics_unref(metrics) }
        var ink = PangoRectangle()
        var logical = PangoRectangle()
        pango_glyph_string_extents(run.pointee.glyphs, font, &ink, &logical)
        let rect = PangoRectangle(x: offset + min(ink.x, logical.x), y: -run.pointee.y_offset - pango_font_metrics_get_underline_position(metrics),
                                  width: max(ink.width, logical.width), height: pango_font_metrics_get_underline_thickness(metrics))
        if let line = pending, line.y == rect.y, line.height == rect.height {
            pending?.width = rect.x + rect.width - line.x
        } else {
            finish(cr: cr)
            pending = rect
        }
    }

    /// Fills the rectangle waiting to be drawn, if any.
    mutating func finish(cr: OpaquePointer) {
        guard let line = pending else { return }
        pending = nil
        fill(line, cr: cr)
    }

    private func fill(_ rect: PangoRectangle, cr: OpaquePointer) {
        cairo_save(cr)
        if let color { RunLooks.set(color, cr: cr) }
        cairo_rectangle(cr, start.x + Double(rect.x) / pangoScale, start.y + Double(rect.y) / pangoScale,
                        Double(rect.width) / pangoScale, Double(rect.height) / pangoScale)
        cairo_fill(cr)
        cairo_restore(cr)
    }

    /// Whether Pango takes two underline colours for the same (no colour is a colour of its own).
    private static func same(_ one: PangoColor?, _ other: PangoColor?) -> Bool {
        guard let one, let other else { return one == nil && other == nil }
        return (one.red, one.green, one.blue) == (other.red, other.green, other.blue)
    }
}
