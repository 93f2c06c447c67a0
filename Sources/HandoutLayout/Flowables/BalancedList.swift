/// A list of short items in two columns, the first half on the left: one list to a screen
/// reader (read down the left column, then the right), half the height on the page. Kept on
/// one page; it is only used for items of one line each. Where it may split (`keepTogether`),
/// it splits as `stacked`, the same list in one column, so it is still read in order.
struct BalancedList: Flowable {
    let left: Container
    let right: Container
    let stacked: Container
    let gutter: Double
    let spaceBefore: Double
    let keepTogether: KeepTogether

    var height: Double { max(left.height, right.height) }

    var minimumLeadHeight: Double { keepTogether.leadHeight(whole: height, lead: stacked.minimumLeadHeight, spaceBefore: spaceBefore) }

    func split(toFit available: Double, pageHeight: Double) -> (Flowable, Flowable)? {
        keepTogether.allowsSplit(height: height, available: available, spaceBefore: spaceBefore, pageHeight: pageHeight)
            ? stacked.split(toFit: available, pageHeight: pageHeight) : nil
    }

    func place(at origin: Point, width: Double, into items: inout [DisplayItem]) {
        let column = (width - gutter) / 2
        items.append(.beginTag(.list))
        left.place(at: origin, width: column, into: &items)
        right.place(at: Point(x: origin.x + column + gutter, y: origin.y), width: column, into: &items)
        items.append(.endTag(.list))
    }
}
