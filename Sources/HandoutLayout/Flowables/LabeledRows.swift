/// Label/value rows with the values aligned in a second column (the patient block);
/// each row is tagged as one paragraph, read as "Label: value".
struct LabeledRows: Flowable {
    let rows: [(label: ShapedText, value: ShapedText)]
    let labelWidth: Double
    let rowGap: Double
    let spaceBefore: Double

    var height: Double {
        rows.reduce(0) { $0 + max($1.label.height, $1.value.height) } + rowGap * Double(max(rows.count - 1, 0))
    }

    func split(toFit available: Double, pageHeight: Double) -> (Flowable, Flowable)? { nil }

    func place(at origin: Point, width: Double, into items: inout [DisplayItem]) {
        var y = origin.y
        for row in rows {
            items.append(.beginTag(.paragraph))
            placeLines(of: row.label, 0..<row.label.lines.count, at: Point(x: origin.x, y: y), into: &items)
            placeLines(of: row.value, 0..<row.value.lines.count, at: Point(x: origin.x + labelWidth, y: y), into: &items)
            items.append(.endTag(.paragraph))
            y += max(row.label.height, row.value.height) + rowGap
        }
    }
}
