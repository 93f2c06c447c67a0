import CYaml
import Foundation

/// A pass over libyaml's events of a settings file before Yams composes it. Composing hashes
/// every mapping key by value, aliases expanded: a key that is an alias of a large node (aliases
/// of aliases, the "billion laughs") kept the CPU at 100% for good. Refused here, at the alias:
/// an alias as a key, and more than `maximumNodes` values with every alias expanded.
enum YAMLAliases {
    static let maximumNodes = 10_000

    /// The first problem, or nil; a syntax error is left to Yams, which words it.
    static func problem(in text: String, file: String) -> ConfigurationError? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        var count = Count()
        return Array(text.utf8).withUnsafeBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var event = yaml_event_t()
            while yaml_parser_parse(&parser, &event) == 1 {
                defer { yaml_event_delete(&event) }
                if event.type == YAML_STREAM_END_EVENT { return nil }
                if let problem = count.take(event) {
                    let mark = event.start_mark
                    return ConfigurationError(file: file, line: Int(mark.line) + 1, column: Int(mark.column) + 1, problem: problem)
                }
            }
            return nil
        }
    }

    /// The values read so far, aliases expanded, and each anchor's share of them.
    private struct Count {
        /// An open sequence or mapping: its values so far (itself included) and how many children it has.
        struct Collection {
            let isMapping: Bool
            let anchor: String?
            var nodes = 1
            var children = 0
        }

        var total = 0
        var anchors: [String: Int] = [:]
        var open: [Collection] = []

        mutating func take(_ event: yaml_event_t) -> String? {
            switch event.type {
            case YAML_SCALAR_EVENT:
                return add(1, anchor: Self.text(event.data.scalar.anchor))
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                let anchor = Self.text(event.type == YAML_SEQUENCE_START_EVENT ? event.data.sequence_start.anchor : event.data.mapping_start.anchor)
                open.append(Collection(isMapping: event.type == YAML_MAPPING_START_EVENT, anchor: anchor))
                total += 1
                return nil
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard let closed = open.popLast() else { return nil }
                return add(closed.nodes, anchor: closed.anchor, counted: true)
            case YAML_ALIAS_EVENT:
                if let parent = open.last, parent.isMapping, parent.children % 2 == 0 {
                    return "a key cannot be an alias (*name); write the key itself"
                }
                return add(Self.text(event.data.alias.anchor).flatMap { anchors[$0] } ?? 1, anchor: nil)
            default:
                return nil
            }
        }

        /// A finished value of `nodes` values; `counted` when they are in `total` already.
        private mutating func add(_ nodes: Int, anchor: String?, counted: Bool = false) -> String? {
            if !counted { total += nodes }
            if let anchor { anchors[anchor] = nodes }
            if !open.isEmpty {
                open[open.count - 1].nodes += nodes
                open[open.count - 1].children += 1
            }
            return total > YAMLAliases.maximumNodes
                ? "aliases (*name) here make more than \(YAMLAliases.maximumNodes) values; write the settings out without them" : nil
        }

        private static func text(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
            pointer.map { String(cString: $0) }
        }
    }
}
