import Foundation
import Yams

/// Header spellings by the field their column holds: the built-in table of what EHR exports
/// write (`Resources/ehr-columns.yaml`), or a clinic's own (`columns:` in its settings file).
/// Each field's spellings are in order of preference.
public struct ColumnSpellings: Sendable, Equatable {
    public var fields: [PatientField: [String]]
    /// The spellings of one column holding the whole name.
    public var fullName: [String]

    public init(fields: [PatientField: [String]] = [:], fullName: [String] = []) {
        self.fields = fields
        self.fullName = fullName
    }

    /// The EHRs' spellings, read once from the data file shipped with the program.
    public static let builtIn: ColumnSpellings = {
        guard let url = Bundle.module.url(forResource: "ehr-columns", withExtension: "yaml", subdirectory: "Resources"),
              let text = try? String(contentsOf: url, encoding: .utf8),
              let table = try? Yams.load(yaml: text) as? [String: [String]] else {
            preconditionFailure("the EHR column table (ehr-columns.yaml) is missing or damaged: reinstall handout")
        }
        var spellings = ColumnSpellings()
        for (key, headers) in table {
            if key == "name" {
                spellings.fullName = headers
            } else if let field = PatientField(flatName: key) {
                spellings.fields[field] = headers
            } else {
                preconditionFailure("ehr-columns.yaml names no field '\(key)'")
            }
        }
        return spellings
    }()

    /// Every spelling's key (`HeaderKey.normalize`), with the field it names (nil: the whole name).
    public var keys: [(key: String, field: PatientField?)] {
        var keys: [(key: String, field: PatientField?)] = fullName.map { (HeaderKey.normalize($0), nil) }
        for (field, headers) in fields {
            keys += headers.map { (HeaderKey.normalize($0), field) }
        }
        return keys
    }
}
