import Foundation
import HandoutTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The form → PDF route through the router: the real renderer, the PDF read by poppler.
@Suite struct SingleHandoutTests {
    @Test func theFormMakesThePDFWithTheTypedNameInline() async throws {
        let fixture = try ServerFixture()
        let scratch = fixture.scratch
        try await fixture.run { client in
            let browser = Browser(client)
            let page = try await browser.get("/")
            #expect(page.status == .ok)
            #expect(page.body.contains("<label for=\"f-givenName\">"))
            #expect(browser.csrf != nil && browser.cookie != nil)
            let response = try await browser.raw("/")
            #expect(response.status == .ok)
            let (status, headers, bytes) = try await Self.post(browser, examplePatient)
            #expect(status == .ok)
            #expect(headers[.contentType] == "application/pdf")
            #expect(headers[.contentDisposition] == "inline; filename=\"P-000123.pdf\"")
            #expect(headers[.cacheControl] == "no-store")
            let pdf = scratch.write("made.pdf", bytes: bytes)
            let text = try CLI.pdfText(pdf)
            #expect(text.contains("Maria González-Whitfield"))
            #expect(try PDFInspection.isClean(pdf))
        }
        #expect(fixture.audit.contains("\"action\":\"made-handout\""))
        #expect(fixture.audit.contains("\"record\":\"P-000123\""))
        #expect(!fixture.audit.contains("Maria"))
    }

    /// The same bytes as `handout render` makes from the same record and settings: without a
    /// printed day as without `--date`, with "Printed on" as with `--date` of that day.
    @Test(arguments: ["", "2031-11-30"])
    func thePDFIsTheOneTheCommandLineMakes(_ printedOn: String) async throws {
        let fixture = try ServerFixture()
        let scratch = fixture.scratch
        try await fixture.run { client in
            let browser = Browser(client)
            try await browser.get("/")
            let fields = examplePatient.filter { $0.0 != "appointment.place" && $0.0 != "notes" && $0.0 != "appointment.time" }
            let (status, _, bytes) = try await Self.post(browser, fields + [("printedOn", printedOn)])
            #expect(status == .ok)
            let patient = scratch.write("patient.json", """
            {"id": "P-000123", "givenName": "Maria", "familyName": "González-Whitfield", "birthDate": "1961-04-17",
             "mrn": "MRN-4471902", "clinician": "Dr. Priya Raman, MD", "appointment": {"date": "2031-12-08"},
             "factors": ["good-alignment", "younger-age"], "language": "en", "topic": "spinal-fusion"}
            """)
            let date = printedOn.isEmpty ? [] : ["--date", printedOn]
            let result = try CLI.handout(["render", "--patient", patient, "--clinic", CLI.clinic, "--output", scratch.path + "/cli.pdf"] + date)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(Array(try Data(contentsOf: URL(fileURLWithPath: scratch.path + "/cli.pdf"))) == bytes)
            let footer = try CLI.pdfText(scratch.write("form.pdf", bytes: bytes), page: 1)
            #expect(footer.contains("Printed November 30, 2031") == !printedOn.isEmpty, "\(printedOn)")
        }
    }

