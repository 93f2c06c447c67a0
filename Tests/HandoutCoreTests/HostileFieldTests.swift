import Foundation
import HandoutCore
import Testing

/// What a hostile or careless record says must stay text: never PDF syntax, never a hidden
/// or reordered value, never a different result from run to run.
struct HostileFieldTests {
    let today = CalendarDate(year: 2026, month: 6, day: 1)!

    func profile(_ changes: [String: Any] = [:], clinic clinicChanges: [String: Any] = [:]) throws(InputError) -> PatientProfile {
        var clinic: [String: Any] = ["name": "Spine Clinic", "phone": "(555) 555-0100", "website": "https://spine.example.org"]
        clinic.merge(clinicChanges) { $1 }
        var fields: [String: Any] = ["id": "P1", "givenName": "Maria", "familyName": "Lopez", "birthDate": "1960-03-06", "clinic": clinic]
        fields.merge(changes) { $1 }
        return try PatientFields.build(from: try PatientRecord(json: fields, source: "t.json"), source: "t.json", today: today)
    }

    func problem(_ build: () throws(InputError) -> PatientProfile) -> (field: String, message: String)? {
        do {
            _ = try build()
            return nil
        } catch let .invalidField(_, field, problem) {
            return (field, problem.english)
        } catch {
            return ("?", "\(error)")
        }
    }

    @Test(arguments: [
        "https://x.example/')>>/A<</S/Launch/F(calc.exe)>>/Baz(",
        "javascript:app.alert(1)", "file:///etc/passwd", "data:text/html,<script>", "tel:5555550100",
        "https://exa mple.org", "https://x.example/\u{0}", "ftp://files.example.org", "https://", "https://-bad-.example",
    ])
    func aWebsiteIsAnHTTPAddressOrAnError(_ website: String) throws {
        if let target = LinkTarget.web(website) {
            // Accepted only with every delimiter of PDF and Cairo strings percent-encoded.
            #expect(!target.uri.contains(where: { "()\\\\'<> ".contains($0) }))
            #expect(target.uri.hasPrefix("https://x.example/"))
        } else {
            #expect(problem { () throws(InputError) in try profile(clinic: ["website": website]) }?.field == "clinic.website")
        }
    }

    @Test func aPlantedActionIsPercentEncoded() throws {
        let target = try #require(LinkTarget.web("https://x.example/')>>/A<</S/Launch/F(calc.exe)>>/Baz("))
        #expect(target.uri == "https://x.example/%27%29%3E%3E/A%3C%3C/S/Launch/F%28calc.exe%29%3E%3E/Baz%28")
    }

    @Test(arguments: ["givenName", "familyName", "mrn", "clinician", "notes"])
    func controlCharactersAreRefusedNamingTheField(_ field: String) {
        for text in ["Ma\u{0}ria", "Ma\u{7}ria", "Ma\u{1B}[31mria", "Ma\u{85}ria"] {
            let found = problem { () throws(InputError) in try profile([field: text]) }
            #expect(found?.field == field)
            #expect(found?.message.contains("Ma") == false)
        }
    }

    /// A line break in a one-line field used to fail the record as a control character. It is
    /// legal CSV (a quoted cell may span lines: "Dr. Smith, MD⏎Spine Center") and hides nothing,
    /// so it is now a space, as a tab is; notes keep their paragraphs.
    @Test func notesKeepTheirLineBreaksAndOneLineFieldsGetSpaces() throws {
        #expect(try profile(["notes": "First.\n\nSecond.\r\nThird.\tTabbed."]).notes == "First.\n\nSecond.\r\nThird.\tTabbed.")
        #expect(try profile(["clinician": "Dr. Smith, MD\nSpine Center"]).clinician == "Dr. Smith, MD Spine Center")
        #expect(try profile(["clinician": "Dr. Smith, MD \r\n  \r\n Spine Center"]).clinician == "Dr. Smith, MD Spine Center")
        #expect(try profile(["givenName": "Ma\r\nria"]).givenName == "Ma ria")
        #expect(try profile(["givenName": "Ma\rria", "familyName": "Lo\u{2028}pez\u{2029}"]).fullName == "Ma ria Lo pez")
        #expect(try profile(["givenName": "Ma\t\tria", "mrn": "\tA  12\n"]).givenName == "Ma ria")
        #expect(try profile(["mrn": "\tA  12\n"]).mrn == "A  12")
        #expect(try profile(["givenName": "Maria  Luisa"]).givenName == "Maria  Luisa")
    }

