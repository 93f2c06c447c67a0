/// The value of one cookie in `Cookie` header lines (`a=1; handout_session=…`): the first
/// cookie of that name, nil when there is none or the header is not made of `name=value` pairs.
public enum CookieHeader {
    /// Longer than any cookie this server sets (a 64-character token).
    static let maximumValue = 256

    public static func value(named name: String, in lines: [String]) -> String? {
        for line in lines {
            for pair in line.split(separator: ";") {
                guard let equals = pair.firstIndex(of: "=") else { continue }
                guard pair[..<equals].trimmingSpaces == name else { continue }
                var value = Substring(pair[pair.index(after: equals)...].trimmingSpaces)
                if value.count >= 2, value.first == "\"", value.last == "\"" { value = value.dropFirst().dropLast() }
                return value.utf8.count <= maximumValue ? String(value) : nil
            }
        }
        return nil
    }
}
