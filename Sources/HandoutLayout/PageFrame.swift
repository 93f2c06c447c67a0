/// Where things go on a page: the content frame between the running header and the footer.
public struct PageFrame: Sendable, Hashable {
    public let paper: Size
    public let content: Rect
    public let headerLines: Int
    /// Baseline of the running header's last line (its `headerLines` lines end there); top of
    /// the footer block (`Typography.footerLines` lines).
    let headerBaseline: Double
    let footerTop: Double

    /// `headerLines`: the lines the running header takes (the name, then the date of birth when
    /// both do not fit on one line, as at 18 pt in Spanish).
    public init(paper: Paper, typography: Typography, headerLines: Int = 1) {
        self.paper = paper.size
        self.headerLines = headerLines
        let side = typography.body.size > 12 ? 36.0 : 54.0
        // Noto Sans lines are 1.362 em tall (ascent 1.069, descent 0.293) before line spacing;
        // a little more, so that Pango's rounding never takes the footer's last line past the margin.
        let line = typography.furniture.size * 1.365 * typography.furniture.lineSpacing
        headerBaseline = 28 + Double(headerLines) * line
        footerTop = paper.size.height - 24 - Double(typography.footerLines) * line
        let top = headerBaseline + line
        let bottom = footerTop - line * 0.8
        content = Rect(x: side, y: top, width: paper.size.width - 2 * side, height: bottom - top)
    }

    /// The area nothing may cross: the page less a margin of at least 1/3 inch on every side.
    public var printable: Rect {
        Rect(x: 24, y: 24, width: paper.width - 48, height: paper.height - 48)
    }
}
