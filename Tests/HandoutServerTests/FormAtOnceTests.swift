import Foundation
import HandoutConfig
import HandoutTestSupport
import HummingbirdTesting
import Testing

/// The single form as a front desk fills it: every problem reported at once, dates as the
/// clinic writes them, the record id left to the medical record number.
@Suite struct FormAtOnceTests {
    @Test func everyFieldsProblemIsReportedInOneTry() async throws {
        try await ServerFixture().run { client in
            let browser = Browser(client)
            try await browser.get("/")
            var fields = replacing(examplePatient, "birthDate", with: "1961-02-30")
            fields = replacing(fields, "givenName", with: "Ma\u{0}ria")
            fields = replacing(fields, "mrn", with: String(repeating: "4", count: 41))
            fields = replacing(fields, "appointment.date", with: "2031-02-30")
            fields = replacing(fields, "familyName", with: "")
            let page = try await browser.post("/handout", fields)
            #expect(page.status == .unprocessableContent)
            for key in ["birthDate", "givenName", "mrn", "appointment-date", "familyName"] {
                #expect(page.body.contains("id=\"f-\(key)-error\""), "\(key): \(page.body)")
                #expect(page.body.contains("<a href=\"#f-\(key)\">"), "\(key) in the summary")
            }
        }
    }

    @Test func datesAsTheClinicWritesThemOrYearMonthDay() async throws {
        var fixture = try ServerFixture()
        fixture.settings.configuration.dateFormat = try ConfigurationFile.parse(
            "date-format: dd/MM/yyyy\n", file: "handout.yaml", folder: URL(fileURLWithPath: fixture.scratch.path)).dateFormat
        try await fixture.run { client in
            let browser = Browser(client)
            let form = try await browser.get("/")
            #expect(form.body.contains("Or as the clinic writes dates: dd/MM/yyyy."))
            for (birth, visit) in [("17/04/1961", "08/12/2031"), ("1961-04-17", "2031-12-08")] {
                let fields = replacing(replacing(examplePatient, "birthDate", with: birth), "appointment.date", with: visit)
                let made = try await browser.post("/handout", fields)
                #expect(made.status == .ok, "\(birth): \(made.body.prefix(2000))")
                #expect(made.headers[.contentType] == "application/pdf")
            }
            let refused = try await browser.post("/handout", replacing(examplePatient, "birthDate", with: "04/17/1961"))
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body.contains("id=\"f-birthDate-error\""))
        }
    }

    /// "Record id" is optional: left empty, the handout is named by the medical record number.
    @Test func anEmptyRecordIDIsTheMedicalRecordNumber() async throws {
        try await ServerFixture().run { client in
            let browser = Browser(client)
            let form = try await browser.get("/")
            #expect(form.body.contains("<label for=\"f-id\">Record id (optional)</label>"))
            let made = try await browser.post("/handout", replacing(examplePatient, "id", with: ""))
            #expect(made.status == .ok)
            #expect(made.headers[.contentDisposition] == "inline; filename=\"MRN-4471902.pdf\"")
            let neither = try await browser.post("/handout", replacing(replacing(examplePatient, "id", with: ""), "mrn", with: ""))
            #expect(neither.status == .ok)
            #expect(neither.headers[.contentDisposition] == "inline; filename=\"handout.pdf\"")
        }
    }
}

/// "Make and send": the handout made and emailed to the typed address through a real SMTP server
/// (aiosmtpd with STARTTLS and AUTH); without an address it asks for one; without mail settings
/// there is no such button.
@Suite struct FormMakeAndSendTests {
    let mailScratch = Scratch()

    @Test func theHandoutIsEmailedToTheTypedAddress() async throws {
        let server = try SMTPTestServer(in: mailScratch.path)
        let passwordFile = mailScratch.write("smtp-password", "letmein\n")
        let fixture = try ServerFixture { settings in
            settings.configuration.mail = MailSettings(smtp: "smtp://localhost:\(server.port)", user: "care", passwordFile: passwordFile,
                                                       caFile: server.caFile, from: "Riverside Spine <care@riverside-spine.example.org>", replyTo: nil)
        }
        try await fixture.run { client in
            let browser = Browser(client)
            let form = try await browser.get("/")
            #expect(form.body.contains("id=\"f-send\""))
            #expect(form.body.contains("<label for=\"f-email\">Email</label>"))
            let noAddress = try await browser.post("/handout/send", examplePatient)
            #expect(noAddress.status == .unprocessableContent)
            #expect(noAddress.body.contains("id=\"f-email-error\""))
            let sent = try await browser.post("/handout/send", examplePatient + [("email", "maria@example.org")])
            #expect(sent.status == .ok, "\(sent.body)")
            #expect(sent.body.contains("The handout was made and sent to the patient&#39;s email address."))
            #expect(!sent.body.contains("id=\"f-email-error\""))
        }
        let received = try server.received()
        #expect(received.count == 1)
        #expect(received.first?.recipients == ["maria@example.org"])
        #expect(received.first?.message.contains("application/pdf") == true)
        let attachment = try BatchMailTests.attachment(of: received.first?.message ?? "", in: mailScratch)
        #expect(attachment.name == "spinal-fusion-handout.pdf", "named from the topic, not the record id")
        #expect(!fixture.audit.contains("maria@example.org"))
        #expect(fixture.audit.contains("\"action\":\"mailed-handout\""))
        #expect(fixture.leftovers.isEmpty, "\(fixture.leftovers)")
    }

    @Test func withoutMailSettingsTheFormSaysSo() async throws {
        try await ServerFixture().run { client in
            let form = try await Browser(client).get("/")
            #expect(!form.body.contains("id=\"f-send\""))
            #expect(form.body.contains("Email is not set up"))
        }
    }
}
