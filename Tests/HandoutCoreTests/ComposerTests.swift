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

/// Every block, the ones inside boxes, groups and columns too, in reading order.
private func flattened(_ blocks: [Block]) -> [Block] {
    blocks.flatMap { block -> [Block] in
        switch block {
        case let .box(_, children, _), let .group(children, _): return [block] + flattened(children)
        case let .columns(left, right): return [block] + flattened(left + right)
        default: return [block]
        }
    }
}

private func rawTexts(_ blocks: [Block]) -> [String] {
    flattened(blocks).flatMap { block -> [String] in
        switch block {
        case let .paragraph(text): return [text.map(\.text).joined()]
        case let .heading(_, text): return [text]
        case let .prompt(text, _): return [text]
        default: return []
        }
    }
}

private func patientFacts(_ document: Document) -> [LabeledValue] {
    flattened(document.blocks).flatMap { block -> [LabeledValue] in if case let .keyValues(rows) = block { rows } else { [] } }
}

private func checklistItems(_ blocks: [Block]) -> [ChecklistItem] {
    flattened(blocks).flatMap { block -> [ChecklistItem] in if case let .checklist(items) = block { items } else { [] } }
}

@Test func withoutAnAppointmentTheHandoutSaysWhomToCall() throws {
    let document = try composer().compose(patient, source: "t")
    #expect(texts(document.blocks).contains("Call (555) 555-0100 to set up your visit."))
    #expect(!patientFacts(document).contains { $0.label == "Your visit" })
}

/// The booked visit is said once, on page 1's patient box; the next steps then say how to
/// change it, with the clinic phone in that line and nowhere else in the box.
@Test func theAppointmentReplacesTheCallToSchedule() throws {
    var booked = patient
    booked.appointment = Appointment(date: CalendarDate(year: 2026, month: 12, day: 8)!, time: "9:30 AM", place: "Room 2")
    let lines = texts(try composer().compose(booked, source: "t").blocks)
    #expect(!lines.contains("Call (555) 555-0100 to set up your visit."))
    #expect(lines.contains("To change your visit or ask a question, call (555) 555-0100."))
    #expect(lines.filter { $0.contains("(555) 555-0100") }.count == 1)
    #expect(!lines.contains { $0.contains("December 8") })
}

/// Each phone number is printed once in the whole handout (the masthead gives the website).
@Test func eachPhoneNumberIsSaidOnce() throws {
    var clinic = try #require(composer().defaultClinic)
    clinic.afterHoursPhone = "(555) 555-0199"
    for appointment in [nil, Appointment(date: CalendarDate(year: 2026, month: 12, day: 8)!, time: nil, place: nil)] {
        var someone = patient
        someone.clinic = clinic
        someone.appointment = appointment
        let document = try composer().compose(someone, source: "t")
        var printed = texts(document.blocks)
        for case let .masthead(left, right, _) in document.blocks { printed += [(left + right).map(\.text).joined()] }
        for phone in [clinic.phone, "(555) 555-0199"] {
            #expect(printed.filter { $0.contains(phone) }.count == 1, "\(phone) with appointment \(appointment != nil)")
        }
    }
}

@Test func everyInsertedValueIsIsolatedSoRightToLeftNamesKeepTheirNeighboursInOrder() throws {
    var arabic = patient
    arabic.givenName = "مريم"
    arabic.appointment = Appointment(date: CalendarDate(year: 2026, month: 12, day: 8)!, time: "9:30", place: "غرفة 2")
    let document = try composer().compose(arabic, source: "t")
    #expect(document.runningHeader == ["\u{2068}مريم Brontë\u{2069}", "Date of birth: \u{2068}March 6, 1960\u{2069}"])
    // The visit's place stands on a line of its own, with no neighbours to reorder.
    #expect(patientFacts(document).contains { $0.value.hasSuffix("\u{2069}\nغرفة 2") })
}

@Test func tickedFactorsAreChecked() throws {
    let items = checklistItems(try composer().compose(patient, source: "t").blocks)
    #expect(items.count == 7)
    #expect(items.filter(\.checked).count == 1)
}

/// With a box ticked the legend says who ticked it, in place of the content's "may check";
/// with none ticked there is no legend.
@Test func theCheckBoxLegendIsThereOnlyWhenABoxIsTicked() throws {
    let legend = try ContentLoader.strings(language: "en")[.factorsCheckedNote]
    let intro = "Your doctor may check the boxes that apply to you."
    let ticked = texts(try composer().compose(patient, source: "t").blocks)
    #expect(ticked.contains(legend) && !ticked.contains(intro))
    var none = patient
    none.factors = []
    let blocks = try composer().compose(none, source: "t").blocks
    #expect(!texts(blocks).contains(legend) && texts(blocks).contains(intro))
    #expect(Set(checklistItems(blocks).map(\.spokenState)) == ["not checked"])
}

/// The checklist, its intro and both groups are one kept-together group, the groups side by side.
@Test func theFactorChecklistIsOneGroupWithItsIntro() throws {
    let blocks = try composer().compose(patient, source: "t").blocks
    let groups = blocks.compactMap { block -> [Block]? in if case let .group(children, _) = block { children } else { nil } }
    let checklist = try #require(groups.first { !checklistItems($0).isEmpty })
    guard case .paragraph = checklist.first, case .columns = checklist.last else {
        Issue.record("expected the intro, then the two groups side by side: \(checklist)")
        return
    }
}

@Test func thePatientBoxGivesTheVisitsDayTimeAndPlace() throws {
    var booked = patient
    booked.appointment = Appointment(date: CalendarDate(year: 2026, month: 12, day: 8)!, time: "9:30 AM", place: "Room 2")
    let facts = patientFacts(try composer().compose(booked, source: "t"))
    let visit = facts.first { $0.label == "Your visit" }.map { texts([.paragraph([Span($0.value)])]) }
    #expect(visit == ["Tuesday, December 8, 2026 at 9:30 AM\nRoom 2"])
}

/// The clinician's notes come right after page 1's boxes, before any section of the content.
@Test func theCliniciansNotesComeBeforeTheContent() throws {
    var noted = patient
    noted.notes = "Walk daily."
    let document = try composer().compose(noted, source: "t")
    let headings = flattened(document.blocks).compactMap { block -> String? in
        if case let .heading(2, text) = block { text } else { nil }
    }
    #expect(Array(headings.prefix(3)) == ["What you need to know", "Your next steps", "Notes from your clinician"])
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
    #expect(document.runningHeader.joined(separator: " ").contains("Zoë Brontë"))
    #expect(document.runningHeader.joined(separator: " ").contains("March 6, 1960"))
    #expect(document.footer.contains("Spine Clinic"))
}

@Test func phoneNumbersBecomeTelLinks() {
    #expect(LinkTarget.telephone("(555) 555-0100")?.uri == "tel:5555550100")
    #expect(LinkTarget.telephone("+1 555 555 0100")?.uri == "tel:+15555550100")
    #expect(LinkTarget.telephone("call us") == nil)
    #expect(LinkTarget.web("spine.example.org")?.uri == "https://spine.example.org")
    #expect(LinkTarget.displayWebsite("https://spine.example.org/") == "spine.example.org")
}
