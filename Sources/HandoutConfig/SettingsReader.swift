import Foundation
import Yams

/// Typed access to the nodes of a settings file: each value checked for its kind, each error at
/// the node's line and column with its key path, and paths taken from the file's folder.
struct SettingsReader {
    /// The file as messages name it.
    let file: String
    let folder: URL

    /// One `key: value` of a mapping; `path` is the key path from the top (`mail.smtp`).
    struct Entry {
        let key: String
        let keyNode: Node
        let value: Node
        let path: String
    }

    func failure(at node: Node?, _ path: String?, _ problem: String) -> ConfigurationError {
        ConfigurationError(file: file, line: node?.mark?.line, column: node?.mark?.column, key: path, problem: problem)
    }

    /// The entries of the mapping `node`. With `known`, any other key is refused, naming the
    /// closest known one.
    func entries(of node: Node, at path: String?, known: [String]? = nil) throws(ConfigurationError) -> [Entry] {
        guard case let .mapping(mapping) = node else {
            throw failure(at: node, path, "must be a section of `key: value` lines")
        }
        var entries: [Entry] = []
        for (keyNode, value) in mapping {
            guard case let .scalar(scalar) = keyNode else { throw failure(at: keyNode, path, "a key must be a plain name") }
            let key = scalar.string
            let entryPath = path.map { "\($0).\(key)" } ?? key
            if let known, !known.contains(key) {
                let hint = Self.closest(to: key, in: known).map { "; did you mean '\($0)'?" } ?? "; known: \(known.joined(separator: ", "))"
                throw failure(at: keyNode, entryPath, "unknown setting\(hint)")
            }
            entries.append(Entry(key: key, keyNode: keyNode, value: value, path: entryPath))
        }
        return entries
    }

    /// A single value as text; nil when it is empty (`key:` or `key: null`), which leaves the setting unset.
    func text(_ entry: Entry) throws(ConfigurationError) -> String? {
        guard case let .scalar(scalar) = entry.value else {
            throw failure(at: entry.value, entry.path, "must be a single value, not a list or a section")
        }
        if entry.value.null != nil { return nil }
        return scalar.string
    }

    /// A list of single values (`[a, b]` or one `- item` a line); one value alone is a list of one.
    func list(_ entry: Entry) throws(ConfigurationError) -> [String] {
        switch entry.value {
        case .scalar: return try text(entry).map { [$0] } ?? []
        case let .sequence(sequence):
            var items: [String] = []
            for item in sequence {
                guard case let .scalar(scalar) = item else { throw failure(at: item, entry.path, "must be a list of single values") }
                items.append(scalar.string)
            }
            return items
        default: throw failure(at: entry.value, entry.path, "must be a list of single values, not a section")
        }
    }

    func flag(_ entry: Entry) throws(ConfigurationError) -> Bool? {
        guard let text = try text(entry) else { return nil }
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw failure(at: entry.value, entry.path, "must be true or false")
        }
    }

    /// A path, absolute; a relative one is taken from the settings file's folder.
    func path(_ entry: Entry) throws(ConfigurationError) -> String? {
        guard let text = try text(entry) else { return nil }
        guard !text.isEmpty else { throw failure(at: entry.value, entry.path, "is an empty path") }
        let expanded = (text as NSString).expandingTildeInPath
        return URL(fileURLWithPath: expanded, relativeTo: folder).standardizedFileURL.path
    }

    /// The known name nearest `key` (case, `-` and `_` aside, at most a third of it mistyped), if any.
    static func closest(to key: String, in known: [String]) -> String? {
        func squeezed(_ name: String) -> [Character] { Array(name.lowercased().filter { $0 != "-" && $0 != "_" && $0 != " " }) }
        let typed = squeezed(key)
        let scored = known.map { ($0, editDistance(typed, squeezed($0))) }.min { $0.1 < $1.1 }
        guard let (name, distance) = scored, distance <= max(1, typed.count / 3) else { return nil }
        return name
    }

    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1]
            for (j, y) in b.enumerated() {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
}