    /// The other control characters still fail the field, with or without a line break beside them.
    @Test func aControlCharacterBesideALineBreakIsStillRefused() {
        for text in ["Ma\n\u{0}ria", "Ma\u{1B}\r\nria", "Ma\u{B}ria", "Ma\u{C}ria", "Ma\u{85}ria"] {
            #expect(problem { () throws(InputError) in try profile(["clinician": text]) }?.message == "contains a control character (such as NUL or ESC); remove it")
        }
    }

    @Test func bidiControlsAreRemoved() throws {
        let patient = try profile(["givenName": "Ma\u{202E}ria\u{2066}", "familyName": "\u{200F}Lopez"])
        #expect(patient.givenName == "Maria")
        #expect(patient.familyName == "Lopez")
    }

    @Test(arguments: ["givenName", "familyName", "mrn", "clinician", "notes"])
    func aLetterUnderAStackOfMarksIsRefusedNamingTheField(_ field: String) {
        let stacked = "Ma" + String(repeating: "\u{0301}", count: 20) + "ria"
        for text in [stacked, "Ma\u{0301}\u{0302}\u{0303}\u{0304}\u{20DD}ria"] {
            let found = problem { () throws(InputError) in try profile([field: text]) }
            #expect(found?.field == field)
            #expect(found?.message == "has a letter with more than 4 accent marks stacked on it; they would draw over the lines around it")
        }
    }

    /// Names as their writing puts marks on letters: no more than 4 on one.
    @Test(arguments: [
        "Nguy\u{0065}\u{0302}\u{0303}n Th\u{1ECB} H\u{01B0}\u{0301}\u{0323}ng",  // Vietnamese, decomposed: 2 marks
        "स्वास्थ्य अर्जुन क्षत्रिय", "مُحَمَّد", "שְׁלֹמֹה", "בְּרֵאשִׁ֖ית", "สมศักดิ์ ก่อนิ้ว", "👨‍👩‍👧‍👦 🏳️‍⚧️",
    ])
    func realWritingKeepsItsMarks(_ name: String) throws {
        #expect(try profile(["givenName": name]).givenName == name)
    }

    @Test func everyFieldHasALengthLimit() {
        for field in ["givenName", "familyName"] {
            #expect(problem { () throws(InputError) in try profile([field: String(repeating: "a", count: 51)]) }?.message == "is longer than 50 characters")
        }
        #expect(problem { () throws(InputError) in try profile(["clinician": String(repeating: "a", count: 101)]) }?.message == "is longer than 100 characters")
        #expect(problem { () throws(InputError) in try profile(["notes": String(repeating: "word ", count: 339_000 / 5)]) }?.field == "notes")
        #expect(problem { () throws(InputError) in try profile(clinic: ["address": String(repeating: "x", count: 301)]) }?.field == "clinic.address")
        #expect(problem { () throws(InputError) in try profile(["factors": [String(repeating: "f", count: 201)]]) }?.field == "factors")
    }

    @Test func aPhoneNumberHasDigits() {
        #expect(problem { () throws(InputError) in try profile(clinic: ["phone": "call us"]) }?.field == "clinic.phone")
        #expect(problem { () throws(InputError) in try profile(clinic: ["afterHoursPhone": "n/a"]) }?.field == "clinic.afterHoursPhone")
    }

    @Test func placeholdersAreFilledInOnePass() {
        let filled = Template.fill("{name}, born {dob}", ["name": "{dob} {place}", "dob": "March 6, 1960", "place": "Room 2"])
        #expect(filled == "{dob} {place}, born March 6, 1960")
        #expect(Template.fill("{unknown} {name", ["name": "x"]) == "{unknown} {name")
    }
}

/// Every control character a terminal acts on, and the bidi controls, written out; the rest kept.
@Test func echoedTextShowsControlCharactersWrittenOut() {
    let hostile = "a\u{1B}]0;t\u{07}b\r\u{7F}\u{85}\u{9B}31m\u{202E}c\n\t"
    #expect(EchoedText.escaped(hostile) == #"a\u{1B}]0;t\u{7}b\u{D}\u{7F}\u{85}\u{9B}31m\u{202E}c\u{A}\u{9}"#)
    #expect(EchoedText.escaped("Fecha de nacimiento, 日付, تاريخ, e\u{301}") == "Fecha de nacimiento, 日付, تاريخ, e\u{301}")
}
