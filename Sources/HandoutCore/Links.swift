/// A link a handout may carry: `https`, `http`, `tel` or `mailto` only, checked and made of
/// URI-safe ASCII by construction (every other byte percent-encoded), so a clinic's website
/// or email can never become PDF syntax, whatever the record says.
public struct LinkTarget: Sendable, Hashable {
    public let uri: String
    /// What a screen reader says for the link ("Call the clinic at (555) 555-0142"); the PDF
    /// writes it as the annotation's /Contents (PDF/UA), the link's own text when unset.
    public private(set) var alternateDescription: String?

    private init(uri: String) {
        self.uri = uri
    }

    /// The same link, announced as `description`.
    public func described(as description: String) -> LinkTarget {
        var described = self
        described.alternateDescription = description
        return described
    }

    /// `tel:` with only the digits and a leading plus: "(555) 555-0100" → "tel:5555550100";
    /// nil when the text holds no digit.
    public static func telephone(_ phone: String) -> LinkTarget? {
        let kept = phone.enumerated().filter { index, character in
            character.isASCII && (character.isNumber || (character == "+" && index == 0))
        }
        guard kept.contains(where: { $0.element.isNumber }) else { return nil }
        return LinkTarget(uri: "tel:" + String(kept.map(\.element)))
    }

    /// An http(s) address, adding `https://` when the clinic wrote a bare host name; nil for
    /// any other scheme, a missing or malformed host, white space or control characters.
    public static func web(_ address: String) -> LinkTarget? {
        let lowered = address.lowercased()
        let scheme = ["https://", "http://"].first(where: { lowered.hasPrefix($0) }) ?? ""
        if scheme.isEmpty, address.contains("://") { return nil }
        let rest = address.dropFirst(scheme.count)
        let hostEnd = rest.firstIndex(where: { "/?#".contains($0) }) ?? rest.endIndex
        let authority = rest[..<hostEnd]
        let (host, port) = splitPort(authority)
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy(isHostLabel), port.map(isPort) ?? true,
              let tail = encoded(rest[hostEnd...]) else { return nil }
        return LinkTarget(uri: (scheme.isEmpty ? "https://" : scheme) + host.lowercased() + (port.map { ":" + $0 } ?? "") + tail)
    }

    /// `mailto:` for an address that `PatientFields.isPlausibleEmail` accepts.
    public static func email(_ address: String) -> LinkTarget? {
        guard PatientFields.isPlausibleEmail(address), let encodedAddress = encoded(Substring(address)) else { return nil }
        return LinkTarget(uri: "mailto:" + encodedAddress)
    }

    /// What to print for a web address: without its scheme or a trailing slash.
    public static func displayWebsite(_ address: String) -> String {
        var shown = Substring(address)
        for scheme in ["https://", "http://"] where shown.lowercased().hasPrefix(scheme) {
            shown = shown.dropFirst(scheme.count)
        }
        return String(shown.hasSuffix("/") ? shown.dropLast() : shown)
    }

    private static func splitPort(_ authority: Substring) -> (host: Substring, port: Substring?) {
        guard let colon = authority.lastIndex(of: ":") else { return (authority, nil) }
        return (authority[..<colon], authority[authority.index(after: colon)...])
    }

    private static func isHostLabel(_ label: Substring) -> Bool {
        !label.isEmpty && label.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
            && label.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-") }
    }

    private static func isPort(_ port: Substring) -> Bool {
        !port.isEmpty && port.count <= 5 && port.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// Bytes that may stand in a URI as they are; everything else is percent-encoded. The
    /// quote, parentheses and backslash are left out on purpose: they delimit PDF and Cairo strings.
    private static let kept = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/?#[]@!$&*+,;=:%".utf8)

    /// Percent-encodes what is not URI-safe; nil for white space and control characters,
    /// which no real address holds.
    private static func encoded(_ text: Substring) -> String? {
        var output = ""
        for scalar in text.unicodeScalars {
            if scalar.value <= 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.properties.isWhitespace { return nil }
            for byte in String(scalar).utf8 {
                if kept.contains(byte) {
                    output.unicodeScalars.append(Unicode.Scalar(byte))
                } else {
                    output += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
                }
            }
        }
        return output
    }
}

private extension String {
    func leftPadded(to length: Int) -> String { String(repeating: "0", count: max(0, length - count)) + self }
}
