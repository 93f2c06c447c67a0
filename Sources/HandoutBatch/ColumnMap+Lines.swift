import HandoutCore

/// What `--check`, the batch summary and `mail` say of the columns besides field by field.
extension ColumnMap {
    /// `not used: "Insurance", "Copay"` (headers escaped, as messages quote input); nil when every
    /// column is used. The `--password-column` is used, though by no field.
    public func unusedColumnsLine(password: RecordPassword? = nil) -> String? {
        var unused = unusedColumns
        if case let .column(header)? = password { unused.removeAll { Self.normalize($0) == Self.normalize(header) } }
        guard !unused.isEmpty else { return nil }
        return "not used: " + unused.map { "\"\(EchoedText.escaped($0))\"" }.joined(separator: ", ")
    }

    /// `column "Patient Name" -> name (...)`: how the one whole-name column is split.
    public func fullNameLine(format: NameFormat) -> String? {
        guard let fullNameIndex else { return nil }
        let forms = switch format {
        case .auto: "\"Last, First\" when there is a comma, else \"First Last\""
        case .lastFirst: "\"Last, First\""
        case .firstLast: "\"First Last\""
        }
        return "column \"\(EchoedText.escaped(headers[fullNameIndex]))\" -> name (given and family names, \(forms))"
    }
}
