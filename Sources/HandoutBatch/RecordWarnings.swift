import HandoutCore

/// What a handout is made with that the record did not ask for, decided here alone for
/// `handout render` and `handout batch`.
extension RecordWarning {
    /// `language`: the handout's, when known; `today`: the run's day.
    public static func of(_ patient: PatientProfile, language: HandoutLanguage?, today: CalendarDate) -> [RecordWarning] {
        var warnings: [RecordWarning] = []
        if let language, language.insteadOf != nil { warnings.append(language.notice ? .languageNotice : .languageFallback) }
        if let appointment = patient.appointment, appointment.date < today { warnings.append(.appointmentInPast) }
        return warnings
    }

    /// The field it is about.
    public var field: PatientField {
        switch self {
        case .languageFallback, .languageNotice: .language
        case .appointmentInPast: .appointmentDate
        }
    }

    /// What is said after the field's name: for a language, the one asked for, the one the
    /// handout is made in and why (`is Vietnamese, made in English: no handout in Vietnamese`).
    public func words(_ language: HandoutLanguage?) -> String {
        switch self {
        case .languageFallback, .languageNotice:
            guard let language, let asked = language.insteadOf else { return "names a language with no handout content" }
            return "is \(HandoutLanguage.named(asked)), made in \(HandoutLanguage.named(language.made)): \(language.why)"
        case .appointmentInPast:
            return "is in the past; the handout still gives that appointment"
        }
    }
}
