import HandoutCore

/// Column widths from content, the way browsers size auto tables: each column gets at
/// least its longest word, and the rest of the width goes where text would wrap most.
enum ColumnWidths {
    static func fit(header: [String], rows: [[String]], width: Double, padding: Double,
                    shaper: TextShaper, type: Typography) -> [Double] {
        let columns = (0..<header.count).map { index in [header[index]] + rows.map { $0[index] } }
        let natural = columns.map { texts in
            texts.map { shaper.shape($0, style: type.tableText, width: nil).width }.reduce(0, max) + 2 * padding
        }
        // A column whose cells are all empty has no word: it needs only its padding.
        let minimum = columns.map { texts in
            texts.flatMap { $0.split(separator: " ") }
                .map { shaper.shape(String($0), style: type.tableHeader, width: nil).width }.reduce(0, max) + 2 * padding
        }
        return distribute(width, minimum: minimum, natural: natural)
    }

    static func distribute(_ width: Double, minimum: [Double], natural: [Double]) -> [Double] {
        let naturalTotal = natural.reduce(0, +)
        if naturalTotal <= width {
            return natural.map { $0 + (width - naturalTotal) * $0 / naturalTotal }
        }
        let minimumTotal = minimum.reduce(0, +)
        guard minimumTotal < width else { return minimum.map { $0 * width / minimumTotal } }
        let slack = zip(natural, minimum).map { max($0 - $1, 0) }
        let slackTotal = slack.reduce(0, +)
        return zip(minimum, slack).map { $0 + (width - minimumTotal) * $1 / slackTotal }
    }
}
