import Foundation

/// Typed access to the fields of one JSON object, with errors that name the field.
struct FieldReader {
    let fields: [String: Any]
    let source: String
    let prefix: String

    func name(_ key: String) -> String { prefix + key }

    func optionalString(_ key: String) throws(InputError) -> String? {
        guard let value = fields[key], !(value is NSNull) else { return nil }
        if let text = value as? String {
            let trimmed = try TextRules.clean(text, field: name(key), source: source).trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty ? nil : trimmed
        }
        if let number = value as? NSNumber {
            return number.stringValue
        }
        throw .invalidField(source: source, field: name(key), problem: "must be text")
    }

    func requiredString(_ key: String) throws(InputError) -> String {
        guard let text = try optionalString(key) else { throw .missingField(source: source, field: name(key)) }
        return text
    }

    func stringList(_ key: String) throws(InputError) -> [String] {
        guard let value = fields[key], !(value is NSNull) else { return [] }
        guard let list = value as? [Any], let strings = list as? [String] else {
            throw .invalidField(source: source, field: name(key), problem: "must be a list of texts, like [\"a\", \"b\"]")
        }
        var items: [String] = []
        for text in strings {
            let trimmed = try TextRules.clean(text, field: name(key), source: source).trimmingCharacters(in: .whitespaces)
            if !trimmed.isEmpty { items.append(trimmed) }
        }
        return items
    }

    func object(_ key: String) throws(InputError) -> FieldReader? {
        guard let value = fields[key], !(value is NSNull) else { return nil }
        guard let nested = value as? [String: Any] else {
            throw .invalidField(source: source, field: name(key), problem: "must be an object { ... }")
        }
        return FieldReader(fields: nested, source: source, prefix: name(key) + ".")
    }
}
