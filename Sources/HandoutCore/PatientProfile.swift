/// One patient, as the clinic exported them. Everything here except `id` is health data:
/// it may be printed in the handout but never logged or used in file names.
public struct PatientProfile: Sendable, Hashable, Codable {
    public var id: String
    public var givenName: String
    public var familyName: String
    public var birthDate: CalendarDate
    public var mrn: String?
    public var email: String?
    public var language: String?
    /// Which comparison the handout is (a content topic id like "spinal-fusion"); nil: the run's.
    public var topic: String?
    public var clinician: String?
    public var appointment: Appointment?
    public var notes: String?
    public var factors: [String]
    public var clinic: Clinic?

    public init(id: String, givenName: String, familyName: String, birthDate: CalendarDate,
                mrn: String? = nil, email: String? = nil, language: String? = nil,
                topic: String? = nil, clinician: String? = nil, appointment: Appointment? = nil, notes: String? = nil,
                factors: [String] = [], clinic: Clinic? = nil) {
        self.id = id
        self.givenName = givenName
        self.familyName = familyName
        self.birthDate = birthDate
        self.mrn = mrn
        self.email = email
        self.language = language
        self.topic = topic
        self.clinician = clinician
        self.appointment = appointment
        self.notes = notes
        self.factors = factors
        self.clinic = clinic
    }

    public var fullName: String { "\(givenName) \(familyName)" }
}

public struct Appointment: Sendable, Hashable, Codable {
    public var date: CalendarDate
    /// As the clinic wrote it ("9:30 AM"); printed, not interpreted.
    public var time: String?
    public var place: String?

    public init(date: CalendarDate, time: String? = nil, place: String? = nil) {
        self.date = date
        self.time = time
        self.place = place
    }
}
