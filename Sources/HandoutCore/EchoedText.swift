/// Input text (a CSV header, a settings key, a flag's value) as a message quotes it on a
/// terminal: every control character and bidi control written out as `\u{1B}`, so that a header
/// holding an escape sequence cannot retitle the window, hide the lines before it or reorder the
/// message. Messages quote input only through this.
public enum EchoedText {
    public static func escaped(_ text: String) -> String {
        var shown = ""
        for scalar in text.unicodeScalars {
            let isControl = scalar.properties.generalCategory == .control || TextRules.bidiControls.contains(scalar.value)
                || scalar.value == 0x2028 || scalar.value == 0x2029
            if isControl {
                shown += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                shown.unicodeScalars.append(scalar)
            }
        }
        return shown
    }
}
