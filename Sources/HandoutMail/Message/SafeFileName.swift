import Crypto

/// File names made safe for disks and MIME parameters: ASCII letters, digits, `.`,
/// `_` and `-` only, no `..`, no leading dot or underscore, at most 80 characters.
public enum SafeFileName {
    /// A file name stem for a record id. When the id had to be changed to be safe,
    /// a short hash of the original is appended so two ids never share a name.
    public static func forRecordID(_ id: String) -> String {
        let cleaned = clean(id, maxLength: 60).isEmpty ? "record" : clean(id, maxLength: 60)
        guard cleaned != id else { return cleaned }
        return cleaned + "-" + hexDigest(id).prefix(8)
    }

    /// A safe attachment name; `fallback` when nothing usable is left.
    public static func attachmentName(_ name: String, fallback: String = "handout.pdf") -> String {
        let cleaned = clean(name, maxLength: 80)
        return cleaned.isEmpty ? fallback : cleaned
    }

    static func clean(_ text: String, maxLength: Int) -> String {
        var output = ""
        var lastWasReplacement = false
        for scalar in text.unicodeScalars {
            let ok = scalar.isASCII
                && (("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                    || scalar == "." || scalar == "-" || scalar == "_")
            if ok {
                output.unicodeScalars.append(scalar)
                lastWasReplacement = false
            } else if !lastWasReplacement {
                output += "_"
                lastWasReplacement = true
            }
        }
        while output.contains("..") { output = output.replacingOccurrences(of: "..", with: ".") }
        while output.hasPrefix(".") || output.hasPrefix("_") { output.removeFirst() }
        return String(output.prefix(maxLength))
    }

    static func hexDigest(_ text: String) -> String {
        SHA256.hash(data: Array(text.utf8)).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