    /// "Printed on": labelled, hinted, prefilled with the server's day; a day that is no day
    /// gives the form again with the error at the field and every value kept.
    @Test func thePrintedDayIsPrefilledAndChecked() async throws {
        try await ServerFixture().run { client in
            let browser = Browser(client)
            let form = try await browser.get("/?ui=es")
            let parts = Calendar.current.dateComponents([.year, .month, .day], from: Date())
            let today = String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
            #expect(form.body.contains("<label for=\"f-printedOn\">Fecha de impresión</label><p class=\"hint\" id=\"f-printedOn-hint\">"))
            #expect(form.body.contains("<input type=\"text\" id=\"f-printedOn\" name=\"printedOn\" aria-describedby=\"f-printedOn-hint\" "
                + "autocomplete=\"off\" value=\"\(today)\">"))
            let fields = examplePatient + [("printedOn", "30/11/2031")]
            let (status, _, bytes) = try await Self.post(browser, fields)
            let page = String(decoding: bytes, as: UTF8.self)
            #expect(status == .unprocessableContent)
            #expect(page.contains("<p class=\"error\" id=\"f-printedOn-error\">Printed on is not a real date in the form YYYY-MM-DD</p>"))
            #expect(page.contains("aria-invalid=\"true\" aria-describedby=\"f-printedOn-hint f-printedOn-error\""))
            for (name, value) in fields where !["factors", "language", "paper", "kind", "topic"].contains(name) {
                #expect(page.contains("value=\"\(value)\"") || page.contains(">\(value)</textarea>"), "\(name) kept")
            }
        }
    }

    @Test func aBadDateShowsTheFormAgainWithTheErrorAndEveryValue() async throws {
        try await ServerFixture().run { client in
            let browser = Browser(client)
            try await browser.get("/")
            let fields = replacing(examplePatient, "birthDate", with: "17/04/1961")
            let (status, _, bytes) = try await Self.post(browser, fields)
            let page = String(decoding: bytes, as: UTF8.self)
            #expect(status == .unprocessableContent)
            #expect(page.contains("id=\"f-birthDate-error\""))
            #expect(page.contains("aria-invalid=\"true\" aria-describedby=\"f-birthDate-hint f-birthDate-error\""))
            #expect(page.contains("role=\"alert\""))
            for (name, value) in fields where !["factors", "language", "paper", "kind", "topic"].contains(name) {
                #expect(page.contains("value=\"\(value)\"") || page.contains(">\(value)</textarea>"), "\(name) kept")
            }
            #expect(page.contains("value=\"younger-age\" checked"))
            #expect(page.contains("value=\"17/04/1961\""))
        }
    }

    @Test func missingRequiredFieldsAreAllMarkedAtOnce() async throws {
        try await ServerFixture().run { client in
            let browser = Browser(client)
            try await browser.get("/?ui=es")
            let fields = replacing(replacing(examplePatient, "givenName", with: ""), "familyName", with: " ")
            let (status, _, bytes) = try await Self.post(browser, fields, ui: "es")
            let page = String(decoding: bytes, as: UTF8.self)
            #expect(status == .unprocessableContent)
            #expect(page.contains("<html lang=\"es\">"))
            #expect(page.contains("id=\"f-givenName-error\""))
            #expect(page.contains("id=\"f-familyName-error\""))
            #expect(page.contains("Este campo es obligatorio."))
        }
    }

    /// What a user typed comes back as text, never as markup.
    @Test func typedMarkupIsEscaped() async throws {
        try await ServerFixture().run { client in
            let browser = Browser(client)
            try await browser.get("/")
            let fields = replacing(replacing(examplePatient, "notes", with: "</textarea><script>alert(1)</script>"),
                                   "birthDate", with: "\"><img src=x onerror=alert(1)>")
            let (status, _, bytes) = try await Self.post(browser, fields)
            let page = String(decoding: bytes, as: UTF8.self)
            #expect(status == .unprocessableContent)
            #expect(!page.contains("<script>alert"))
            #expect(!page.contains("<img src=x"))
            #expect(page.contains("&lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(page.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"))
        }
    }

    @Test func aPostWithoutTheCSRFTokenIsRefused() async throws {
        try await ServerFixture().run { client in
            let browser = Browser(client)
            try await browser.get("/")
            let missing = try await browser.post("/handout", examplePatient, csrf: false)
            #expect(missing.status == .forbidden)
            browser.csrf = String(repeating: "0", count: 64)
            let wrong = try await browser.post("/handout", examplePatient)
            #expect(wrong.status == .forbidden)
            browser.cookie = nil
            let noSession = try await browser.post("/handout", examplePatient)
            #expect(noSession.status == .forbidden)
        }
    }

    @Test func everyPageCarriesTheSecurityHeaders() async throws {
        try await ServerFixture().run { client in
            let browser = Browser(client)
            for uri in ["/", "/batch", "/static/style.css"] {
                let (_, headers, _) = try await browser.get(uri)
                let policy = headers[HTTPField.Name("Content-Security-Policy")!] ?? ""
                #expect(policy.contains("frame-ancestors 'none'"), "\(uri)")
                #expect(policy.contains("default-src 'none'"), "\(uri)")
                #expect(headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
                #expect(headers[HTTPField.Name("Referrer-Policy")!] == "same-origin")
            }
            let (_, headers, _) = try await Browser(client).get("/")
            let cookie = headers[.setCookie] ?? ""
            #expect(cookie.hasPrefix("handout_session=") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), "\(cookie)")
        }
    }

    /// "Preview page 1": the form again with every value kept and page 1 beside it, an inline
    /// PNG of the page the PDF will have (the same display list); a bad date gives the errors.
    @Test func thePreviewShowsPage1BesideTheFormWithEveryValueKept() async throws {
        try await ServerFixture().run { client in
            let browser = Browser(client)
            let page = try await browser.get("/")
            #expect(page.body.contains("formaction=\"/handout/preview?ui=en\""))
            let answer = try await browser.post("/handout/preview?ui=en", examplePatient)
            #expect(answer.status == .ok)
            #expect(answer.headers[.cacheControl] == "no-store")
            #expect(answer.headers[HTTPField.Name("Content-Security-Policy")!]?.contains("img-src 'self' data:") == true)
            #expect(answer.body.contains("value=\"Maria\"") && answer.body.contains("value=\"MRN-4471902\""))
            #expect(answer.body.contains("alt=\"Page 1 of this handout, as it will print\""))
            let start = try #require(answer.body.range(of: "data:image/png;base64,"))
            let encoded = answer.body[start.upperBound...].prefix { $0 != "\"" }
            let png = try #require(Data(base64Encoded: String(encoded)))
            #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
            // IHDR: 8.5 × 11 in at 72 dpi.
            let width = png[16..<20].reduce(0) { $0 << 8 | Int($1) }, height = png[20..<24].reduce(0) { $0 << 8 | Int($1) }
            #expect(width == 612 && height == 792, "\(width)×\(height)")
            let refused = try await browser.post("/handout/preview?ui=en", replacing(examplePatient, "birthDate", with: "17/04/1961"))
            #expect(refused.status == .unprocessableContent && !refused.body.contains("data:image/png"))
        }
    }

    /// A record that crashes its renderer process (here the scripted worker, which aborts on cue)
    /// gets the form back with every value and a plain message; the next request is served by a
    /// new process, and the server goes on.
    @Test(arguments: ["en", "es"])
    func aRecordThatCrashesTheRendererFailsThatRequestOnly(_ ui: String) async throws {
        let fixture = try ServerFixture { $0.rendererCommand = ServerFixture.scriptedRenderer }
        try await fixture.run { client in
            let browser = Browser(client)
            try await browser.get("/?ui=\(ui)")
            let (status, _, bytes) = try await Self.post(browser, replacing(examplePatient, "givenName", with: "CRASH"), ui: ui)
            let page = String(decoding: bytes, as: UTF8.self)
            #expect(status == .unprocessableContent)
            #expect(page.contains(ui == "es" ? "No se pudo crear este folleto" : "This handout could not be made"), "\(page)")
            #expect(page.contains("value=\"CRASH\"") && page.contains("value=\"González-Whitfield\""))
            let (again, _, pdf) = try await Self.post(browser, examplePatient, ui: ui)
            #expect(again == .ok)
            #expect(String(decoding: pdf.prefix(9), as: UTF8.self) == "%PDF-fake")
        }
    }

    static func post(_ browser: Browser, _ fields: [(String, String)], ui: String = "en") async throws -> (HTTPResponse.Status, HTTPFields, [UInt8]) {
        let body = ([("csrf", browser.csrf ?? "")] + fields).map { "\(Browser.encode($0.0))=\(Browser.encode($0.1))" }.joined(separator: "&")
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded", Browser.origin: Browser.ownOrigin]
        if let cookie = browser.cookie { headers[.cookie] = cookie }
        return try await browser.client.execute(uri: "/handout?ui=\(ui)", method: .post, headers: headers, body: ByteBuffer(string: body)) { response in
            (response.status, response.headers, Array(buffer: response.body))
        }
    }
}
