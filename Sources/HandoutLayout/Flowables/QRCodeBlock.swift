/// A QR code with its caption (what it is for, then the address it opens) under it, kept
/// together. The code is a Figure read by its alt text; the caption a paragraph of its own.
struct QRCodeBlock: Flowable {
    let matrix: QRCodeMatrix
    let alt: String
    /// The code's side, in points.
    let side: Double
    let caption: ShapedText
    let spaceBefore: Double

    /// QR codes want four modules of blank around them; the page margin gives it at the left.
    private var quietZone: Double { side / Double(matrix.count) * 4 }

    var height: Double { quietZone + side + quietZone / 2 + caption.height }

    func split(toFit available: Double, pageHeight: Double) -> (Flowable, Flowable)? { nil }

    func place(at origin: Point, width: Double, into items: inout [DisplayItem]) {
        let module = side / Double(matrix.count)
        let top = origin.y + quietZone
        let dark = matrix.runs.map { Rect(x: origin.x + $0.x * module, y: top + $0.y * module, width: $0.width * module, height: module) }
        items.append(.beginTag(.figure(alt: alt)))
        items.append(.fills(dark, Palette.text))
        items.append(.endTag(.figure(alt: alt)))
        items.append(.beginTag(.paragraph))
        placeLines(of: caption, 0..<caption.lines.count, at: Point(x: origin.x, y: top + side + quietZone / 2), into: &items)
        items.append(.endTag(.paragraph))
    }
}
