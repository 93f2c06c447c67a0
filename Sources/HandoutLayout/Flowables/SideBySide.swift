/// Two columns placed next to each other, kept on one page: a page with no room for them
/// passes them to the next. Only where they may split (`keepTogether`: taller than a page, or
/// in large print in much room) do they, as `stacked`: the same content one after the other.
struct SideBySide: Flowable {
    let left: Flowable
    let right: Flowable
    let stacked: Flowable
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
        left.place(at: origin, width: column, into: &items)
        right.place(at: Point(x: origin.x + column + gutter, y: origin.y), width: column, into: &items)
    }
}
