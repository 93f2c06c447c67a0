import HandoutCore
import CPangoCairo

/// A paragraph shaped and broken into lines by Pango at a fixed width. Immutable once
/// made, so the same shaped text serves every handout that prints it. Owns its PangoLayout
/// and lends its lines out only for the length of a call, so the drawer prints the very
/// lines that were measured.
public final class ShapedText {
    private let layout: OpaquePointer
    public let lines: [ShapedLine]
    public let style: TextStyle
    /// Glyphs no installed font covers (drawn as boxes if printed).
    public let unknownGlyphs: Int

    init(layout: OpaquePointer, lines: [ShapedLine], style: TextStyle, unknownGlyphs: Int) {
        self.layout = layout
        self.lines = lines
        self.style = style
        self.unknownGlyphs = unknownGlyphs
    }

    deinit {
        g_object_unref(UnsafeMutableRawPointer(layout))
    }

    /// Calls `body` with line `index` as Pango laid it out (valid only during the call).
    public func withLayoutLine<Result>(_ index: Int, _ body: (UnsafeMutablePointer<PangoLayoutLine>) throws -> Result) rethrows -> Result {
        try body(pango_layout_get_line_readonly(layout, Int32(index)))
    }

    public var height: Double { lines.last?.bottom ?? 0 }
    public var width: Double { lines.map(\.width).max() ?? 0 }

    /// Height of lines `range`, from the top of the first to the bottom of the last.
    func height(of range: Range<Int>) -> Double {
        guard let first = range.first, let last = range.last else { return 0 }
        return lines[last].bottom - lines[first].top
    }
}

/// One line of a `ShapedText`, positions relative to the top of the paragraph.
public struct ShapedLine: Sendable, Hashable {
    public let text: String
    public let top: Double
    public let bottom: Double
    public let baseline: Double
    /// Left edge of the ink-free logical box, and its width.
    public let x: Double
    public let width: Double
    public let links: [LinkSpan]

    public var height: Double { bottom - top }
}

/// A link's text on one line: its bytes in the paragraph's text (the runs Pango laid out for
/// it) and the text itself. The PDF stage draws those runs inside the link's tag.
public struct LinkSpan: Sendable, Hashable {
    public let bytes: Range<Int>
    public let text: String
    public let target: LinkTarget
}
