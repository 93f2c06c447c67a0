import Foundation

/// The checks every patient record passes, whatever file it came from (JSON, NDJSON, CSV).
public enum PatientFields {
    /// A birth date further back than this many years is a typing mistake.
    static let oldestAge = 130

    /// Checks a record into a profile. Factor ids are checked later, against the content in use.
    /// `languages`: the clinic's own spellings of languages (its settings file).
    public static func build(from record: PatientRecord, source: String, today: CalendarDate,
                             languages: LanguageAliases = .none) throws(InputError) -> PatientProfile {
        let fields = Checked(record: record, source: source, languages: languages)
        let id = try fields.required(.id)
        let givenName = try fields.required(.givenName)
        let familyName = try fields.required(.familyName)
        let birthDate = try fields.date(.birthDate)!
        guard birthDate <= today else {
            throw .invalidField(source: source, field: PatientField.birthDate.rawValue, problem: .inTheFuture)
        }
        guard birthDate.year >= today.year - oldestAge else {
            throw .invalidField(source: source, field: PatientField.birthDate.rawValue, problem: .tooOld(years: oldestAge))
        }
        // The address is not printed: one the mail run cannot use never blocks the handout (mail
        // reports it, by field, through `contact`).
        let email = try? fields.email()
        return PatientProfile(
            id: id, givenName: givenName, familyName: familyName, birthDate: birthDate, mrn: try fields.text(.mrn),
            email: email, language: try fields.language(), topic: try fields.topic(),
            clinician: try fields.text(.clinician).map(ClinicianName.display), appointment: try appointment(fields), notes: try fields.text(.notes),
            factors: try fields.factors(), clinic: record.hasClinic ? try clinic(fields) : nil)
    }

    /// What mailing a handout needs of a record: its email address, its language and its
    /// clinic (whom the email names and tells the patient to call).
    public struct Contact: Sendable, Equatable {
        public var email: String?
        /// The code when the language is one `LanguageCode` knows, else as written.
        public var language: String?
        /// The record's clinic columns, when it has any (else the run's clinic file applies).
        public var clinic: Clinic?
        /// The visit the email speaks of; nil when the record has none, or a date that does not
        /// read (the email then names no day rather than not going out).
        public var appointment: Appointment?
        /// The record's own topic (else the run's).
        public var topic: String?
    }

    /// The email, language and clinic of a record, checked as `build` checks them, and nothing else.
    public static func contact(from record: PatientRecord, source: String, languages: LanguageAliases = .none) throws(InputError) -> Contact {
        let fields = Checked(record: record, source: source, languages: languages)
        return Contact(email: try fields.email(), language: try fields.language(),
                       clinic: record.hasClinic ? try clinic(fields) : nil, appointment: try? appointment(fields), topic: try fields.topic())
    }

    public static func isPlausibleEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
              !parts[1].hasPrefix("."), !parts[1].hasSuffix(".") else { return false }
        return text.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value != 0x7F && !"<>(),;:\\\"[]".unicodeScalars.contains($0) }
    }

    static func appointment(_ fields: Checked) throws(InputError) -> Appointment? {
        guard let date = try fields.date(.appointmentDate) else { return nil }
        return Appointment(date: date, time: try fields.text(.appointmentTime), place: try fields.text(.appointmentPlace))
    }

    static func clinic(_ fields: Checked) throws(InputError) -> Clinic {
        let website = try fields.text(.clinicWebsite)
        if let website, LinkTarget.web(website) == nil {
            throw .invalidField(source: fields.source, field: PatientField.clinicWebsite.rawValue, problem: .notAWebAddress)
        }
        let email = try fields.text(.clinicEmail)
        if let email, LinkTarget.email(email) == nil {
            throw .invalidField(source: fields.source, field: PatientField.clinicEmail.rawValue, problem: .notAnEmail)
        }
        let name = try fields.required(.clinicName)
        guard let phone = try fields.phone(.clinicPhone) else {
            throw .missingField(source: fields.source, field: PatientField.clinicPhone.rawValue)
        }
        return Clinic(
            name: name, phone: phone,
            afterHoursPhone: try fields.phone(.clinicAfterHoursPhone),
            address: try fields.text(.clinicAddress), website: website, email: email)
    }

    /// A record's fields through the text rules, with errors that name the field.
    struct Checked {
        let record: PatientRecord
        let source: String
        var languages = LanguageAliases.none

        func text(_ field: PatientField) throws(InputError) -> String? {
            guard let text = record[field] else { return nil }
            let cleaned = try TextRules.clean(text, field: field, source: source)
            return cleaned.isEmpty ? nil : cleaned
        }

        func required(_ field: PatientField) throws(InputError) -> String {
            guard let text = try text(field) else { throw .missingField(source: source, field: field.rawValue) }
            return text
        }

        func date(_ field: PatientField) throws(InputError) -> CalendarDate? {
            guard let text = field == .birthDate ? try required(field) : try self.text(field) else { return nil }
            guard let date = CalendarDate(iso: text) else {
                throw .invalidField(source: source, field: field.rawValue, problem: .notADate(pattern: nil))
            }
            return date
        }

        func email() throws(InputError) -> String? {
            let email = try text(.email)
            if let email, !isPlausibleEmail(email) {
                throw .invalidField(source: source, field: PatientField.email.rawValue, problem: .notAnEmail)
            }
            return email
        }

        /// A language the table does not know is kept as written, for the warning that quotes it:
        /// whether there is content in it is the renderer's question (and with --lang the column
        /// does not matter). A value with digits or signs is no language, and is not quoted.
        func language() throws(InputError) -> String? {
            guard let text = try text(.language)?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
            if let code = languages.code(for: text) { return code }
            guard LanguageCode.isNameLike(text) else {
                throw .invalidField(source: source, field: PatientField.language.rawValue, problem: .notALanguage)
            }
            return text
        }

        /// A topic id names a content file, so it is held to the file-name rule of `ContentCatalog`.
        func topic() throws(InputError) -> String? {
            let topic = try text(.topic)?.lowercased()
            if let topic, !ContentCatalog.isTopicID(topic) {
                throw .invalidField(source: source, field: PatientField.topic.rawValue, problem: .notATopicID)
            }
            return topic
        }

        func phone(_ field: PatientField) throws(InputError) -> String? {
            guard let text = try text(field) else { return nil }
            guard LinkTarget.telephone(text) != nil else {
                throw .invalidField(source: source, field: field.rawValue, problem: .notAPhone)
            }
            return text
        }

        func factors() throws(InputError) -> [String] {
            var items: [String] = []
            for text in record.factors {
                let cleaned = try TextRules.clean(text, field: .factors, source: source).trimmingCharacters(in: .whitespaces)
                if !cleaned.isEmpty { items.append(cleaned) }
            }
            return items
        }
    }
}
