import Foundation
import HummingbirdTesting
import Testing

/// Every problem a form field can get, in the form's language: the engine's English words on
/// the English form, Spanish words on the Spanish form, never English there.
@Suite struct FormProblemTests {
    /// A bad value, the field whose error it gives, and that error on the Spanish form.
    static let cases: [(fields: [(String, String)], key: String, spanish: String)] = [
        (replacing(examplePatient, "birthDate", with: "17/04/1961"), "birthDate", "Fecha de nacimiento: no es una fecha real (AAAA-MM-DD)"),
        (replacing(examplePatient, "birthDate", with: "2999-01-01"), "birthDate", "Fecha de nacimiento: es una fecha futura"),
        (replacing(examplePatient, "birthDate", with: "1801-01-01"), "birthDate", "Fecha de nacimiento: es de hace más de 130 años"),
        (replacing(examplePatient, "appointment.date", with: "2031-02-30"), "appointment.date", "Fecha de la cita: no es una fecha real (AAAA-MM-DD)"),
        (replacing(examplePatient, "givenName", with: "Ma\u{0}ria"), "givenName",
         "Nombre: tiene un carácter de control (como NUL o ESC); quítelo"),
        (replacing(examplePatient, "familyName", with: "González" + String(repeating: "\u{301}", count: 5) + "Whitfield"), "familyName",
         "Apellidos: tiene una letra con más de 4 acentos apilados; se dibujarían encima de las líneas de alrededor"),
        (replacing(examplePatient, "mrn", with: String(repeating: "4", count: 41)), "mrn", "Número de historia clínica: tiene más de 40 caracteres"),
        (replacing(examplePatient, "clinician", with: "Dr. Raman\u{10FFFD}"), "clinician",
         "Médico: tiene caracteres que ninguna fuente instalada puede imprimir"),
        (examplePatient + [("factors", "no-such-factor")], "factors", "Factores: incluye un factor que este tema no tiene"),
        (examplePatient + [("factors", "younger\u{7}age")], "factors",
         "Factores: tiene un carácter de control (como NUL o ESC); quítelo"),
        (replacing(examplePatient, "givenName", with: ""), "givenName", "Nombre: Este campo es obligatorio."),
        (examplePatient + [("printedOn", "2031-02-30")], "printedOn", "Fecha de impresión: no es una fecha real (AAAA-MM-DD)"),
        (replacing(examplePatient, "kind", with: "password"), "password", "Contraseña del PDF: está vacía"),
        (replacing(examplePatient, "kind", with: "password") + [("password", String(repeating: "ñ", count: 64))], "password",
         "Contraseña del PDF: tiene más de 127 bytes (UTF-8); el cifrado del PDF no admite más, elija una más corta"),
        (replacing(examplePatient, "kind", with: "password") + [("password", "open\tsesame")], "password",
         "Contraseña del PDF: tiene un carácter de control (NUL, tabulador…); use solo letras, números, espacios y signos de puntuación"),
    ]

    static let englishLabels = [
        "birthDate": "Date of birth", "appointment.date": "Appointment date", "givenName": "Given name", "familyName": "Family name",
        "mrn": "Medical record number", "clinician": "Clinician", "factors": "Factors", "printedOn": "Printed on", "password": "PDF password",
    ]

    @Test(arguments: cases.indices)
    func aProblemSaysItselfInTheFormsLanguage(_ index: Int) async throws {
        let (fields, key, spanish) = Self.cases[index]
        try await ServerFixture().run { client in
            let browser = Browser(client)
            try await browser.get("/")
            let english = try await browser.post("/handout?ui=en", fields)
            let englishError = try #require(Self.error(key, in: english.body), "no English error for \(key)")
            let spanishPage = try await browser.post("/handout?ui=es", fields)
            #expect(spanishPage.status == .unprocessableContent)
            #expect(Self.error(key, in: spanishPage.body) == spanish)
            let inSummary = spanishPage.body.contains("<a href=\"#f-\(key.replacingOccurrences(of: ".", with: "-"))\">\(spanish)</a>")
            #expect(inSummary, "\(key): not in the summary")
            // The engine's words, past the label ("Date of birth is in the future").
            let label = try #require(Self.englishLabels[key])
            #expect(englishError.hasPrefix(label + " ") || englishError.hasPrefix(label + ": "), "\(englishError)")
            let englishProblem = String(englishError.dropFirst(label.count + 1)).trimmingCharacters(in: CharacterSet(charactersIn: " :"))
            let saysEnglish = spanishPage.body.contains(englishProblem)
            #expect(!saysEnglish, "English on the Spanish form: \(englishProblem)")
        }
    }

    /// Every text field of the form with each kind of bad value: whatever the engine says, the
    /// Spanish form says it in Spanish, not in the English form's words (HandoutCore's Spanish
    /// table has no default case: a problem without Spanish words does not compile).
    @Test func everyFieldsProblemsHaveSpanishWords() async throws {
        // A line break in a one-line field is a space, not a problem: a stack of marks is one.
        let hostile = ["Ma\u{0}ria", "Mari" + String(repeating: "\u{301}", count: 5) + "a", "Maria\u{10FFFD}", String(repeating: "m", count: 6001), "31/12/2030", "0000-01-01"]
        let keys = ["id", "givenName", "familyName", "birthDate", "mrn", "clinician", "appointment.date", "appointment.time",
                    "appointment.place", "notes", "printedOn"]
        try await ServerFixture().run { client in
            let browser = Browser(client)
            try await browser.get("/")
            var problems = 0
            for key in keys {
                for value in hostile {
                    let fields = examplePatient.filter { $0.0 != key } + [(key, value)]
                    let page = try await browser.post("/handout?ui=es", fields)
                    guard page.status == .unprocessableContent else { continue }
                    let error = try #require(Self.error(key, in: page.body), "\(key): refused without an error at the field")
                    let english = try #require(Self.error(key, in: try await browser.post("/handout?ui=en", fields).body))
                    // The end of the English words: the label before them varies in length.
                    let englishEnd = english.split(separator: " ").suffix(3).joined(separator: " ")
                    #expect(!error.contains(englishEnd), "\(key): English on the Spanish form: \(english)")
                    problems += 1
                }
            }
            #expect(problems >= 40, "\(problems)")
        }
    }

    /// The text of a field's error paragraph, entities decoded.
    static func error(_ key: String, in page: String) -> String? {
        let id = "f-" + key.replacingOccurrences(of: ".", with: "-") + "-error"
        guard let start = page.range(of: "id=\"\(id)\">"), let end = page[start.upperBound...].range(of: "</p>") else { return nil }
        return String(page[start.upperBound..<end.lowerBound])
    }
}
