import Foundation
import Yams

/// Loads content and string files, turning decoding failures into errors that name the
/// file, the line and the key at fault.
public enum ContentLoader {
    public static let defaultContentID = "spinal-fusion"

    /// The built-in comparison for a language.
    public static func builtIn(id: String = defaultContentID, language: String) throws(InputError) -> Comparison {
        guard let url = Bundle.module.url(forResource: "\(id).\(language)", withExtension: "yaml", subdirectory: "Resources/Content") else {
            throw .unknownLanguage(language, available: builtInLanguages(id: id))
        }
        return try comparison(at: url.path)
    }

    public static func builtInLanguages(id: String = defaultContentID) -> [String] {
        let prefix = id + "."
        return yamlNames(in: "Resources/Content").filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
    }

    /// The built-in comparison files: name without `.yaml` ("spinal-fusion.en") and path.
    static func builtInContentFiles() -> [(name: String, path: String)] {
        let folder = Bundle.module.bundleURL.appendingPathComponent("Resources/Content")
        return yamlNames(in: "Resources/Content").map { ($0, folder.appendingPathComponent($0 + ".yaml").path) }
    }

    /// The languages of the built-in locale strings (`Resources/Locales/<lang>.yaml`).
    public static func localeLanguages() -> [String] {
        yamlNames(in: "Resources/Locales")
    }

    /// The YAML files of a resource folder, without the extension, sorted.
    private static func yamlNames(in folder: String) -> [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: Bundle.module.bundleURL.appendingPathComponent(folder).path)) ?? []
        return files.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(".yaml".count)) }.sorted()
    }

    public static func comparison(at path: String) throws(InputError) -> Comparison {
        let comparison: Comparison = try decode(path: path)
        try validate(comparison, source: path)
        return comparison
    }

    public static func strings(language: String) throws(InputError) -> Strings {
        guard let url = Bundle.module.url(forResource: language, withExtension: "yaml", subdirectory: "Resources/Locales") else {
            throw .unknownLanguage(language, available: localeLanguages())
        }
        return try strings(at: url.path, language: language)
    }

    static func strings(at path: String, language: String) throws(InputError) -> Strings {
        try Strings(language: language, table: try decode(path: path), source: path)
    }

    static func decode<T: Decodable>(path: String) throws(InputError) -> T {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .unreadableFile(path: path, reason: fileErrorReason(error))
        }
        return try decode(text: text, source: path)
    }

    /// `source` names the text in errors.
    static func decode<T: Decodable>(text: String, source path: String) throws(InputError) -> T {
        do {
            return try YAMLDecoder().decode(T.self, from: text)
        } catch let error as YamlError {
            throw yamlError(error, source: path)
        } catch let error as DecodingError {
            let mark = place(of: error, in: text)
            throw .invalidYAML(source: path, line: mark?.line, column: mark?.column, problem: decodingProblem(error))
        } catch {
            throw .invalidYAML(source: path, line: nil, column: nil, problem: "\(error)")
        }
    }

    static func yamlError(_ error: YamlError, source: String) -> InputError {
        switch error {
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _):
            return .invalidYAML(source: source, line: mark.line, column: mark.column, problem: problem)
        default:
            return .invalidYAML(source: source, line: nil, column: nil, problem: "\(error)")
        }
    }

    /// Where in `text` the value a decoding error is about stands: the deepest node of its key
    /// path that is there (a missing key's mapping).
    static func place(of error: DecodingError, in text: String) -> Mark? {
        let keys: [CodingKey]
        switch error {
        case let .keyNotFound(_, context), let .typeMismatch(_, context), let .valueNotFound(_, context), let .dataCorrupted(context):
            keys = context.codingPath
        @unknown default:
            return nil
        }
        guard var node = try? Yams.compose(yaml: text) else { return nil }
        for key in keys {
            let child = key.intValue.flatMap { index in node.sequence.flatMap { index < $0.count ? $0[index] : nil } }
                ?? node.mapping?[key.stringValue]
            guard let child else { break }
            node = child
        }
        return node.mark
    }

    static func decodingProblem(_ error: DecodingError) -> String {
        func path(_ keys: [CodingKey]) -> String {
            let parts: [String] = keys.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }
            return String(parts.joined().drop(while: { $0 == "." }))
        }
        switch error {
        case let .keyNotFound(key, context):
            return "key '\(path(context.codingPath + [key]))' is missing"
        case let .typeMismatch(_, context), let .valueNotFound(_, context):
            return "key '\(path(context.codingPath))' has the wrong kind of value (\(context.debugDescription))"
        case let .dataCorrupted(context):
            return "at '\(path(context.codingPath))': \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }

    static func validate(_ comparison: Comparison, source: String) throws(InputError) {
        if let fileName = comparison.fileName, !ContentCatalog.isTopicID(fileName) || fileName.count > 64 {
            throw .invalidYAML(source: source, line: nil, column: nil,
                               problem: "key 'fileName' must be lowercase letters, digits and inner hyphens, at most 64 (like folleto-fusion-espinal)")
        }
        for (index, section) in comparison.sections.enumerated() {
            for block in section.blocks {
                guard case let .table(table) = block else { continue }
                guard table.columns.count >= 2, table.rows.allSatisfy({ $0.count == table.columns.count }) else {
                    throw .invalidYAML(source: source, line: nil, column: nil,
                                       problem: "section \(index + 1): every table row needs \(table.columns.count) cells, one per column")
                }
            }
        }
        let ids = comparison.factorIDs
        if let repeated = ids.first(where: { id in ids.filter { $0 == id }.count > 1 }) {
            throw .invalidYAML(source: source, line: nil, column: nil, problem: "factor id '\(repeated)' is used twice")
        }
    }
}
