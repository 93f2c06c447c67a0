/// What a text field may hold before it is printed: no control characters (they hide or cut
/// text: a NUL once cut a name to "Ma"); in a one-line field, a line break or tab is a space (a
/// quoted CSV cell may hold "Dr. Smith, MD⏎Spine Center"); no bidi controls (an override once printed a birth
/// date backwards; they are removed), no letter under a stack of marks (fifty of them once drew
/// a name over the date of birth), and no more than the field's length limit.
enum TextRules {
    /// Explicit embeddings, overrides, isolates and marks: the text's own letters decide its direction.
    static let bidiControls: Set<UInt32> = [0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E,
                                            0x2066, 0x2067, 0x2068, 0x2069]

    /// The most combining marks one letter carries in real writing: Vietnamese takes 2, Hebrew
    /// with niqqud and cantillation and Devanagari conjuncts up to 4.
    static let maximumMarks = 4

    static func clean(_ text: String, field: PatientField, source: String) throws(InputError) -> String {
        try clean(text, name: field.rawValue, limit: field.limit, allowsLineBreaks: field.allowsLineBreaks, source: source)
    }

    /// The same rules for a field that is not a patient record's (a clinic logo's alt text).
    static func clean(_ text: String, name: String, limit: Int, allowsLineBreaks: Bool = false, source: String) throws(InputError) -> String {
        var kept = String.UnicodeScalarView()
        for scalar in (allowsLineBreaks ? text : oneLine(text)).unicodeScalars {
            if bidiControls.contains(scalar.value) { continue }
            if scalar.properties.generalCategory == .control && !(allowsLineBreaks && isBreak(scalar)) {
                throw .invalidField(source: source, field: name, problem: .controlCharacter)
            }
            kept.append(scalar)
        }
        if kept.count > limit {
            throw .invalidField(source: source, field: name, problem: .tooLong(limit: limit))
        }
        let text = String(kept)
        if text.contains(where: { markCount($0) > maximumMarks }) {
            throw .invalidField(source: source, field: name, problem: .stackedMarks(maximum: maximumMarks))
        }
        return text
    }

    /// Line breaks (CR, LF, U+2028, U+2029) and the tab: in a one-line field, each is a space.
    static func isBreak(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\n" || scalar == "\r" || scalar == "\t" || scalar.value == 0x2028 || scalar.value == 0x2029
    }

    /// `text` on one line: each run of spaces holding a line break or tab becomes one space (CRLF,
    /// a blank line and the indent after it alike), and is dropped at either end. Runs of spaces
    /// alone are kept as they are.
    static func oneLine(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isBreak) else { return text }
        var line = String.UnicodeScalarView()
        var run = String.UnicodeScalarView()
        var runBreaks = false
        for scalar in text.unicodeScalars {
            if scalar == " " || isBreak(scalar) {
                run.append(scalar)
                runBreaks = runBreaks || isBreak(scalar)
                continue
            }
            if !runBreaks {
                line.append(contentsOf: run)
            } else if !line.isEmpty {
                line.append(" ")
            }
            (run, runBreaks) = (String.UnicodeScalarView(), false)
            line.append(scalar)
        }
        if !runBreaks { line.append(contentsOf: run) }
        return String(line)
    }

    /// The combining marks (Mn, Mc, Me) after the first character of a grapheme.
    private static func markCount(_ letter: Character) -> Int {
        letter.unicodeScalars.dropFirst().count { scalar in
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark: true
            default: false
            }
        }
    }
}
