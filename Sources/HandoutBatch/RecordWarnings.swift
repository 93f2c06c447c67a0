import HandoutCore

/// What a handout is made with that the record did not ask for, decided here alone for
/// `handout render` and `handout batch`.
extension RecordWarning {
    /// `fellBack`: whether the handout is made in another language than the patient's, having
    /// none in theirs; `today`: the run's day.
    public static func of(_ patient: PatientProfile, fellBack: Bool, today: CalendarDate) -> [RecordWarning] {
        var warnings: [RecordWarning] = []
        if fellBack { warnings.append(.languageFallback) }
        if let appointment = patient.appointment, appointment.date < today { warnings.append(.appointmentInPast) }
        return warnings
    }

    /// The field it is about.
    public var field: PatientField {
        switch self {
        case .languageFallback: .language
        case .appointmentInPast: .appointmentDate
        }
    }

    /// What is said after the field's name; `madeIn` names the language the handout is in.
    public func words(madeIn language: String) -> String {
        switch self {
        case .languageFallback: "names a language with no handout content; made in \(language)"
        case .appointmentInPast: "is in the past; the handout still gives that appointment"
        }
    }
}
