/// Where things go on a page: the content frame between the running header and the footer.
public struct PageFrame: Sendable, Hashable {
    public let paper: Size
    public let content: Rect
    /// Baselines of the running header and the footer.
    let headerBaseline: Double
    let footerBaseline: Double

    public init(paper: Paper, typography: Typography) {
        self.paper = paper.size
        let side = 72.0
        let band = typography.furniture.size * 1.4
        headerBaseline = 28 + band
        footerBaseline = paper.size.height - 24 - typography.furniture.size * 0.5
        let top = headerBaseline + band
        let bottom = footerBaseline - band * 1.5
        content = Rect(x: side, y: top, width: paper.size.width - 2 * side, height: bottom - top)
    }

    /// The area nothing may cross: the page less a 0.5 inch margin on every side.
    public var printable: Rect {
        Rect(x: 36, y: 24, width: paper.width - 72, height: paper.height - 48)
    }
}
