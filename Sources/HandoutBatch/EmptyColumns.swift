import HandoutCore

/// The columns a run maps to an optional field that are empty in every row (an export that
/// left out every email, say): said once for the file instead of found out later. A required
/// field's empty column needs no such warning: it fails every row, a file-wide problem.
struct EmptyColumns: Sendable {
    private let map: ColumnMap?
    /// The optional fields no row has filled yet, in column order.
    private var unfilled: [PatientField]
    private var rows = 0

    init(map: ColumnMap?) {
        self.map = map
        unfilled = map.map { map in
            map.index.filter { !PatientField.required.contains($0.key) }.sorted { $0.value < $1.value }.map(\.key)
        } ?? []
    }

    mutating func note(_ record: SourceRecord?) {
        guard let map, case let .columns(values)? = record?.payload else { return }
        rows += 1
        unfilled.removeAll { map.value($0, in: values) != nil }
    }

    /// One warning per such column; none for an input without rows.
    var warnings: [String] {
        guard rows > 0, let map else { return [] }
        return unfilled.map { "column '\(map.header(of: $0))' is empty in every row" }
    }
}
