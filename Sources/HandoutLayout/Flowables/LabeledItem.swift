/// What hangs in a list item's indent: a bullet, or a check box drawn as a square at the text's
/// size with a bold tick when checked (two glyphs ☐ and ☑ look alike to poor eyesight).
enum ItemLabel {
    case text(ShapedText)
    case checkBox(checked: Bool, side: Double)
}

/// A list item: a label (bullet, check box) hanging in the indent, and a body that splits
/// between lines like a paragraph. Tagged LI › Lbl + LBody.
struct LabeledItem: Flowable, SplitPieces {
    let label: ItemLabel
    /// `.label`, or `.checkBox` for a check box.
    let labelRole: StructureRole
    var body: TextBlock
    let indent: Double
    var isFirstPiece = true
    var isLastPiece = true

    init(label: ItemLabel, labelRole: StructureRole, body: ShapedText, indent: Double, spaceBefore: Double) {
        self.label = label
        self.labelRole = labelRole
        self.body = TextBlock(body, role: nil, spaceBefore: spaceBefore)
        self.indent = indent
    }

    var height: Double { isFirstPiece ? max(body.height, labelHeight) : body.height }
    var spaceBefore: Double { body.spaceBefore }
    var minimumLeadHeight: Double { max(body.minimumLeadHeight, labelHeight) }

    private var labelHeight: Double {
        switch label {
        case let .text(shaped): return shaped.height
        case let .checkBox(_, side): return side
        }
    }

    func split(toFit available: Double, pageHeight: Double) -> (Flowable, Flowable)? {
        guard let (bodyHead, bodyTail) = body.splitLines(toFit: available) else { return nil }
        return pieces(head: { $0.body = bodyHead }, tail: { $0.body = bodyTail })
    }

    func place(at origin: Point, width: Double, into items: inout [DisplayItem]) {
        if isFirstPiece {
            items.append(.beginTag(.listItem))
            items.append(.beginTag(labelRole))
            let bodyFirst = body.shaped.lines[body.lines.lowerBound]
            switch label {
            case let .text(shaped):
                // Align the label's baseline with the first body line's.
                let labelTop = origin.y + bodyFirst.baseline - bodyFirst.top - shaped.lines[0].baseline
                placeLines(of: shaped, 0..<shaped.lines.count, at: Point(x: origin.x, y: labelTop), into: &items)
            case let .checkBox(checked, side):
                // The square sits on the first line's baseline, a little below the capitals' height.
                let box = Rect(x: origin.x, y: origin.y + bodyFirst.baseline - bodyFirst.top - side * 0.9, width: side, height: side)
                items.append(.frame(box, Palette.text, lineWidth: 1.25))
                if checked {
                    items.append(.polyline([Point(x: box.x + side * 0.2, y: box.y + side * 0.52),
                                            Point(x: box.x + side * 0.42, y: box.y + side * 0.76),
                                            Point(x: box.x + side * 0.82, y: box.y + side * 0.24)], Palette.text, lineWidth: side * 0.16))
                }
            }
            items.append(.endTag(labelRole))
            items.append(.beginTag(.listBody))
        }
        body.place(at: Point(x: origin.x + indent, y: origin.y), width: width - indent, into: &items)
        if isLastPiece {
            items.append(.endTag(.listBody))
            items.append(.endTag(.listItem))
        }
    }
}
