/// Some lines of one shaped cell text.
struct CellSlice {
    let shaped: ShapedText
    var lines: Range<Int>

    var height: Double { shaped.height(of: lines) }
}

/// One table row, or the part of one that landed on a page.
struct TableRow {
    var cells: [CellSlice]
    let padding: Double

    var height: Double { (cells.map(\.height).max() ?? 0) + 2 * padding }

    /// Cuts every cell between lines so the first part is at most `available` tall.
    /// Nil when not even one line of any cell fits, or nothing would be left over.
    func split(toFit available: Double) -> (TableRow, TableRow)? {
        let room = available - 2 * padding
        var head = self
        var tail = self
        for (index, cell) in cells.enumerated() {
            let taken = cell.lines.prefix { line in cell.shaped.height(of: cell.lines.lowerBound..<(line + 1)) <= room + epsilon }
            let cut = taken.last.map { $0 + 1 } ?? cell.lines.lowerBound
            head.cells[index].lines = cell.lines.lowerBound..<cut
            tail.cells[index].lines = cut..<cell.lines.upperBound
        }
        let headHasText = head.cells.contains { !$0.lines.isEmpty }
        let tailHasText = tail.cells.contains { !$0.lines.isEmpty }
        return headHasText && tailHasText ? (head, tail) : nil
    }
}

/// A table with a shaded header row repeated on every page it spans. A row that does not
/// fit moves whole to the next page when it fits there; a row taller than a page splits
/// between the lines of its cells, never through a line.
struct TableFlowable: Flowable, SplitPieces {
    let columnWidths: [Double]
    let header: TableRow
    var rows: [TableRow]
    let spaceBefore: Double
    /// The header of a continued table is page furniture: tagged once, on the first page.
    var headerIsRepeat = false
    var isFirstPiece = true
    var isLastPiece = true

    var height: Double { header.height + rows.reduce(0) { $0 + $1.height } }

    /// The header and the whole first row: a first row is cut only when it is taller than a
    /// page, so a heading above the table never stays behind alone.
    var minimumLeadHeight: Double { header.height + (rows.first?.height ?? 0) }

    func split(toFit available: Double, pageHeight: Double) -> (Flowable, Flowable)? {
        var used = header.height
        var fitting = 0
        while fitting < rows.count, used + rows[fitting].height <= available + epsilon {
            used += rows[fitting].height
            fitting += 1
        }
        guard fitting < rows.count else { return nil }
        let row = rows[fitting]
        let movesWhole = header.height + row.height <= pageHeight + epsilon
        if movesWhole {
            // Never leave the header alone at the bottom of a page.
            return fitting == 0 ? nil : pieces(head: Array(rows[..<fitting]), tail: Array(rows[fitting...]))
        }
        guard let (rowHead, rowTail) = row.split(toFit: available - used) else {
            return fitting == 0 ? nil : pieces(head: Array(rows[..<fitting]), tail: Array(rows[fitting...]))
        }
        return pieces(head: Array(rows[..<fitting]) + [rowHead], tail: [rowTail] + Array(rows[(fitting + 1)...]))
    }

    private func pieces(head: [TableRow], tail: [TableRow]) -> (Flowable, Flowable) {
        pieces(head: { $0.rows = head }, tail: { rest in
            rest.rows = tail
            rest.headerIsRepeat = true
        })
    }

    func place(at origin: Point, width: Double, into items: inout [DisplayItem]) {
        let tableWidth = columnWidths.reduce(0, +)
        if isFirstPiece { items.append(.beginTag(.table)) }
        items.append(.fill(Rect(x: origin.x, y: origin.y, width: tableWidth, height: header.height), Palette.tint))
        var y = origin.y
        if headerIsRepeat {
            placeRow(header, cellRole: nil, at: Point(x: origin.x, y: y), into: &items)
        } else {
            items.append(.beginTag(.tableHead))
            placeRow(header, cellRole: .tableHeader, at: Point(x: origin.x, y: y), into: &items)
            items.append(.endTag(.tableHead))
        }
        if isFirstPiece { items.append(.beginTag(.tableBody)) }
        y += header.height
        for row in rows {
            placeRow(row, cellRole: .tableCell, at: Point(x: origin.x, y: y), into: &items)
            y += row.height
        }
        drawGrid(origin: origin, bottom: y, into: &items)
        if isLastPiece { items.append(contentsOf: [.endTag(.tableBody), .endTag(.table)]) }
    }

    private func placeRow(_ row: TableRow, cellRole: StructureRole?, at origin: Point, into items: inout [DisplayItem]) {
        if cellRole != nil { items.append(.beginTag(.tableRow)) }
        var x = origin.x
        for (cell, width) in zip(row.cells, columnWidths) {
            if let cellRole { items.append(.beginTag(cellRole)) }
            placeLines(of: cell.shaped, cell.lines, at: Point(x: x + row.padding, y: origin.y + row.padding), into: &items)
            if let cellRole { items.append(.endTag(cellRole)) }
            x += width
        }
        if cellRole != nil { items.append(.endTag(.tableRow)) }
    }

    /// Thin rules: a frame, a line under every row, lines between columns.
    private func drawGrid(origin: Point, bottom: Double, into items: inout [DisplayItem]) {
        let right = origin.x + columnWidths.reduce(0, +)
        let thin = 0.75
        items.append(.frame(Rect(x: origin.x, y: origin.y, width: right - origin.x, height: bottom - origin.y), Palette.rule, lineWidth: thin))
        var y = origin.y + header.height
        items.append(.line(from: Point(x: origin.x, y: y), to: Point(x: right, y: y), Palette.accent, lineWidth: 1.5))
        for row in rows.dropLast() {
            y += row.height
            items.append(.line(from: Point(x: origin.x, y: y), to: Point(x: right, y: y), Palette.rule, lineWidth: thin))
        }
        var x = origin.x
        for width in columnWidths.dropLast() {
            x += width
            items.append(.line(from: Point(x: x, y: origin.y), to: Point(x: x, y: bottom), Palette.rule, lineWidth: thin))
        }
    }
}
