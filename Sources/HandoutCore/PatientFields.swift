import Foundation

/// The checks every patient record passes, whatever file it came from (JSON, NDJSON, CSV).
public enum PatientFields {
    /// Builds a profile from loosely typed fields (`String`, `[String]`, nested objects for
    /// `appointment` and `clinic`). Factor ids are checked later, against the content in use.
    public static func build(from fields: [String: Any], source: String, today: CalendarDate) throws(InputError) -> PatientProfile {
        try build(from: FieldReader(fields: fields, source: source, prefix: ""), today: today)
    }

    static func build(from reader: FieldReader, today: CalendarDate) throws(InputError) -> PatientProfile {
        let id = try reader.requiredString("id")
        let givenName = try reader.requiredString("givenName")
        let familyName = try reader.requiredString("familyName")
        let birthDate = try date(reader, "birthDate", required: true)!
        guard birthDate <= today else {
            throw .invalidField(source: reader.source, field: "birthDate", problem: "is in the future")
        }
        guard birthDate.year >= today.year - 130 else {
            throw .invalidField(source: reader.source, field: "birthDate", problem: "is more than 130 years ago")
        }
        let email = try reader.optionalString("email")
        if let email, !isPlausibleEmail(email) {
            throw .invalidField(source: reader.source, field: "email", problem: "is not an email address like name@example.org")
        }
        let language = try reader.optionalString("language")?.lowercased()
        if let language, !language.allSatisfy({ $0.isLetter || $0 == "-" }) || language.count > 12 {
            throw .invalidField(source: reader.source, field: "language", problem: "must be a language code like en or es")
        }
        return PatientProfile(
            id: id, givenName: givenName, familyName: familyName, birthDate: birthDate,
            mrn: try reader.optionalString("mrn"), email: email, language: language,
            clinician: try reader.optionalString("clinician"),
            appointment: try appointment(reader), notes: try reader.optionalString("notes"),
            factors: try reader.stringList("factors"), clinic: try clinic(reader))
    }

    public static func isPlausibleEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
              !parts[1].hasPrefix("."), !parts[1].hasSuffix(".") else { return false }
        return text.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value != 0x7F && !"<>(),;:\\\"[]".unicodeScalars.contains($0) }
    }

    static func date(_ reader: FieldReader, _ key: String, required: Bool) throws(InputError) -> CalendarDate? {
        guard let text = required ? try reader.requiredString(key) : try reader.optionalString(key) else { return nil }
        guard let date = CalendarDate(iso: text) else {
            throw .invalidField(source: reader.source, field: reader.name(key), problem: "is not a real date in the form YYYY-MM-DD")
        }
        return date
    }

    static func appointment(_ reader: FieldReader) throws(InputError) -> Appointment? {
        guard let nested = try reader.object("appointment") else { return nil }
        guard let date = try date(nested, "date", required: true) else { return nil }
        return Appointment(date: date, time: try nested.optionalString("time"), place: try nested.optionalString("place"))
    }

    static func clinic(_ reader: FieldReader) throws(InputError) -> Clinic? {
        guard let nested = try reader.object("clinic") else { return nil }
        func phone(_ key: String, required: Bool) throws(InputError) -> String? {
            guard let text = required ? try nested.requiredString(key) : try nested.optionalString(key) else { return nil }
            guard LinkTarget.telephone(text) != nil else {
                throw .invalidField(source: nested.source, field: nested.name(key), problem: "is not a phone number like (555) 555-0100")
            }
            return text
        }
        let website = try nested.optionalString("website")
        if let website, LinkTarget.web(website) == nil {
            throw .invalidField(source: nested.source, field: nested.name("website"),
                                problem: "is not a web address like https://clinic.example.org (only http and https)")
        }
        let email = try nested.optionalString("email")
        if let email, LinkTarget.email(email) == nil {
            throw .invalidField(source: nested.source, field: nested.name("email"), problem: "is not an email address like name@example.org")
        }
        return Clinic(
            name: try nested.requiredString("name"), phone: try phone("phone", required: true)!,
            afterHoursPhone: try phone("afterHoursPhone", required: false),
            address: try nested.optionalString("address"), website: website, email: email)
    }
}
