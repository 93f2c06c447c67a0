/// Link targets for the contact details a clinic gives in free form.
public enum Links {
    /// `tel:` with only the digits and a leading plus: "(555) 555-0100" → "tel:5555550100".
    public static func telephone(_ phone: String) -> String {
        let kept = phone.enumerated().filter { index, character in
            character.isASCII && (character.isNumber || (character == "+" && index == 0))
        }
        return "tel:" + String(kept.map(\.element))
    }

    /// An https address, adding the scheme when the clinic wrote a bare host name.
    public static func web(_ address: String) -> String {
        address.contains("://") ? address : "https://" + address
    }

    /// What to print: the address without its scheme or a trailing slash.
    public static func displayWebsite(_ address: String) -> String {
        var shown = Substring(address)
        for scheme in ["https://", "http://"] where shown.hasPrefix(scheme) {
            shown = shown.dropFirst(scheme.count)
        }
        return String(shown.hasSuffix("/") ? shown.dropLast() : shown)
    }
}
