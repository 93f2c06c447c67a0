import Foundation

/// A patient as a file or a CSV row gives it: each field's text (trimmed; absent when empty) and
/// the factor ids, nothing checked yet. `PatientFields.build` checks it into a `PatientProfile`.
public struct PatientRecord: Sendable, Equatable {
    private var texts: [PatientField: String] = [:]
    public var factors: [String] = []

    public init() {}

    public subscript(field: PatientField) -> String? {
        get { texts[field] }
        set {
            let trimmed = newValue?.trimmingCharacters(in: .whitespacesAndNewlines)
            texts[field] = trimmed?.isEmpty == false ? trimmed : nil
        }
    }

    /// Whether any field of the clinic is given.
    var hasClinic: Bool { texts.keys.contains(where: \.isClinic) }

    /// The record in one JSON object (patient.json, a line of NDJSON): the known fields, each of
    /// the type it must have; other keys are ignored. `source` names the input in errors.
    public init(json object: [String: Any], source: String) throws(InputError) {
        for field in PatientField.allCases where field != .factors {
            let (objectName, key) = field.path
            let container: [String: Any]?
            if let objectName {
                guard let nested = object[objectName], !(nested is NSNull) else { continue }
                guard let dictionary = nested as? [String: Any] else {
                    throw .invalidField(source: source, field: objectName, problem: .notAnObject)
                }
                container = dictionary
            } else {
                container = object
            }
            guard let value = container?[key], !(value is NSNull) else { continue }
            if let text = value as? String {
                self[field] = text
            } else if let number = value as? NSNumber {
                self[field] = number.stringValue
            } else {
                throw .invalidField(source: source, field: field.rawValue, problem: .notText)
            }
        }
        if let value = object["factors"], !(value is NSNull) {
            guard let list = value as? [Any], let strings = list as? [String] else {
                throw .invalidField(source: source, field: "factors", problem: .notAListOfTexts)
            }
            factors = strings
        }
    }
}
