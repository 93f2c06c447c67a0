/// What a text field may hold before it is printed: no control characters (they hide or cut
/// text: a NUL once cut a name to "Ma"), no bidi controls (an override once printed a birth
/// date backwards; they are removed), and no more than the field's length limit.
enum TextRules {
    /// The longest value each field may have, in Unicode scalars; fields not listed get `defaultLimit`.
    static let limits: [String: Int] = [
        "id": 100, "givenName": 50, "familyName": 50, "mrn": 40, "email": 254, "language": 35, "clinician": 100,
        "notes": 6000, "appointment.time": 40, "appointment.place": 200,
        "clinic.name": 120, "clinic.phone": 40, "clinic.afterHoursPhone": 40, "clinic.address": 300,
        "clinic.website": 300, "clinic.email": 254,
    ]
    static let defaultLimit = 200

    /// Fields whose text may run over several lines (paragraphs split at blank lines).
    static let multiline: Set<String> = ["notes"]

    /// Explicit embeddings, overrides, isolates and marks: the text's own letters decide its direction.
    static let bidiControls: Set<UInt32> = [0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E,
                                            0x2066, 0x2067, 0x2068, 0x2069]

    static func clean(_ text: String, field: String, source: String) throws(InputError) -> String {
        let allowsLines = multiline.contains(field.split(separator: ".").last.map(String.init) ?? field)
        var kept = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if bidiControls.contains(scalar.value) { continue }
            let isLineBreak = scalar == "\n" || scalar == "\r" || scalar == "\t"
            if scalar.properties.generalCategory == .control && !(allowsLines && isLineBreak) {
                throw .invalidField(source: source, field: field, problem: "contains a control character (such as NUL or a line break); remove it")
            }
            if !allowsLines && (scalar.value == 0x2028 || scalar.value == 0x2029) {
                throw .invalidField(source: source, field: field, problem: "contains a line break; it must be one line")
            }
            kept.append(scalar)
        }
        let limit = limits[field] ?? defaultLimit
        if kept.count > limit {
            throw .invalidField(source: source, field: field, problem: "is longer than \(limit) characters")
        }
        return String(kept)
    }
}
