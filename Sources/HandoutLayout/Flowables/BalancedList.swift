/// A list of short items in two columns, the first half on the left: one list to a screen
/// reader (read down the left column, then the right), half the height on the page. Kept on
/// one page; it is only used for items of one line each.
struct BalancedList: Flowable {
    let left: Container
    let right: Container
    let gutter: Double
    let spaceBefore: Double

    var height: Double { max(left.height, right.height) }

    func split(toFit available: Double, pageHeight: Double) -> (Flowable, Flowable)? { nil }

    func place(at origin: Point, width: Double, into items: inout [DisplayItem]) {
        let column = (width - gutter) / 2
        items.append(.beginTag(.list))
        left.place(at: origin, width: column, into: &items)
        right.place(at: Point(x: origin.x + column + gutter, y: origin.y), width: column, into: &items)
        items.append(.endTag(.list))
    }
}
