/// The small CSV dialect of the journal (RFC 4180): fields with a comma, quote,
/// CR or LF are quoted and quotes doubled; rows end with LF.
enum CSVRow {
    static func encode(_ fields: [String]) -> String {
        fields.map { field in
            field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" })
                ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
        }.joined(separator: ",") + "\n"
    }

    /// Splits text into rows of fields. A last row without its line end (a write
    /// cut short by a crash) is dropped, as is an unterminated quote.
    static func decode(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var inQuotes = false
        var afterQuote = false
        for character in text {
            if inQuotes {
                if character == "\"" {
                    inQuotes = false
                    afterQuote = true
                } else {
                    field.append(character)
                }
                continue
            }
            switch character {
            case "\"":
                if afterQuote { field.append("\"") }
                inQuotes = true
                afterQuote = false
            case ",":
                row.append(field)
                field = ""
                afterQuote = false
            case "\n", "\r\n":
                row.append(field)
                rows.append(row)
                row = []
                field = ""
                afterQuote = false
            default:
                field.append(character)
                afterQuote = false
            }
        }
        return rows
    }
}
