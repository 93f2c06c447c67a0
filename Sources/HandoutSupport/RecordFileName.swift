/// File names come from the record id and nothing else (never a name or a birth date). An id
/// that could escape the output directory or trouble a file system is refused, not rewritten,
/// so two ids can never end up in the same file.
public enum RecordFileName {
    public static let maxLength = 100
    static let reserved: Set<String> = {
        var names: Set<String> = ["CON", "PRN", "AUX", "NUL", "CLOCK$"]
        for n in 0...9 { names.insert("COM\(n)"); names.insert("LPT\(n)") }
        return names
    }()

    /// Why `id` cannot be a file name, or nil when it can.
    public static func problem(with id: String) -> String? {
        if id.isEmpty { return "is empty" }
        if id.contains(where: \.isNewline) { return "holds a line break: a stray quote (\") may have joined lines; check the quotes on this line" }
        if id.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) { return "contains control characters" }
        if id.contains("/") || id.contains("\\") { return "contains a path separator (/ or \\); ids become file names" }
        if id == "." || id == ".." || id.hasPrefix(".") { return "starts with a dot; ids become file names" }
        if id.hasPrefix("-") { return "starts with '-'; ids become file names" }
        if id.utf8.count > maxLength { return "is longer than \(maxLength) characters (a stray quote (\") may have joined lines)" }
        guard id.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0)) }) else {
            return "has characters other than letters A-Z, digits, '-', '_' and '.'; ids become file names"
        }
        if id.hasSuffix(".") { return "ends with a dot; ids become file names" }
        let stem = id.split(separator: ".", maxSplits: 1).first.map(String.init) ?? id
        if reserved.contains(stem.uppercased()) { return "is a reserved device name on Windows (\(stem.uppercased()))" }
        return nil
    }

    /// The PDF's file name for a safe id.
    public static func pdfName(for id: String) -> String { id + ".pdf" }

    /// The image of page `page` (from 1) of the handout `stem`.pdf (`--png`). The page number
    /// is read back from the end, so two stems never share an image.
    public static func previewName(for stem: String, page: Int) -> String { "\(stem)-p\(page).png" }

    /// The key two ids collide on (case-insensitive file systems: macOS, Windows).
    public static func collisionKey(_ id: String) -> String { id.lowercased() }

    /// An id as it may be shown in the manifest and on the terminal: control characters replaced,
    /// and a leading `=`, `+`, `-` or `@` escaped with `'` so a spreadsheet does not run it as a formula.
    public static func displayable(_ id: String) -> String {
        let text = String(String.UnicodeScalarView(id.unicodeScalars.prefix(200).map { $0.value < 0x20 || $0.value == 0x7F ? "?" : $0 }))
        return text.first.map { "=+-@".contains($0) } == true ? "'" + text : text
    }
}
