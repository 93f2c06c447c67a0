import HandoutBatch
import HandoutCore
import HandoutRequest

/// The batch page's mapping: for each column of the upload (by position), the field it holds,
/// `name` for the one column holding the whole name, or nil when no field uses it. The form
/// sends one `column-N` per column; its value is the field as the settings file's `columns:`
/// names it (`birthDate`, `name`), or empty for "not used".
struct ColumnChoices: Sendable, Equatable {
    static let fullName = "name"

    let headers: [String]
    let fields: [String?]

    /// The fields a column can be chosen for, in the form's order: the whole name first.
    static var choosable: [String] { [fullName] + PatientField.allCases.map(\.flatName) }

    static func formName(_ column: Int) -> String { "column-\(column)" }

    /// The most columns the page lets staff choose: one form field each, with room in a form's
    /// field limit for the token and the printed day.
    static let maximumColumns = FormFields.maximumFields - 8

    /// What the detection (with the saved mapping, `overrides`) finds in `headers`, or as much of
    /// it as it can when the file is not usable as it is (a required field missing, two columns
    /// that could be one field): the page then asks staff to choose.
    init(headers: [String], detectedWith overrides: ColumnOverrides) {
        let map = (try? ColumnMap(headers: headers, overrides: overrides, required: [], source: ""))
            ?? (try? ColumnMap(headers: headers, required: [], source: ""))
        var fields = [String?](repeating: nil, count: headers.count)
        for (field, column) in map?.index ?? [:] { fields[column] = field.flatName }
        if let column = map?.fullNameIndex { fields[column] = Self.fullName }
        self.init(headers: headers, fields: fields)
    }

    init(headers: [String], fields: [String?]) {
        self.headers = headers
        self.fields = fields
    }

    /// The choices a posted form makes, or the field two columns were both given.
    static func read(_ form: FormFields, headers: [String]) -> Result<ColumnChoices, ChoiceProblem> {
        var fields: [String?] = []
        for column in headers.indices {
            let value = form[formName(column)] ?? ""
            guard value.isEmpty || choosable.contains(value) else { return .failure(.unknownField) }
            if !value.isEmpty, fields.contains(value) { return .failure(.twoColumns(field: value)) }
            fields.append(value.isEmpty ? nil : value)
        }
        return .success(ColumnChoices(headers: headers, fields: fields))
    }

    enum ChoiceProblem: Error, Equatable {
        case twoColumns(field: String)
        case unknownField
        /// The check could not run now (the file threads are busy).
        case busy
    }

    /// The choices as a run's column overrides (as `--map` would give them).
    var overrides: ColumnOverrides {
        var overrides = ColumnOverrides()
        for (column, field) in fields.enumerated() {
            guard let field else { continue }
            if field == Self.fullName {
                overrides.fullName = headers[column]
            } else if let field = PatientField.allCases.first(where: { $0.flatName == field }) {
                overrides.fields[field] = headers[column]
            }
        }
        return overrides
    }

    /// The choices the detection would not make by itself, as the settings file's `columns:`
    /// entries (field, header): what "Save this mapping" writes.
    var unlikeDetection: [(field: String, header: String)] {
        let detected = ColumnChoices(headers: headers, detectedWith: ColumnOverrides())
        return fields.indices.compactMap { column in
            guard let field = fields[column], detected.fields[column] != field else { return nil }
            return (field, headers[column])
        }
    }
}
