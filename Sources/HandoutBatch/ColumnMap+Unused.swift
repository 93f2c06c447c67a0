import HandoutCore

extension ColumnMap {
    /// The headers of the columns no field uses, in file order: `--check`, the batch summary and
    /// `mail` list them, so a column Handout does not know is never dropped without a word.
    public var unusedColumns: [String] {
        let used = Set(index.values).union(fullNameIndex.map { [$0] } ?? [])
        return headers.indices.filter { !used.contains($0) }.map { headers[$0] }
    }
}
