import HandoutBatch
import HandoutCore
import Testing

/// The digest of what a handout is made from.
@Suite struct SourceDigestTests {
    static let patient = PatientProfile(
        id: "P1", givenName: "Ann", familyName: "Lee", birthDate: CalendarDate(year: 1990, month: 1, day: 2)!,
        appointment: Appointment(date: CalendarDate(year: 2026, month: 1, day: 5)!, time: "9:30 AM"),
        factors: ["instability"], clinic: Clinic(name: "Clinic", phone: "555"))

    @Test func theCanonicalFormIsTheDocumentedOne() {
        // Type, kind, length, contents (checked against Python's hashlib).
        #expect(SourceDigest.of("abc") == "b640095860282897a74dc29de052f22b1045d486a49a73c7bd21a3867906c03f")
        #expect(SourceDigest.of(String?.none as Any, 7) == "31c339df08f6fd6ca3af74a2a9af7b6cb04bc3044bf0d0367c1770f4bab94acc")
    }

    @Test func equalRecordsHaveEqualDigests() {
        let copy = PatientProfile(
            id: "P1", givenName: "Ann", familyName: "Lee", birthDate: CalendarDate(iso: "1990-01-02")!,
            appointment: Appointment(date: CalendarDate(iso: "2026-01-05")!, time: "9:30 AM"),
            factors: ["instability"], clinic: Clinic(name: "Clinic", phone: "555"))
        #expect(SourceDigest.of(copy) == SourceDigest.of(Self.patient))
    }

    @Test(arguments: [
        "id", "givenName", "familyName", "birthDate", "mrn", "mrn empty", "email", "language", "clinician",
        "appointment date", "appointment time", "appointment place", "no appointment", "notes", "factors",
        "factor order", "clinic name", "clinic website", "no clinic",
    ])
    func everyFieldOfTheRecordCounts(change: String) {
        var patient = Self.patient
        switch change {
        case "id": patient.id = "P2"
        case "givenName": patient.givenName = "Anne"
        case "familyName": patient.familyName = "Leigh"
        case "birthDate": patient.birthDate = CalendarDate(year: 1990, month: 2, day: 1)!
        case "mrn": patient.mrn = "M1"
        case "mrn empty": patient.mrn = ""
        case "email": patient.email = "a@example.org"
        case "language": patient.language = "es"
        case "clinician": patient.clinician = "Dr. X"
        case "appointment date": patient.appointment?.date = CalendarDate(year: 2026, month: 1, day: 6)!
        case "appointment time": patient.appointment?.time = "9:31 AM"
        case "appointment place": patient.appointment?.place = ""
        case "no appointment": patient.appointment = nil
        case "notes": patient.notes = "Note"
        case "factors": patient.factors.append("osteoporosis")
        case "factor order": patient.factors = ["osteoporosis", "instability"]
        case "clinic name": patient.clinic?.name = "Clinic 2"
        case "clinic website": patient.clinic?.website = "https://example.org"
        case "no clinic": patient.clinic = nil
        default: Issue.record("unknown change \(change)")
        }
        #expect(SourceDigest.of(patient) != SourceDigest.of(Self.patient))
    }

    @Test func partsCannotRunIntoEachOther() {
        #expect(SourceDigest.of(["ab", "c"]) != SourceDigest.of(["a", "bc"]))
        #expect(SourceDigest.of("ab", "c") != SourceDigest.of("a", "bc"))
        #expect(SourceDigest.of("1") != SourceDigest.of(1))
        #expect(SourceDigest.of(String?.none as Any) != SourceDigest.of(String?.some("") as Any))
        enum Paper { case letter, a4 }
        #expect(SourceDigest.of(Paper.letter) != SourceDigest.of(Paper.a4))
    }

    @Test func dictionariesDoNotDependOnTheirOrder() {
        var forward: [String: String] = [:]
        for i in 0..<200 { forward["key\(i)"] = "value \(i)" }
        var backward: [String: String] = [:]
        backward.reserveCapacity(4096)
        for i in (0..<200).reversed() { backward["key\(i)"] = "value \(i)" }
        #expect(Array(forward.keys) != Array(backward.keys), "the two dictionaries should iterate differently")
        #expect(SourceDigest.of(forward) == SourceDigest.of(backward))
        backward["key7"] = "value 8"
        #expect(SourceDigest.of(forward) != SourceDigest.of(backward))
    }
}
