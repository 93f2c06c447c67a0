import Foundation
import Testing
@testable import HandoutCore

private let today = CalendarDate(year: 2026, month: 11, day: 26)!

private func decode(_ json: String) throws(InputError) -> PatientProfile {
    try PatientJSON.decode(Data(json.utf8), source: "p.json", today: today)
}

private func error(_ json: String) -> InputError? {
    do {
        _ = try decode(json)
        return nil
    } catch {
        return error
    }
}

private let minimal = #"{"id": "A1", "givenName": "Ana", "familyName": "Li", "birthDate": "1970-02-28"}"#

@Test func readsAMinimalPatient() throws {
    let patient = try decode(minimal)
    #expect(patient.id == "A1")
    #expect(patient.fullName == "Ana Li")
    #expect(patient.birthDate == CalendarDate(year: 1970, month: 2, day: 28))
    #expect(patient.factors.isEmpty)
}

@Test func reportsTheLineAndColumnOfInvalidJSON() {
    let json = "{\n  \"id\": \"A1\",\n  \"givenName\": Ana\n}"
    guard case let .invalidJSON(source, line, _) = error(json) else {
        Issue.record("expected invalidJSON")
        return
    }
    #expect(source == "p.json")
    #expect(line == 3)
}

@Test func namesAMissingRequiredField() {
    #expect(error(#"{"id": "A1", "givenName": "Ana", "birthDate": "1970-02-28"}"#) == .missingField(source: "p.json", field: "familyName"))
    #expect(error(#"{"id": "A1", "givenName": " ", "familyName": "Li", "birthDate": "1970-02-28"}"#) == .missingField(source: "p.json", field: "givenName"))
}

@Test(arguments: ["1970-02-30", "1970-13-01", "70-01-01", "1970/01/01", "2023-02-29"])
func refusesImpossibleDates(_ date: String) {
    let json = minimal.replacingOccurrences(of: "1970-02-28", with: date)
    guard case let .invalidField(_, field, _) = error(json) else {
        Issue.record("expected invalidField for \(date)")
        return
    }
    #expect(field == "birthDate")
}

@Test func acceptsALeapDay() throws {
    #expect(try decode(minimal.replacingOccurrences(of: "1970-02-28", with: "2024-02-29")).birthDate.day == 29)
}

@Test func refusesABirthDateInTheFuture() {
    let json = minimal.replacingOccurrences(of: "1970-02-28", with: "2026-11-27")
    #expect(error(json) == .invalidField(source: "p.json", field: "birthDate", problem: .inTheFuture))
}

@Test func aBadEmailNeverBlocksTheHandoutAndIsRefusedForMailWithoutEchoingIt() throws {
    let json = minimal.replacingOccurrences(of: "}", with: #", "email": "ana at example"}"#)
    #expect(try PatientJSON.decode(Data(json.utf8), source: "p.json", today: today).email == nil)
    let record = try PatientRecord(json: try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any], source: "p.json")
    #expect(throws: InputError.invalidField(source: "p.json", field: "email", problem: .notAnEmail)) {
        try PatientFields.contact(from: record, source: "p.json")
    }
}

@Test func readsNestedAppointmentAndClinic() throws {
    let json = minimal.replacingOccurrences(of: "}", with: #", "appointment": {"date": "2026-12-01", "time": "9:00 AM"}, "clinic": {"name": "C", "phone": "555"}}"#)
    let patient = try decode(json)
    #expect(patient.appointment?.date == CalendarDate(year: 2026, month: 12, day: 1))
    #expect(patient.clinic?.name == "C")
    #expect(error(json.replacingOccurrences(of: #""phone": "555""#, with: #""fax": "1""#))
        == .missingField(source: "p.json", field: "clinic.phone"))
}
