import Foundation
import HandoutBatch
import HandoutConfig
import HandoutCore
import HandoutLayout
import HandoutRequest
import HandoutSupport

/// What staff typed on the single-handout form, kept as typed so that a refused form comes
/// back with every value in place; and the problems found, by field.
struct HandoutForm: Sendable {
    /// The patient fields the form asks for, in its order.
    static let patientFields: [PatientField] = [.id, .givenName, .familyName, .birthDate, .mrn, .email]
    static let visitFields: [PatientField] = [.clinician, .appointmentDate, .appointmentTime, .appointmentPlace, .notes]

    var values: [PatientField: String] = [:]
    var factors: Set<String> = []
    var choices: HandoutChoices
    var password = ""
    /// The day to print in the footer, as typed: the run date of `handout render --date`.
    var printedOn = ""
    /// Problems by form field name (a PatientField's raw value, or "password", "printedOn", "form"),
    /// in the form's language.
    var errors: [String: String] = [:]
    /// What "Make and send" did (sent, or not), shown above the form.
    var notice: String?
    /// The clinic's way of writing dates (the settings file's `date-format:`), taken beside
    /// year-month-day in the date fields.
    var dateFormat: DateFormat?
    /// The record id when staff leave it empty and give no medical record number either.
    static let defaultID = "handout"

    init(choices: HandoutChoices) {
        self.choices = choices
    }

    init(_ form: FormFields, setup: RenderSetup) {
        var choices = setup.defaults
        if let topic = form["topic"], setup.topics.contains(where: { $0.topic == topic }) { choices.topic = topic }
        let languages = setup.topics.first { $0.topic == choices.topic }?.languages ?? []
        if let language = form["language"], languages.contains(language) { choices.language = language }
        if let paper = form["paper"].flatMap(Paper.init(rawValue:)) { choices.paper = paper }
        choices.largePrint = form["largePrint"] == "on"
        choices.kind = form["kind"].flatMap(HandoutChoices.Kind.init(rawValue:)) ?? .standard
        self.init(choices: choices)
        dateFormat = setup.configuration.dateFormat
        for field in Self.patientFields + Self.visitFields { values[field] = form[field.rawValue] ?? "" }
        factors = Set(form.all("factors"))
        password = form["password"] ?? ""
        printedOn = form[PrintedOnField.name] ?? ""
    }

    /// The printed day: nil when the field is empty or holds no day (then `checkComplete` says so).
    var printedDay: CalendarDate? {
        if case let .day(day) = PrintedOnField.read(printedOn) { return day }
        return nil
    }

    /// The record to check and render, the language and topic from the form's choices. A date
    /// in the clinic's format is given as year-month-day; an empty record id is the medical
    /// record number (else ``defaultID``): staff need not invent one.
    var record: PatientRecord {
        var record = PatientRecord()
        for (field, value) in values { record[field] = value }
        for field in [PatientField.birthDate, .appointmentDate] {
            let typed = (values[field] ?? "").trimmingCharacters(in: .whitespaces)
            if CalendarDate(iso: typed) == nil, let day = dateFormat?.parse(typed) { record[field] = day.description }
        }
        if Self.isEmpty(values[.id]) { record[.id] = Self.isEmpty(values[.mrn]) ? Self.defaultID : values[.mrn] }
        record[.topic] = choices.topic
        record[.language] = choices.language
        record.factors = factors.sorted()
        return record
    }

    /// The required fields left empty, a printed day that is no day, and a protected PDF
    /// without a usable password, all at once (the engine's checks stop at the first problem).
    mutating func checkComplete(_ text: UIText) {
        for field in PatientField.required where field != .id && Self.isEmpty(values[field]) {
            errors[field.rawValue] = text.isRequired
        }
        if PrintedOnField.read(printedOn) == .notADay {
            errors[PrintedOnField.name] = text.form.problem(.notADate(pattern: nil))
        }
        if choices.kind == .password {
            if let problem = PDFPassword.problem(with: Substring(password)) {
                errors["password"] = text.form.problem(.password(PasswordProblem(problem)))
            }
        }
    }

    private static func isEmpty(_ value: String?) -> Bool {
        (value ?? "").trimmingCharacters(in: .whitespaces).isEmpty
    }

    /// Values the engine takes, standing in for a field already refused so that the next check
    /// reaches the fields after it; never rendered (a form with a problem makes no handout).
    private static let standIns: [PatientField: String] = [.id: "x", .givenName: "x", .familyName: "x", .birthDate: "2000-01-01"]

    /// Every field's problem at once: the engine stops at the first one, so each field it refuses
    /// is noted, stood in for (``standIns``, or left empty) and the record checked again, at most
    /// once a field. True when the record passes.
    mutating func checkEveryField(_ text: UIText, today: CalendarDate, languages: LanguageAliases) -> Bool {
        var record = self.record
        for key in errors.keys { if let field = PatientField(rawValue: key) { record[field] = Self.standIns[field] ?? "" } }
        for _ in 0...(Self.patientFields.count + Self.visitFields.count) {
            do {
                _ = try PatientFields.build(from: record, source: "form", today: today, languages: languages)
                return errors.isEmpty
            } catch {
                let noted = errors.count
                note(error, text)
                guard errors.count > noted, let field = Self.field(of: error) else { return false }
                record[field] = Self.standIns[field] ?? ""
            }
        }
        return false
    }

    /// The form field an engine refusal is about (an appointment's is its date's).
    private static func field(of error: InputError) -> PatientField? {
        switch error {
        case let .missingField(_, field), let .invalidField(_, field, _), let .missingGlyphs(_, field):
            return field == "appointment" ? .appointmentDate : PatientField(rawValue: field)
        default: return nil
        }
    }

    /// Puts the engine's refusal next to its field, in the form's language (or above the form
    /// when it is no field's).
    mutating func note(_ error: InputError, _ text: UIText) {
        switch error {
        case let .missingField(_, field) where PatientField(rawValue: field) != nil:
            errors[field] = text.isRequired
        case let .invalidField(_, field, problem) where PatientField(rawValue: field) != nil:
            errors[field] = text.form.problem(problem)
        case let .invalidField(_, field, problem) where field == "appointment":
            errors[PatientField.appointmentDate.rawValue] = text.form.problem(problem)
        case .unknownFactor:
            errors[PatientField.factors.rawValue] = text.form.problem(.unknownFactor)
        case let .missingGlyphs(_, field) where PatientField(rawValue: field) != nil:
            errors[field] = text.form.problem(.noFontCovers)
        default:
            errors["form"] = error.errorDescription ?? "the handout could not be made"
        }
    }
}
