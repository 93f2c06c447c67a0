/// Where things go on a page: the content frame between the running header and the footer.
public struct PageFrame: Sendable, Hashable {
    public let paper: Size
    public let content: Rect
    /// Baseline of the running header's last line (`Typography.headerLines` lines end there); top
    /// of the footer block (`Typography.footerLines` lines).
    let headerBaseline: Double
    let footerTop: Double

    public init(paper: Paper, typography: Typography) {
        self.paper = paper.size
        let side = typography.body.size > 12 ? 36.0 : 54.0
        // Noto Sans lines are about 1.36 em tall before line spacing.
        let line = typography.furniture.size * 1.36 * typography.furniture.lineSpacing
        headerBaseline = 28 + Double(typography.headerLines) * line
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
