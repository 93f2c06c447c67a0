/// A paragraph or heading: lines of one shaped text, split between lines with at least
/// two lines left on each side of a page break (no widows, no orphans).
struct TextBlock: Flowable, SplitPieces {
    let shaped: ShapedText
    var lines: Range<Int>
    let role: StructureRole?
    let spaceBefore: Double
    let keepWithNext: Bool
    /// A heading's bookmark: set on the piece that starts the heading.
    var outline: (level: Int, title: String)?
    var isFirstPiece = true
    var isLastPiece = true
    /// Lines kept together at each side of a break.
    static let minimumLinesAtBreak = 2

    init(_ shaped: ShapedText, role: StructureRole?, spaceBefore: Double, keepWithNext: Bool = false,
         outline: (level: Int, title: String)? = nil) {
        self.shaped = shaped
        self.lines = 0..<shaped.lines.count
        self.role = role
        self.spaceBefore = spaceBefore
        self.keepWithNext = keepWithNext
        self.outline = outline
    }

    var height: Double { shaped.height(of: lines) }

    /// A heading never splits; a paragraph that keeps with what follows (a lead-in) may, its
    /// last lines then going on with what it introduces.
    private var canSplit: Bool {
        if case .heading = role { return false }
        return lines.count >= 2 * Self.minimumLinesAtBreak
    }

    var minimumLeadHeight: Double {
        canSplit ? shaped.height(of: lines.lowerBound..<(lines.lowerBound + Self.minimumLinesAtBreak)) : height
    }

    func split(toFit available: Double, pageHeight: Double) -> (Flowable, Flowable)? {
        splitLines(toFit: available)
    }

    func splitLines(toFit available: Double) -> (TextBlock, TextBlock)? {
        guard canSplit else { return nil }
        let most = lines.count - Self.minimumLinesAtBreak
        let fitting = (Self.minimumLinesAtBreak...most).last { count in
            shaped.height(of: lines.lowerBound..<(lines.lowerBound + count)) <= available + epsilon
        }
        guard let fitting else { return nil }
        let cut = lines.lowerBound + fitting
        return pieces(head: { $0.lines = lines.lowerBound..<cut }, tail: { rest in
            rest.lines = cut..<lines.upperBound
            rest.outline = nil
        })
    }

    func place(at origin: Point, width: Double, into items: inout [DisplayItem]) {
        if let outline, isFirstPiece {
            items.append(.outline(level: outline.level, title: outline.title, y: origin.y))
        }
        if let role, isFirstPiece { items.append(.beginTag(role)) }
        placeLines(of: shaped, lines, at: origin, into: &items)
        if let role, isLastPiece { items.append(.endTag(role)) }
    }
}

/// Places `range` of `shaped` with the top of its first line at `origin.y`.
func placeLines(of shaped: ShapedText, _ range: Range<Int>, at origin: Point, into items: inout [DisplayItem]) {
    guard let first = range.first else { return }
    let shift = origin.y - shaped.lines[first].top
    for index in range {
        let line = shaped.lines[index]
        items.append(.text(TextRun(shaped: shaped, lineIndex: index, origin: Point(x: origin.x, y: shift + line.baseline))))
    }
}
