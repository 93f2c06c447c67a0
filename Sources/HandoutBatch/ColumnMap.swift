import HandoutCore

/// Which CSV column holds which patient field: the header spellings of common EHR exports are
/// recognized (case, spaces, `_` and `-` ignored); `--map field=Header` names the others.
public struct ColumnMap: Sendable, Equatable {
    /// Header spellings (normalized) recognized without --map.
    static let synonyms: [PatientField: [String]] = [
        .id: ["id", "patientid", "patientnumber", "patientno", "recordid", "externalid", "personid"],
        .givenName: ["givenname", "firstname", "first", "forename", "fname", "patientfirstname"],
        .familyName: ["familyname", "lastname", "last", "surname", "lname", "patientlastname"],
        .birthDate: ["birthdate", "dob", "dateofbirth", "birthday", "patientdob", "dobdate"],
        .mrn: ["mrn", "medicalrecordnumber", "medicalrecordno", "medicalrecord", "mrnumber", "chartnumber"],
        .email: ["email", "emailaddress", "patientemail"],
        .language: ["language", "lang", "preferredlanguage", "languagepreference"],
        .topic: ["topic", "handouttopic", "handout"],
        .clinician: ["clinician", "provider", "physician", "doctor", "surgeon", "attending", "renderingprovider"],
        .appointmentDate: ["appointmentdate", "apptdate", "visitdate", "nextappointment", "nextappointmentdate"],
        .appointmentTime: ["appointmenttime", "appttime", "visittime", "nextappointmenttime"],
        .appointmentPlace: ["appointmentplace", "appointmentlocation", "apptlocation", "visitlocation", "location"],
        .notes: ["notes", "note", "comments", "comment", "cliniciannotes"],
        .factors: ["factors", "candidacyfactors", "factor"],
        .clinicName: ["clinicname", "clinic", "practice", "practicename"],
        .clinicPhone: ["clinicphone", "practicephone"],
        .clinicAfterHoursPhone: ["clinicafterhoursphone", "afterhoursphone"],
        .clinicAddress: ["clinicaddress", "practiceaddress"],
        .clinicWebsite: ["clinicwebsite", "website"],
        .clinicEmail: ["clinicemail", "practiceemail"],
    ]

    public static func exampleHeader(for field: PatientField) -> String {
        switch field {
        case .id: return "\"Patient ID\""
        case .givenName: return "\"First Name\""
        case .familyName: return "\"Last Name\""
        case .birthDate: return "\"DOB\""
        default: return "\"\(field.flatName)\""
        }
    }

    /// Lowercased, without spaces, `_`, `-` and `.`: "E-mail" and "e_mail" are both "email".
    public static func normalize(_ header: String) -> String {
        String(header.lowercased().unicodeScalars.filter { !" _-.\t".unicodeScalars.contains($0) }.map(Character.init))
    }

    /// Headers of one column holding the whole name ("Patient Name": `Last, First` or `First Last`).
    static let fullNameSynonyms: Set<String> = ["name", "patientname", "fullname", "patientfullname", "membername", "ptname"]

    public let headers: [String]
    public let index: [PatientField: Int]
    /// The column holding the whole name, when there are no given and family name columns.
    public let fullNameIndex: Int?

    /// `overrides`: from `--map`. `source` names the file in errors.
    /// `required`: the fields the run cannot do without (a mail run needs only id and email).
    public init(headers: [String], overrides: ColumnOverrides = [:], required: [PatientField] = PatientField.required,
                source: String) throws(BatchError) {
        self.headers = headers
        var index: [PatientField: Int] = [:]
        let normalizedHeaders = headers.map(Self.normalize)
        // A first line with no known column name may be a patient's row: its cells are health
        // data and are never repeated in an error.
        let known = Set(PatientField.allCases.map { Self.normalize($0.flatName) } + Self.synonyms.values.joined())
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
        for field in PatientField.allCases where index[field] == nil {
            let names = Set(Self.synonyms[field, default: []] + [Self.normalize(field.flatName)])
            let matches = normalizedHeaders.indices.filter { names.contains(normalizedHeaders[$0]) && !taken.contains($0) }
            if matches.count > 1 {
                throw .ambiguousColumn(path: source, field: field.flatName, headers: matches.map { headers[$0] })
            }
            if let match = matches.first { index[field] = match }
        }
        if fullName == nil, index[.givenName] == nil || index[.familyName] == nil {
            fullName = normalizedHeaders.indices.first { Self.fullNameSynonyms.contains(normalizedHeaders[$0]) && !taken.contains($0) }
        }
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
