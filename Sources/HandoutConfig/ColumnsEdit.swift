import Foundation
import Yams

/// Adds header spellings to the settings file's `columns:` section by editing its text, so that
/// every comment, blank line and other setting stays as the clinic wrote it (the file is never
/// written again from a parsed tree). Yams' node marks find the lines: a field not yet in the
/// section gets a `field: "Header"` line at its end (the section itself is added at the end of
/// the file when there is none); a field saved with another spelling gets a list of both
/// (`field: ["Old", "New"]`, or one more `- "New"` item in a list written one item a line).
public enum ColumnsEdit {
    /// Why the text was left unchanged.
    public enum Problem: Error, Equatable, Sendable {
        /// The file cannot be read as YAML (it changed since the server read it).
        case unreadable
        /// The entry at `line` (`columns:` itself, or one of its fields) is written in a form
        /// this edit does not change (a `{…}` section, a multi-line value); a person adds the
        /// spelling by hand.
        case handWritten(line: Int, key: String)
    }

    /// `entries`: (field, header) in the order they are added; a header the field already has
    /// is left alone. Returns the new text.
    public static func adding(_ entries: [(field: String, header: String)], to text: String) throws(Problem) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.unicodeScalars) }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw .unreadable
        }
        guard try columnsEntry(root) != nil else {
            if lines.last?.isEmpty == true { lines.removeLast() }
            lines.append(Array("columns:".unicodeScalars))
            for entry in entries { lines.append(Array("  \(entry.field): \(quoted(entry.header))".unicodeScalars)) }
            return joined(lines) + "\n"
        }
        for entry in entries { try add(entry, in: &lines) }
        return joined(lines)
    }

    /// The top-level `columns:` key and its value, nil when the file has none.
    private static func columnsEntry(_ root: Node?) throws(Problem) -> (key: Node, value: Node)? {
        guard let root else { return nil }
        guard case let .mapping(top) = root else { throw .unreadable }
        return top.first { $0.key.string == "columns" }.map { ($0.key, $0.value) }
    }

    /// Adds one spelling, reading the section again from `lines` (an earlier entry moved lines).
    private static func add(_ entry: (field: String, header: String), in lines: inout [[Unicode.Scalar]]) throws(Problem) {
        guard let section = try columnsEntry(try? Yams.compose(yaml: joined(lines))) else { throw .unreadable }
        let (key, value) = section
        let keyLine = (key.mark?.line ?? 1) - 1
        switch value {
        case .scalar where value.null != nil:
            // `columns:` with nothing under it (or `null`): its entries start on the next line.
            lines[keyLine] = withoutNull(lines[keyLine])
            lines.insert(Array("  \(entry.field): \(quoted(entry.header))".unicodeScalars), at: keyLine + 1)
        case let .mapping(mapping) where !isFlow(mapping.mark, in: lines):
            if let existing = mapping.first(where: { $0.key.string == entry.field }) {
                try addSpelling(entry.header, to: existing.value, field: entry.field, in: &lines)
            } else {
                let indent = max(0, (mapping.first?.key.mark?.column ?? 3) - 1)
                let end = sectionEnd(after: keyLine, indent: indentation(of: lines[keyLine]), in: lines)
                lines.insert(Array("\(String(repeating: " ", count: indent))\(entry.field): \(quoted(entry.header))".unicodeScalars), at: end + 1)
            }
        default:
            throw .handWritten(line: keyLine + 1, key: "columns")
        }
    }

    /// `columns: null` (or `~`) as `columns:`, a comment after it kept.
    private static func withoutNull(_ line: [Unicode.Scalar]) -> [Unicode.Scalar] {
        let text = String(String.UnicodeScalarView(line))
        guard let colon = text.firstIndex(of: ":") else { return line }
        var rest = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        guard let null = ["null", "Null", "NULL", "~"].first(where: { rest.hasPrefix($0) }) else { return line }
        rest = String(rest.dropFirst(null.count)).trimmingCharacters(in: .whitespaces)
        return Array((text[...colon] + (rest.isEmpty ? "" : " \(rest)")).unicodeScalars)
    }

    /// A second spelling for a field already saved: a scalar becomes a list of both; a list
    /// gets one more item. Nothing when the field has this spelling already.
    private static func addSpelling(_ header: String, to value: Node, field: String, in lines: inout [[Unicode.Scalar]]) throws(Problem) {
        guard let mark = value.mark else { throw .unreadable }
        let (row, column) = (mark.line - 1, mark.column - 1)
        let handWritten = Problem.handWritten(line: mark.line, key: "columns.\(field)")
        switch value {
        case let .scalar(scalar):
            if scalar.string == header { return }
            guard [.plain, .singleQuoted, .doubleQuoted].contains(scalar.style),
                  let end = valueEnd(lines[row], from: column) else { throw handWritten }
            let old = String(String.UnicodeScalarView(lines[row][column..<end]))
            lines[row].replaceSubrange(column..<end, with: Array("[\(old), \(quoted(header))]".unicodeScalars))
        case let .sequence(sequence):
            if sequence.contains(where: { $0.string == header }) { return }
            if isFlow(mark, in: lines) {
                guard let end = valueEnd(lines[row], from: column), end > column, lines[row][end - 1] == "]" else { throw handWritten }
                let separator = sequence.isEmpty ? "" : ", "
                lines[row].insert(contentsOf: Array("\(separator)\(quoted(header))".unicodeScalars), at: end - 1)
            } else {
                guard let last = sequence.reversed().first?.mark else { throw handWritten }
                let prefix = lines[last.line - 1].prefix(last.column - 1)
                guard String(String.UnicodeScalarView(prefix)).trimmingCharacters(in: .whitespaces) == "-" else { throw handWritten }
                lines.insert(Array(prefix) + Array(quoted(header).unicodeScalars), at: last.line)
            }
        default:
            throw handWritten
        }
    }

    /// Whether the node at `mark` is written `[…]` or `{…}` (Yams' composed nodes do not keep
    /// their style).
    private static func isFlow(_ mark: Mark?, in lines: [[Unicode.Scalar]]) -> Bool {
        guard let mark, mark.line - 1 < lines.count, mark.column - 1 < lines[mark.line - 1].count else { return false }
        return ["[", "{"].contains(lines[mark.line - 1][mark.column - 1])
    }

    /// The last line of the section whose key is at `keyLine` (indented `indent`): the last line
    /// indented more, before the first line that is not (comments and blank lines after the
    /// section belong to what follows).
    private static func sectionEnd(after keyLine: Int, indent: Int, in lines: [[Unicode.Scalar]]) -> Int {
        var end = keyLine
        for row in (keyLine + 1)..<lines.count {
            let trimmed = String(String.UnicodeScalarView(lines[row])).trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            if indentation(of: lines[row]) <= indent { break }
            end = row
        }
        return end
    }

    private static func indentation(of line: [Unicode.Scalar]) -> Int {
        line.prefix { $0 == " " }.count
    }

    /// Where the value starting at `start` ends on its line: a quoted scalar at its closing
    /// quote, a `[…]` at its closing bracket, a plain scalar before a comment or the line's end.
    /// Nil when it does not end on this line.
    static func valueEnd(_ line: [Unicode.Scalar], from start: Int) -> Int? {
        var depth = 0
        var index = start
        while index < line.count {
            let character = line[index]
            switch character {
            case "\"":
                index += 1
                while index < line.count, line[index] != "\"" { index += line[index] == "\\" ? 2 : 1 }
                guard index < line.count else { return nil }
            case "'":
                index += 1
                while index < line.count {
                    if line[index] == "'" {
                        if index + 1 < line.count, line[index + 1] == "'" { index += 2; continue }
                        break
                    }
                    index += 1
                }
                guard index < line.count else { return nil }
            case "[", "{": depth += 1
            case "]", "}":
                depth -= 1
                if depth == 0 { return index + 1 }
            case "#" where depth == 0 && index > start && line[index - 1] == " ":
                return trimmedEnd(line, start, index)
            default: break
            }
            index += 1
            if depth == 0, character == "\"" || character == "'" { return index }
        }
        return depth == 0 ? trimmedEnd(line, start, line.count) : nil
    }

    private static func trimmedEnd(_ line: [Unicode.Scalar], _ start: Int, _ end: Int) -> Int {
        var end = end
        while end > start, line[end - 1] == " " || line[end - 1] == "\t" || line[end - 1] == "\r" { end -= 1 }
        return end
    }

    /// A YAML double-quoted string: whatever a header holds (quotes, backslashes, control and
    /// bidi characters) reads back as the same text and never as YAML syntax.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default:
                let value = scalar.value
                if value < 0x20 || (0x7F...0x9F).contains(value) || [0x2028, 0x2029, 0xFEFF].contains(value)
                    || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value) {
                    out += String(format: "\\u%04X", value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    private static func joined(_ lines: [[Unicode.Scalar]]) -> String {
        lines.map { String(String.UnicodeScalarView($0)) }.joined(separator: "\n")
    }
}
