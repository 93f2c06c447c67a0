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

    @Test func notesKeepTheirLineBreaksButNamesMayNotHaveAny() throws {
        #expect(try profile(["notes": "First.\n\nSecond.\r\nThird."]).notes == "First.\n\nSecond.\r\nThird.")
        #expect(problem { () throws(InputError) in try profile(["givenName": "Ma\nria"]) }?.field == "givenName")
        #expect(problem { () throws(InputError) in try profile(["givenName": "Ma\u{2028}ria"]) }?.field == "givenName")
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

/// Languages as EHR exports write them.
@Test(arguments: [
    ("en", "en"), ("EN", "en"), ("English", "en"), ("ENG", "en"), ("eng", "en"), ("en-US", "en"),
    ("Spanish", "es"), ("SPA", "es"), ("spa", "es"), ("Español", "es"), ("ESPAÑOL", "es"), ("es-MX", "es"), ("es_419", "es"),
    ("French", "fr"), ("fra", "fr"), ("fre", "fr"), ("Chinese", "zh"), ("zh-Hant-TW", "zh"), ("Cantonese", "zh"),
    ("Haitian Creole", "ht"), ("Tagalog", "tl"), ("Farsi", "fa"), ("Vietnamese", "vi"), ("tiếng Việt", "vi"),
])
func languagesAsEHRsWriteThem(written: String, code: String) {
    #expect(LanguageCode.code(for: written) == code)
}

@Test func aLanguageTheTableDoesNotKnowHasNoCode() {
    #expect(LanguageCode.code(for: "Klingon") == nil)
    #expect(LanguageCode.code(for: "x-private") == nil)
}

/// Every control character a terminal acts on, and the bidi controls, written out; the rest kept.
@Test func echoedTextShowsControlCharactersWrittenOut() {
    let hostile = "a\u{1B}]0;t\u{07}b\r\u{7F}\u{85}\u{9B}31m\u{202E}c\n\t"
    #expect(EchoedText.escaped(hostile) == #"a\u{1B}]0;t\u{7}b\u{D}\u{7F}\u{85}\u{9B}31m\u{202E}c\u{A}\u{9}"#)
    #expect(EchoedText.escaped("Fecha de nacimiento, 日付, تاريخ, e\u{301}") == "Fecha de nacimiento, 日付, تاريخ, e\u{301}")
}
