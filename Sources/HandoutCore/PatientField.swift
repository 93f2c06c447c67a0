/// Every field of a patient record, named as the patient JSON nests it ("clinic.website").
/// CSV columns, `--map`, length limits and error messages all speak of these, never of strings.
public enum PatientField: String, CaseIterable, Sendable {
    case id, givenName, familyName, birthDate, mrn, email, language, topic, clinician
    case appointmentDate = "appointment.date", appointmentTime = "appointment.time", appointmentPlace = "appointment.place"
    case notes, factors
    case clinicName = "clinic.name", clinicPhone = "clinic.phone", clinicAfterHoursPhone = "clinic.afterHoursPhone"
    case clinicAddress = "clinic.address", clinicWebsite = "clinic.website", clinicEmail = "clinic.email"

    public static let required: [PatientField] = [.id, .givenName, .familyName, .birthDate]

    /// The name `--map` takes and a CSV column maps to: "clinicWebsite".
    public var flatName: String { String(describing: self) }

    public init?(flatName: String) {
        guard let field = Self.allCases.first(where: { $0.flatName == flatName }) else { return nil }
        self = field
    }

    /// The object the field sits in (`appointment`, `clinic`), and its key there.
    var path: (object: String?, key: String) {
        let parts = rawValue.split(separator: ".").map(String.init)
        return parts.count == 2 ? (parts[0], parts[1]) : (nil, rawValue)
    }

    var isClinic: Bool { path.object == "clinic" }

    /// The longest value, in Unicode scalars.
    var limit: Int {
        switch self {
        case .givenName, .familyName: return 50
        // The longest ISO 639-2 name, written whole, is 80: "Church Slavic; Old Slavonic; …".
        case .id, .clinician, .language: return 100
        case .mrn, .appointmentTime, .clinicPhone, .clinicAfterHoursPhone: return 40
        case .email, .clinicEmail: return 254
        case .topic: return 64
        case .notes: return 6000
        case .appointmentPlace, .factors: return 200
        case .clinicName: return 120
        case .clinicAddress, .clinicWebsite: return 300
        case .birthDate, .appointmentDate: return 40
        }
    }

    /// Only notes may run over several lines (paragraphs split at blank lines).
    var allowsLineBreaks: Bool { self == .notes }
}
