/// Blank ruled lines to write on; furniture, so not tagged.
struct WritingLines: Flowable {
    var count: Int
    let lineHeight: Double
    let spaceBefore: Double

    var height: Double { Double(count) * lineHeight }

    func split(toFit available: Double, pageHeight: Double) -> (Flowable, Flowable)? { nil }

    var writingLineBlocks: Int { 1 }

    func withExtraWritingLines(_ extra: Int) -> Flowable {
        var grown = self
        grown.count += extra
        return grown
    }

    func place(at origin: Point, width: Double, into items: inout [DisplayItem]) {
        for index in stride(from: 1, through: count, by: 1) {
            let y = origin.y + Double(index) * lineHeight - 2
            items.append(.line(from: Point(x: origin.x, y: y), to: Point(x: origin.x + width, y: y), Palette.writingLine, lineWidth: 0.75))
        }
    }
}
