/// A list of short items in two columns, the first half on the left: one list to a screen
/// reader (read down the left column, then the right), half the height on the page. Kept on
/// one page; it is only used for items of one line each.
struct BalancedList: Flowable {
    let items: [LabeledItem]
    let gutter: Double
    let spaceBefore: Double

    private var leftCount: Int { (items.count + 1) / 2 }
    private var left: ArraySlice<LabeledItem> { items[..<leftCount] }
    private var right: ArraySlice<LabeledItem> { items[leftCount...] }

    var height: Double { max(stackedHeight(Array(left)), stackedHeight(Array(right))) }

    func split(toFit available: Double, pageHeight: Double) -> (Flowable, Flowable)? { nil }

    func place(at origin: Point, width: Double, into items: inout [DisplayItem]) {
        let column = (width - gutter) / 2
        items.append(.beginTag(.list))
        for (half, x) in [(left, origin.x), (right, origin.x + column + gutter)] {
            var y = origin.y
            for (index, item) in half.enumerated() {
                if index > 0 { y += item.spaceBefore }
                item.place(at: Point(x: x, y: y), width: column, into: &items)
                y += item.height
            }
        }
        items.append(.endTag(.list))
    }
}
