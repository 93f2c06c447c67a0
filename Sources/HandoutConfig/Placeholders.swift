import Yams

/// The values `handout init` writes for a clinic to replace: each holds the marker, so one left
/// in place is found before anything is printed on a patient's handout or sent in an email.
enum Placeholders {
    static let marker = "EDIT ME"

    /// The first value (in the file's order) that still holds the marker, with its key path.
    static func first(in node: Node, path: String? = nil) -> (node: Node, path: String?)? {
        switch node {
        case let .scalar(scalar):
            return scalar.string.contains(marker) ? (node, path) : nil
        case let .mapping(mapping):
            return mapping.lazy.compactMap { key, value in
                first(in: value, path: [path, key.string].compactMap { $0 }.joined(separator: "."))
            }.first
        case let .sequence(sequence):
            return sequence.lazy.compactMap { first(in: $0, path: path) }.first
        default:
            return nil
        }
    }
}
