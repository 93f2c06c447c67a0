/// Blocks stacked inside an optional tag and decoration (a list, a tinted or framed box).
/// It splits between its children, or inside one, the same way a page does; one kept
/// together splits only as its `KeepTogether` allows, and its later pieces start with the
/// `continued` cue (page furniture, not read twice).
struct Container: Flowable, SplitPieces {
    enum Decoration {
        case none, tint, frame
    }

    var children: [Flowable]
    let role: StructureRole?
    let decoration: Decoration
    let padding: Double
    let spaceBefore: Double
    /// Nil: split wherever it must, like a page.
    let keepTogether: KeepTogether?
    let continued: TextBlock?
    var isFirstPiece = true
    var isLastPiece = true

    init(_ children: [Flowable], role: StructureRole?, decoration: Decoration = .none, padding: Double = 0, spaceBefore: Double,
         keepTogether: KeepTogether? = nil, continued: TextBlock? = nil) {
        self.children = children
        self.role = role
        self.decoration = decoration
        self.padding = padding
        self.spaceBefore = spaceBefore
        self.keepTogether = keepTogether
        self.continued = continued
    }

    /// The cue this piece starts with, if it continues a kept-together block.
    private var cue: TextBlock? { isFirstPiece ? nil : continued }
    private var cueHeight: Double { cue.map { $0.height + (children.first?.spaceBefore ?? 0) } ?? 0 }

    var height: Double { 2 * padding + cueHeight + stackedHeight(children) }

    var minimumLeadHeight: Double {
        let lead = 2 * padding + cueHeight + leadHeight(children[...])
        return keepTogether?.leadHeight(whole: height, lead: lead, spaceBefore: spaceBefore) ?? lead
    }

    func split(toFit available: Double, pageHeight: Double) -> (Flowable, Flowable)? {
        if let keepTogether, !keepTogether.allowsSplit(height: height, available: available, spaceBefore: spaceBefore, pageHeight: pageHeight) { return nil }
        let inner = available - 2 * padding - cueHeight
        guard inner > 0,
              let result = try? flow(children, available: inner, pageHeight: pageHeight - 2 * padding, mustProgress: false),
              !result.placed.isEmpty, !result.remaining.isEmpty else { return nil }
        return pieces(head: { $0.children = result.placed.map(\.flowable) }, tail: { $0.children = result.remaining })
    }

    func withExtraWritingLines(_ extra: Int) -> Flowable {
        var grown = self
        grown.children = children.map { $0.withExtraWritingLines(extra) }
        return grown
    }

    var writingLineBlocks: Int { children.reduce(0) { $0 + $1.writingLineBlocks } }

    func place(at origin: Point, width: Double, into items: inout [DisplayItem]) {
        let box = Rect(x: origin.x, y: origin.y, width: width, height: height)
        switch decoration {
        case .none: break
        case .tint: items.append(.fill(box, Palette.tint))
        case .frame:
            items.append(.fill(box, Palette.tint))
            items.append(.frame(box, Palette.accent, lineWidth: 1.5))
        }
        if let role, isFirstPiece { items.append(.beginTag(role)) }
        var y = origin.y + padding
        if let cue {
            cue.place(at: Point(x: origin.x + padding, y: y), width: width - 2 * padding, into: &items)
            y += cueHeight
        }
        for (index, child) in children.enumerated() {
            if index > 0 { y += child.spaceBefore }
            child.place(at: Point(x: origin.x + padding, y: y), width: width - 2 * padding, into: &items)
            y += child.height
        }
        if let role, isLastPiece { items.append(.endTag(role)) }
    }
}

/// Height of `items` stacked with their gaps (none before the first).
func stackedHeight(_ items: [Flowable]) -> Double {
    items.enumerated().reduce(0) { total, entry in
        total + (entry.offset == 0 ? 0 : entry.element.spaceBefore) + entry.element.height
    }
}
