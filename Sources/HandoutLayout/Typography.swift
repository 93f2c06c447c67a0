/// One text look: the font family is the same everywhere (one sans-serif family).
public struct TextStyle: Sendable, Hashable {
    public var size: Double
    public var bold: Bool
    public var italic: Bool
    public var color: Color
    /// Baseline-to-baseline distance as a multiple of the font's line height (Noto Sans's is
    /// 1.36 em, so 1.1 puts baselines 1.5 em apart: WCAG 1.4.12's line height).
    public var lineSpacing: Double

    public init(size: Double, bold: Bool = false, italic: Bool = false, color: Color, lineSpacing: Double) {
        self.size = size
        self.bold = bold
        self.italic = italic
        self.color = color
        self.lineSpacing = lineSpacing
    }
}

/// Colors: near-black text on white, one accent for headings and rules, a light tint for boxes.
public enum Palette {
    public static let text = Color(hex: 0x1A1A1A)
    public static let accent = Color(hex: 0x1F3A5F)
    public static let muted = Color(hex: 0x4A4A4A)
    public static let tint = Color(hex: 0xE9EFF6)
    public static let rule = Color(hex: 0x8A9BB0)
    public static let writingLine = Color(hex: 0x9A9A9A)
    public static let link = Color(hex: 0x1B4F8A)
    public static let white = Color(hex: 0xFFFFFF)
}

/// Sizes and spacing for one reading size (health-literacy guidance, DESIGN.md §3).
public struct Typography: Sendable, Hashable {
    public static let fontFamily = "Noto Sans"

    public var body: TextStyle
    public var title: TextStyle
    public var section: TextStyle
    public var subsection: TextStyle
    public var tableText: TextStyle
    public var tableHeader: TextStyle
    public var furniture: TextStyle
    /// The sources: references are looked up, not read through, so they are set smaller.
    public var reference: TextStyle
    /// Gap between blocks of running text, and the smaller one between list items or
    /// questions (lines 1.5 em apart already part them; the bullet marks each start).
    public var paragraphGap: Double
    public var itemGap: Double
    /// Gap before a section heading (level 2), and before a subsection heading (level 3).
    public var sectionGap: Double
    public var subsectionGap: Double
    /// Indent of list text (the label hangs in it).
    public var listIndent: Double
    public var cellPadding: Double
    public var boxPadding: Double
    /// Height of one blank writing line.
    public var writingLineHeight: Double
    /// Lines the footer may take: the clinic and version, then the printed-on date; in large
    /// print each of the three takes a line of its own.
    public var footerLines: Int
    /// The share of a page a kept-together block (a box, a checklist, two columns) may leave
    /// empty by moving whole to the next page; when it would leave more, it splits there and goes
    /// on under its "continued" cue. Nil: it moves whole whenever it fits on a page. Large print
    /// only: its boxes are so tall that moving them left half pages empty.
    public var emptyShareBeforeSplitting: Double?

    public static let standard = Typography(bodySize: 12, titleSize: 22, sectionSize: 16, subsectionSize: 13.5, furnitureSize: 10,
                                            furnitureSpacing: 1.15, footerLines: 2, emptyShareBeforeSplitting: nil)
    /// ACB large print: every glyph 18 pt or more (the furniture and the sources too), headings
    /// 26/22/20 pt bold. The furniture's lines are one-line items read apart, so they are set at
    /// the font's own line height: four or five of them on every page would otherwise cost the
    /// content a tenth of it.
    public static let largePrint = Typography(bodySize: 18, titleSize: 26, sectionSize: 22, subsectionSize: 20, furnitureSize: 18,
                                              furnitureSpacing: 1, footerLines: 3, emptyShareBeforeSplitting: 0.2)

    init(bodySize: Double, titleSize: Double, sectionSize: Double, subsectionSize: Double, furnitureSize: Double, furnitureSpacing: Double,
         footerLines: Int, emptyShareBeforeSplitting: Double?) {
        let spacing = 1.1
        body = TextStyle(size: bodySize, color: Palette.text, lineSpacing: spacing)
        title = TextStyle(size: titleSize, bold: true, color: Palette.accent, lineSpacing: 0.95)
        section = TextStyle(size: sectionSize, bold: true, color: Palette.accent, lineSpacing: 0.95)
        subsection = TextStyle(size: subsectionSize, bold: true, color: Palette.text, lineSpacing: 0.95)
        tableText = TextStyle(size: bodySize, color: Palette.text, lineSpacing: 1.05)
        tableHeader = TextStyle(size: bodySize, bold: true, color: Palette.text, lineSpacing: 1.05)
        furniture = TextStyle(size: furnitureSize, color: Palette.muted, lineSpacing: furnitureSpacing)
        reference = TextStyle(size: furnitureSize, color: Palette.text, lineSpacing: spacing)
        paragraphGap = bodySize * 0.5
        itemGap = bodySize * 0.15
        sectionGap = bodySize * 1.1
        subsectionGap = bodySize * 0.9
        listIndent = bodySize * 1.6
        cellPadding = bodySize * 0.4
        boxPadding = bodySize * 0.9
        writingLineHeight = bodySize * 2.1
        self.footerLines = footerLines
        self.emptyShareBeforeSplitting = emptyShareBeforeSplitting
    }
}
