/// A header value with parameters, as `Content-Type` and `Content-Disposition` have them:
/// `form-data; name="csv"; filename="a;b.csv"`. Quoted strings may hold ';' and escaped quotes.
struct HeaderParameters {
    /// The part before the first ';', trimmed.
    let value: String
    private var parameters: [String: String] = [:]

    init(_ header: String) {
        var items: [String] = []
        var current = ""
        var quoted = false
        var escaped = false
        for character in header {
            if escaped {
                current.append(character)
                escaped = false
            } else if quoted && character == "\\" {
                escaped = true
            } else if character == "\"" {
                quoted.toggle()
            } else if character == ";" && !quoted {
                items.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        items.append(current)
        value = items[0].trimmingSpaces
        for item in items.dropFirst() {
            guard let equals = item.firstIndex(of: "=") else { continue }
            let name = item[..<equals].trimmingSpaces.lowercased()
            if parameters[name] == nil { parameters[name] = item[item.index(after: equals)...].trimmingSpaces }
        }
    }

    subscript(name: String) -> String? { parameters[name] }
}

extension StringProtocol {
    var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
