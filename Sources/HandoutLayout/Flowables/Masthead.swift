/// The clinic line at the top of page 1: the logo, if any, then the name at the left, contact at
/// the right (or under the name when both do not fit on one line).
struct Masthead: Flowable {
    /// The clinic's logo, scaled to `size`, and what a screen reader says for it.
    struct Logo {
        let picture: Picture
        let size: Size
        let alt: String
    }

    let logo: Logo?
    let left: ShapedText
    let right: ShapedText
    let width: Double
    /// Between the logo and the name.
    let gap: Double
    let spaceBefore: Double = 0

    private var textX: Double { logo.map { $0.size.width + gap } ?? 0 }

    private var sideBySide: Bool { textX + left.width + right.width + 24 <= width }

    private var textHeight: Double { sideBySide ? max(left.height, right.height) : left.height + right.height }
    /// The text beside the logo is centred on it.
    private var textTop: Double { max(0, ((logo?.size.height ?? 0) - textHeight) / 2) }
    private var contentHeight: Double { max(logo?.size.height ?? 0, textHeight) }
    /// Room under the text for the accent rule.
    private let ruleSpace = 10.0

    var height: Double { contentHeight + ruleSpace }

    func split(toFit available: Double, pageHeight: Double) -> (Flowable, Flowable)? { nil }

    func place(at origin: Point, width: Double, into items: inout [DisplayItem]) {
        if let logo {
            items.append(.beginTag(.figure(alt: logo.alt)))
            items.append(.image(logo.picture, Rect(x: origin.x, y: origin.y, width: logo.size.width, height: logo.size.height)))
            items.append(.endTag(.figure(alt: logo.alt)))
        }
        let text = Point(x: origin.x + textX, y: origin.y + textTop)
        for (shaped, position) in [(left, text), (right, rightOrigin(text, width: width))] {
            items.append(.beginTag(.paragraph))
            placeLines(of: shaped, 0..<shaped.lines.count, at: position, into: &items)
            items.append(.endTag(.paragraph))
        }
        let ruleY = origin.y + contentHeight + ruleSpace / 2
        items.append(.line(from: Point(x: origin.x, y: ruleY), to: Point(x: origin.x + width, y: ruleY), Palette.accent, lineWidth: 2))
    }

    private func rightOrigin(_ text: Point, width: Double) -> Point {
        sideBySide ? Point(x: text.x - textX + width - right.width, y: text.y) : Point(x: text.x, y: text.y + left.height)
    }
}
