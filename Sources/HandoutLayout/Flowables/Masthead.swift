/// The clinic line at the top of page 1: name at the left, contact at the right
/// (or under the name when both do not fit on one line).
struct Masthead: Flowable {
    let left: ShapedText
    let right: ShapedText
    let width: Double
    let spaceBefore: Double = 0

    private var sideBySide: Bool { left.width + right.width + 24 <= width }

    private var textHeight: Double { sideBySide ? max(left.height, right.height) : left.height + right.height }
    /// Room under the text for the accent rule.
    private let ruleSpace = 10.0

    var height: Double { textHeight + ruleSpace }

    func split(toFit available: Double, pageHeight: Double) -> (Flowable, Flowable)? { nil }

    func place(at origin: Point, width: Double, into items: inout [DisplayItem]) {
        for (text, position) in [(left, origin), (right, rightOrigin(origin))] {
            items.append(.beginTag(.paragraph))
            placeLines(of: text, 0..<text.lines.count, at: position, into: &items)
            items.append(.endTag(.paragraph))
        }
        let ruleY = origin.y + textHeight + ruleSpace / 2
        items.append(.line(from: Point(x: origin.x, y: ruleY), to: Point(x: origin.x + width, y: ruleY), Palette.accent, lineWidth: 2))
    }

    private func rightOrigin(_ origin: Point) -> Point {
        sideBySide ? Point(x: origin.x + width - right.width, y: origin.y) : Point(x: origin.x, y: origin.y + left.height)
    }
}
