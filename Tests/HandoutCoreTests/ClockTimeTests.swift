import Testing
@testable import HandoutCore

/// A visit's time is printed as the handout's language writes it (issue 23): read from what
/// the record says, written by the locale; what does not read as a time stays as written.
@Test(arguments: [("9:30 AM", 9, 30), ("9:30am", 9, 30), ("9:30 a. m.", 9, 30), ("9:30 A.M.", 9, 30), ("09:30", 9, 30),
                  ("14:00", 14, 0), ("2 PM", 14, 0), ("12:15 am", 0, 15), ("12 pm", 12, 0), (" 7:05 p.m. ", 19, 5)])
func aRecordsTimeReadsAsAClockTime(text: String, hour: Int, minute: Int) {
    #expect(ClockTime(text) == ClockTime(hour: hour, minute: minute), "\(text)")
}

@Test(arguments: ["9", "25:00", "13:00 PM", "0:30 AM", "9:60", "9:30 in the morning", "soon", "", "١٠:٣٠", "9:305"])
func whatDoesNotReadAsATimeIsNotOne(text: String) {
    #expect(ClockTime(text) == nil, "\(text)")
}

@Test func englishAndSpanishWriteTheirOwnTimesOnTheTwelveHourClock() throws {
    let morning = try #require(ClockTime(hour: 9, minute: 30))
    let afternoon = try #require(ClockTime(hour: 14, minute: 0))
    #expect(morning.written(locale: "en-US") == "9:30 AM")
    #expect(afternoon.written(locale: "en-US") == "2:00 PM")
    #expect(morning.written(locale: "es-US") == "9:30 a. m.")
    #expect(afternoon.written(locale: "es-US") == "2:00 p. m.")
    // Without a region, the language's own clock.
    #expect(afternoon.written(locale: "es") == "14:00")
    #expect(ClockTime.written("after lunch", locale: "es-US") == "after lunch")
}

@Test func theSpanishPatientBoxWritesTheVisitsTimeTheSpanishWay() throws {
    let composer = Composer(comparison: try ContentLoader.builtIn(language: "es"), strings: try ContentLoader.strings(language: "es"),
                            defaultClinic: Clinic(name: "Clínica", phone: "(555) 555-0100"), date: CalendarDate(year: 2026, month: 1, day: 16)!)
    var patient = PatientProfile(id: "7", givenName: "Ana", familyName: "Ruiz", birthDate: CalendarDate(year: 1960, month: 3, day: 6)!)
    patient.appointment = Appointment(date: CalendarDate(year: 2026, month: 12, day: 8)!, time: "9:30 AM")
    let facts = try composer.compose(patient, source: "t").blocks.flatMap { block -> [LabeledValue] in
        guard case let .box(.tinted, children, _) = block, case let .keyValues(facts)? = children.first else { return [] }
        return facts
    }
    let visit = try #require(facts.first { $0.label == "Su cita" })
    #expect(String(visit.value.unicodeScalars.filter { $0 != "\u{2068}" && $0 != "\u{2069}" })
        == "martes, 8 de diciembre de 2026 a las 9:30 a. m.")
}
