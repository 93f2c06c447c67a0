import Testing
@testable import HandoutCore

private func composer() throws -> Composer {
    Composer(comparison: try ContentLoader.builtIn(language: "en"), strings: try ContentLoader.strings(language: "en"),
             defaultClinic: Clinic(name: "Spine Clinic", phone: "(555) 555-0100", afterHoursPhone: "(555) 555-0111",
                                   website: "spine.example.org"),
             date: CalendarDate(year: 2026, month: 1, day: 16)!)
}

private let patient = PatientProfile(id: "7", givenName: "Zoë", familyName: "Brontë", birthDate: CalendarDate(year: 1960, month: 3, day: 6)!,
                                     factors: ["osteoporosis"])

/// The printed words, without the isolates (FSI, PDI) that wrap each inserted value.
private func texts(_ blocks: [Block]) -> [String] {
    rawTexts(blocks).map { String($0.unicodeScalars.filter { $0 != "\u{2068}" && $0 != "\u{2069}" }) }
}

private func rawTexts(_ blocks: [Block]) -> [String] {
    blocks.flatMap { block -> [String] in
        switch block {
        case let .paragraph(text, _): return [text.map(\.text).joined()]
        case let .box(_, children): return rawTexts(children)
        case let .heading(_, text): return [text]
        case let .prompt(text, _): return [text]
        default: return []
        }
    }
}

@Test func withoutAnAppointmentTheHandoutSaysWhomToCall() throws {
    let document = try composer().compose(patient, source: "t")
    #expect(texts(document.blocks).contains("Call (555) 555-0100 to schedule a consultation."))
}

@Test func theAppointmentReplacesTheCallToSchedule() throws {
    var booked = patient
    booked.appointment = Appointment(date: CalendarDate(year: 2026, month: 12, day: 8)!, time: "9:30 AM", place: "Room 2")
    let lines = texts(try composer().compose(booked, source: "t").blocks)
    #expect(lines.contains("Your appointment: December 8, 2026 at 9:30 AM, Room 2."))
    #expect(!lines.contains("Call (555) 555-0100 to schedule a consultation."))
}

@Test func everyInsertedValueIsIsolatedSoRightToLeftNamesKeepTheirNeighboursInOrder() throws {
    var arabic = patient
    arabic.givenName = "مريم"
    arabic.appointment = Appointment(date: CalendarDate(year: 2026, month: 12, day: 8)!, time: "9:30", place: "غرفة 2")
    let document = try composer().compose(arabic, source: "t")
    #expect(document.runningHeader.contains("\u{2068}مريم Brontë\u{2069}"))
    #expect(document.runningHeader.contains("\u{2068}March 6, 1960\u{2069}"))
    #expect(rawTexts(document.blocks).contains { $0.contains("\u{2068}غرفة 2\u{2069}") })
}

@Test func tickedFactorsAreChecked() throws {
    let document = try composer().compose(patient, source: "t")
    let items = document.blocks.flatMap { block -> [ChecklistItem] in
        if case let .checklist(items) = block { return items } else { return [] }
    }
    #expect(items.count == 7)
    #expect(items.filter(\.checked).count == 1)
}

@Test func theCheckBoxLegendIsThereOnlyWhenABoxIsTicked() throws {
    let legend = try ContentLoader.strings(language: "en")[.factorsCheckedNote]
    #expect(texts(try composer().compose(patient, source: "t").blocks).contains(legend))
    var none = patient
    none.factors = []
    let blocks = try composer().compose(none, source: "t").blocks
    #expect(!texts(blocks).contains(legend))
    let states = blocks.flatMap { block -> [String] in
        if case let .checklist(items) = block { return items.map(\.spokenState) } else { return [] }
    }
    #expect(states.count == 7 && Set(states) == ["not checked"])
}

@Test func thePatientBoxGivesTheVisitsDayTimeAndPlace() throws {
    var booked = patient
    booked.appointment = Appointment(date: CalendarDate(year: 2026, month: 12, day: 8)!, time: "9:30 AM", place: "Room 2")
    let document = try composer().compose(booked, source: "t")
    let facts = document.blocks.flatMap { block -> [LabeledValue] in
        guard case let .box(_, children) = block else { return [] }
        return children.flatMap { child -> [LabeledValue] in if case let .keyValues(rows) = child { rows } else { [] } }
    }
    #expect(facts.contains { $0.label == "Your visit" && $0.value == "December 8, 2026, 9:30 AM, Room 2" })
}

/// The link is the address the source prints, even when the same words stand earlier in it.
@Test func aSourcesAddressIsItsLinkWithoutTheScheme() throws {
    let spans = try composer().sourceText("spine.example.org, Spine facts. https://spine.example.org.")
    #expect(spans.map(\.text) == ["spine.example.org, Spine facts. ", "spine.example.org", "."])
    #expect(spans.map { $0.link?.uri } == [nil, "https://spine.example.org", nil])
}

@Test func theFooterGivesTheReviewDateInTheBodysDateStyle() throws {
    let footer = try composer().compose(patient, source: "t").footer.joined(separator: " ")
    #expect(footer.contains("reviewed \u{2068}January 16, 2026\u{2069}"), "\(footer)")
}

@Test func anUnknownFactorIsAnError() throws {
    var wrong = patient
    wrong.factors = ["osteoporsis"]
    #expect(throws: InputError.unknownFactor(source: "t", position: 1, known: try composer().comparison.factorIDs)) {
        try composer().compose(wrong, source: "t")
    }
}

@Test func everyPageNamesThePatient() throws {
    let document = try composer().compose(patient, source: "t")
    #expect(document.runningHeader.contains("Zoë Brontë"))
    #expect(document.runningHeader.contains("March 6, 1960"))
    #expect(document.footer.contains("Spine Clinic"))
}

@Test func phoneNumbersBecomeTelLinks() {
    #expect(LinkTarget.telephone("(555) 555-0100")?.uri == "tel:5555550100")
    #expect(LinkTarget.telephone("+1 555 555 0100")?.uri == "tel:+15555550100")
    #expect(LinkTarget.telephone("call us") == nil)
    #expect(LinkTarget.web("spine.example.org")?.uri == "https://spine.example.org")
    #expect(LinkTarget.displayWebsite("https://spine.example.org/") == "spine.example.org")
}
