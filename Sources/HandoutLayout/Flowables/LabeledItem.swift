/// A list item: a label (bullet, check box) hanging in the indent, and a body that splits
/// between lines like a paragraph. Tagged LI › Lbl + LBody.
struct LabeledItem: Flowable, SplitPieces {
    let label: ShapedText
    /// `.label`, or `.checkBox` for a check box.
    let labelRole: StructureRole
    var body: TextBlock
    let indent: Double
    var isFirstPiece = true
    var isLastPiece = true

    init(label: ShapedText, labelRole: StructureRole, body: ShapedText, indent: Double, spaceBefore: Double) {
        self.label = label
        self.labelRole = labelRole
        self.body = TextBlock(body, role: nil, spaceBefore: spaceBefore)
        self.indent = indent
    }

    var height: Double { isFirstPiece ? max(body.height, label.height) : body.height }
    var spaceBefore: Double { body.spaceBefore }
    var minimumLeadHeight: Double { max(body.minimumLeadHeight, label.height) }

    func split(toFit available: Double, pageHeight: Double) -> (Flowable, Flowable)? {
        guard let (bodyHead, bodyTail) = body.splitLines(toFit: available) else { return nil }
        return pieces(head: { $0.body = bodyHead }, tail: { $0.body = bodyTail })
    }

    func place(at origin: Point, width: Double, into items: inout [DisplayItem]) {
        if isFirstPiece {
            items.append(.beginTag(.listItem))
            items.append(.beginTag(labelRole))
            // Align the label's baseline with the first body line's.
            let bodyFirst = body.shaped.lines[body.lines.lowerBound]
            let labelTop = origin.y + bodyFirst.baseline - bodyFirst.top - label.lines[0].baseline
            placeLines(of: label, 0..<label.lines.count, at: Point(x: origin.x, y: labelTop), into: &items)
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
