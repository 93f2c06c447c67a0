import HandoutCore

/// Which CSV column holds which patient field. A header is recognized when it is one of the
/// spellings EHR exports write (`ColumnSpellings.builtIn`) or the clinic's own, compared by
/// `HeaderKey` (case, punctuation and the usual abbreviations set aside); `--map field=Header`
/// names any other. An export without an id column uses its MRN as the record id.
public struct ColumnMap: Sendable, Equatable {
    public static func exampleHeader(for field: PatientField) -> String {
        switch field {
        case .id: return "\"Patient ID\""
        case .givenName: return "\"First Name\""
        case .familyName: return "\"Last Name\""
        case .birthDate: return "\"DOB\""
        default: return "\"\(field.flatName)\""
        }
    }

    /// The header as it is compared: "Pt. DOB" and "PATIENT_DOB" are both "patientdateofbirth".
    public static func normalize(_ header: String) -> String {
        HeaderKey.normalize(header)
    }

    public let headers: [String]
    public let index: [PatientField: Int]
    /// The column holding the whole name, when there are no given and family name columns.
    public let fullNameIndex: Int?

    /// `overrides`: from `--map` (a header it names must be there) and the clinic's spellings.
    /// `source` names the file in errors.
    /// `required`: the fields the run cannot do without (a mail run needs only id and email).
    public init(headers: [String], overrides: ColumnOverrides = [:], required: [PatientField] = PatientField.required,
                source: String) throws(BatchError) {
        self.headers = headers
        var index: [PatientField: Int] = [:]
        let normalizedHeaders = headers.map(Self.normalize)
        let builtIn = ColumnSpellings.builtIn
        // A first line with no known column name may be a patient's row: its cells are health
        // data and are never repeated in an error.
        let known = Set((builtIn.keys + overrides.spellings.keys).map(\.key) + PatientField.allCases.map { Self.normalize($0.flatName) })
        let shownHeaders = normalizedHeaders.contains(where: known.contains) ? headers : nil
        func position(of header: String, for field: String) throws(BatchError) -> Int {
            guard let position = headers.firstIndex(of: header) ?? normalizedHeaders.firstIndex(of: Self.normalize(header)) else {
                throw .mappedHeaderNotFound(field: field, header: header, found: shownHeaders)
            }
            return position
        }
        for (field, header) in overrides.fields {
            index[field] = try position(of: header, for: field.flatName)
        }
        var fullName = try overrides.fullName.map { header throws(BatchError) in try position(of: header, for: "name") }
        var taken = Set(index.values)
        if let fullName { taken.insert(fullName) }
        /// The column of the first spelling an untaken column has; two columns of that one spelling are ambiguous.
        func column(spelledAs spellings: [String], for field: String) throws(BatchError) -> Int? {
            for spelling in spellings {
                let key = Self.normalize(spelling)
                let matches = normalizedHeaders.indices.filter { normalizedHeaders[$0] == key && !taken.contains($0) }
                if matches.count > 1 { throw .ambiguousColumn(path: source, field: field, headers: matches.map { headers[$0] }) }
                if let match = matches.first { return match }
            }
            return nil
        }
        for field in PatientField.allCases where index[field] == nil {
            let spellings = overrides.spellings.fields[field, default: []] + builtIn.fields[field, default: []] + [field.flatName]
            if let match = try column(spelledAs: spellings, for: field.flatName) {
                index[field] = match
                taken.insert(match)
            }
        }
        if fullName == nil, index[.givenName] == nil || index[.familyName] == nil {
            fullName = try column(spelledAs: overrides.spellings.fullName + builtIn.fullName, for: "name")
        }
        if index[.id] == nil, let mrn = index[.mrn] { index[.id] = mrn }
        fullNameIndex = fullName
        let named: Set<PatientField> = fullName == nil ? [] : [.givenName, .familyName]
        let missing = required.filter { index[$0] == nil && !named.contains($0) }
        guard missing.isEmpty else {
            // A separator the reading did not split at: say so, not that the line may be a patient's.
            let separators = headers.count == 1 && shownHeaders == nil ? Separator.allCases.filter { headers[0].unicodeScalars.contains($0.character) } : []
            if !separators.isEmpty { throw .oneColumnHeader(path: source, separators: separators) }
            throw .missingColumns(path: source, fields: missing, found: shownHeaders)
        }
        self.index = index
    }

    /// The header of the column holding `field`, for error messages ("DOB"; escaped, as messages
    /// quote input), or the field name.
    public func header(of field: PatientField) -> String {
        index[field].map { EchoedText.escaped(headers[$0]) } ?? field.flatName
    }

    /// Why a row's fields do not line up with the header's, if they do not: a field more or less
    /// moves every value after it into another column. Even empty fields past the header count:
    /// "Raman, Priya MD" split in a row whose last value is empty gives one, and the clinician's
    /// column would hold "Raman" and the notes " Priya MD". (Spreadsheets write every row,
    /// the header too, as wide as the widest, so their trailing separators line up.)
    public func misalignment(of row: [String]) -> RowProblem? {
        row.count == headers.count ? nil : .fieldCount(found: row.count, header: headers.count)
    }

    public func value(_ field: PatientField, in row: [String]) -> String? {
        guard let position = index[field], position < row.count else { return nil }
        let text = row[position].trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }
}

import Foundation
