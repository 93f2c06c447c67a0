import Foundation
import HandoutTestSupport
import Testing

/// `handout mail` end to end: a real batch, a real SMTP server with STARTTLS and AUTH.
@Suite struct MailCommandTests {
    let scratch = Scratch()
    var directory: String { scratch.path }
    let batch: String
    let csv = CLI.examples + "/patients.csv"
    let from = "Riverside Spine <care@riverside-spine.example.org>"

    init() throws {
        batch = scratch.path + "/batch"
        let made = try CLI.handout(["batch", csv, "--output-dir", batch, "--clinic", CLI.examples + "/clinic.json", "--jobs", "2"])
        #expect(made.status == 0, "\(made.stderr)")
        try "letmein\n".write(toFile: scratch.path + "/password", atomically: true, encoding: .utf8)
    }

    private func mail(_ server: SMTPTestServer, _ extra: [String] = []) throws -> CLI.Result {
        try CLI.handout(["mail", "--batch", batch, "--csv", csv, "--from", from, "--clinic", CLI.clinic,
                                   "--smtp", "smtp://localhost:\(server.port)", "--ca-file", server.caFile,
                                   "--user", "care", "--password-file", directory + "/password"] + extra)
    }

    /// id → email, from the example CSV (the 5th column is Email).
    private func emails() throws -> [String: String] {
        let result = try CLI.run("/usr/bin/python3", ["-c", """
            import csv, json, sys
            rows = csv.DictReader(open(sys.argv[1], encoding="utf-8-sig"))
            print(json.dumps({r["Patient ID"]: r["Email"] for r in rows if r["Email"].strip()}))
            """, csv])
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: String]
    }

    @Test func mailNeedsOnlyTheIdAndEmailColumnsAndABadAddressNeverBlocksTheHandout() throws {
        let rows = scratch.write("short.csv", """
            id,first_name,last_name,DOB,email,language
            M1,Ana,Ruiz,04/17/1961,ana@example.org,Spanish
            M2,Bo,Lee,12/01/1970,not an address,ENG

            """)
        let made = try CLI.batch(rows, directory + "/short", ["--date-format", "MM/dd/yyyy"])
        #expect(made.status == 0, "\(made.stderr)")
        #expect(FileManager.default.fileExists(atPath: directory + "/short/M2.pdf"))
        // Mail reads the same file without --date-format and without needing the name columns.
        let contacts = scratch.write("contacts.csv", "Patient ID,E-mail,Preferred Language\nM1,ana@example.org,Spanish\nM2,not an address,ENG\n")
        for list in [rows, contacts] {
            let result = try CLI.handout(["mail", "--batch", directory + "/short", "--csv", list, "--from", from, "--clinic", CLI.clinic, "--outbox", directory + "/eml-\(UUID().uuidString)"])
            #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
            #expect(result.stdout.contains("written 1, 0 without an email, 1 not mailable, 0 without a handout"))
            #expect(result.stderr.contains("id M2: column '\(list == rows ? "email" : "E-mail")' is not an email address like name@example.org; not mailed"))
            #expect(!result.stderr.contains("not an address") && !result.stderr.contains("Ana"))
        }
    }

    @Test func aRefusedLoginStopsTheRunWithOneLineAndSendsNothing() throws {
        let server = try SMTPTestServer(in: directory)
        try "not-the-password\n".write(toFile: directory + "/password", atomically: true, encoding: .utf8)
        let result = try mail(server)
        #expect(result.status == 2, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.contains("sending stopped: The mail server refused the login (535"), "\(result.stderr)")
        #expect(!result.stderr.contains("not-the-password"))
        #expect(try server.received().isEmpty)
    }

    @Test func everyPatientGetsTheirOwnHandoutOnceOverTLS() throws {
        let server = try SMTPTestServer(in: directory)
        let first = try mail(server)
        #expect(first.status == 0, "\(first.stdout)\(first.stderr)")
        #expect(first.stdout.contains("sent 19"))
        #expect(first.stderr.contains("P-000116 has no email"))
        let expected = try emails()
        let received = try server.received()
        #expect(received.count == expected.count)
        #expect(received.allSatisfy { $0.recipients.count == 1 })
        // The PDF attached is the one the batch made for the owner of that address.
        let ids = try recordIDs(batch)
        for message in try delivered(server) {
            let id = try #require(ids[message.sha256], "an attachment that is no handout of the batch")
            #expect(expected[id] == message.to, "\(id) went to the wrong address")
            #expect(["spinal-fusion-handout.pdf", "folleto-fusion-espinal.pdf"].contains(message.attachment))
            #expect(message.subject == "Your handout from Riverside Spine & Pain Clinic" || message.subject == "Su folleto de Riverside Spine & Pain Clinic")
        }
        // A second run sends nothing again.
        let second = try mail(server)
        #expect(second.status == 0)
        #expect(second.stdout.contains("sent 0") && second.stdout.contains("skipped 19"))
        #expect(try server.received().count == expected.count)
        let journal = try String(contentsOfFile: batch + "/mail-journal.csv", encoding: .utf8)
        #expect(journal.hasPrefix("id,message_id,status,reply,time"))
        #expect(!journal.contains("@example.org"), "the journal holds no patient address")
    }

    @Test func aServerWithoutSTARTTLSGetsNothing() throws {
        let server = try SMTPTestServer(in: directory, tls: "--no-starttls")
        let result = try mail(server)
        #expect(result.status == 2, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.contains("STARTTLS"))
        #expect(try server.received().isEmpty)
        let events = (try? String(contentsOfFile: server.maildir + "/events.log", encoding: .utf8)) ?? ""
        #expect(!events.contains("AUTH") && !events.contains("MAIL"))
    }

    @Test func theAttachmentIsTheRecordsOwnPDFWhateverTheManifestSays() throws {
        // An edited manifest points P-000101 at another patient's PDF, with that PDF's checksum.
        let other = directory + "/other_patient.pdf"
        try FileManager.default.copyItem(atPath: batch + "/P-000102.pdf", toPath: other)
        let otherChecksum = String(try CLI.run("/usr/bin/sha256sum", [other]).stdout.prefix(64))
        let manifest = batch + "/manifest.csv"
        let rows = try String(contentsOfFile: manifest, encoding: .utf8).split(separator: "\n").map { row in
            var fields = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            if fields[0] == "P-000101" {
                fields[3] = "../other_patient.pdf"
                fields[6] = otherChecksum
            }
            return fields.joined(separator: ",")
        }
        try (rows.joined(separator: "\n") + "\n").write(toFile: manifest, atomically: true, encoding: .utf8)
        let outbox = directory + "/outbox"
        let result = try CLI.handout(["mail", "--batch", batch, "--csv", csv, "--from", from, "--clinic", CLI.clinic, "--outbox", outbox])
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("P-000101: failed: The handout PDF does not match the checksum"))
        #expect(result.stdout.contains("written 18"))
        let written = try FileManager.default.contentsOfDirectory(atPath: outbox)
        #expect(!written.contains("P-000101.eml"), "P-000101 was sent another patient's handout")
        #expect(written.count == 18)
    }

    @Test func anUncertainSendStaysUncertainUntilRetried() throws {
        let server = try SMTPTestServer(in: directory)
        #expect(try mail(server).status == 0)
        // As a dropped connection leaves it: handed over, and no reply came.
        let journal = try #require(FileHandle(forWritingAtPath: batch + "/mail-journal.csv"))
        try journal.seekToEnd()
        try journal.write(contentsOf: Data("P-000101,<x@riverside-spine.example.org>,uncertain,handed over,2026-12-01T08:00:00Z\n".utf8))
        try journal.close()

        let rerun = try mail(server)
        #expect(rerun.status == 1, "\(rerun.stdout)\(rerun.stderr)")
        #expect(rerun.stdout.contains("P-000101: uncertain: uncertain in the journal"))
        #expect(rerun.stdout.contains("sent 0, failed 0, deferred 0, uncertain 1, skipped 18"))
        #expect(try server.received().count == 19)
        let dryRun = try CLI.handout(["mail", "--batch", batch, "--csv", csv, "--from", from, "--clinic", CLI.clinic, "--dry-run"])
        #expect(dryRun.status == 1)
        #expect(dryRun.stdout.contains("P-000101: uncertain"))

        let retried = try mail(server, ["--retry-uncertain"])
        #expect(retried.status == 0, "\(retried.stdout)\(retried.stderr)")
        #expect(retried.stdout.contains("sent 1, failed 0, deferred 0, uncertain 0, skipped 18"))
        let received = try server.received()
        #expect(received.count == 20)
        #expect(received.last?.recipients == [try emails()["P-000101"]!])
    }

    // MARK: A Monday with a real export: limits, pilots, dry runs, the text, errors, logs

    /// Who got what: each message's envelope recipient, its attachment's name and its text.
    /// Each message received: its recipient, its attachment's name and SHA-256, its subject and text.
    private func delivered(_ server: SMTPTestServer) throws -> [(to: String, attachment: String, sha256: String, subject: String, text: String)] {
        try server.received().map { recipients, message in
            let parsed = try CLI.run("/usr/bin/python3", ["-c", """
                import email, email.policy, hashlib, json, sys
                m = email.message_from_string(open(sys.argv[1]).read(), policy=email.policy.default)
                pdfs = [p for p in m.walk() if p.get_content_type() == "application/pdf"]
                print(json.dumps({"attachment": pdfs[0].get_filename(), "sha256": hashlib.sha256(pdfs[0].get_content()).hexdigest(),
                                  "subject": m["Subject"], "text": m.get_body(("plain",)).get_content()}))
                """, try write(message)]).stdout
            let fields = try JSONSerialization.jsonObject(with: Data(parsed.utf8)) as! [String: String]
            return (recipients[0], fields["attachment"]!, fields["sha256"]!, fields["subject"]!, fields["text"]!)
        }
    }

    /// PDF SHA-256 → record id, from a batch's manifest: which patient's handout a message carries.
    private func recordIDs(_ folder: String) throws -> [String: String] {
        let result = try CLI.run("/usr/bin/python3", ["-c", """
            import csv, json, sys
            print(json.dumps({r["sha256"]: r["id"] for r in csv.DictReader(open(sys.argv[1])) if r["status"] == "ok"}))
            """, folder + "/manifest.csv"])
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: String]
    }

    @Test func aLimitAcrossRunsSendsEachMessageExactlyOnce() throws {
        let server = try SMTPTestServer(in: directory)
        let first = try mail(server, ["--limit", "7"])
        #expect(first.status == 0, "\(first.stdout)\(first.stderr)")
        #expect(first.stdout.contains("sent 7, failed 0, deferred 0, uncertain 0, skipped 0, held 12"))
        #expect(first.stdout.contains("held 12: over --limit 7; run the same command again to send them"))
        #expect(try server.received().count == 7)
        let second = try mail(server, ["--limit", "7"])
        #expect(second.stdout.contains("sent 7, failed 0, deferred 0, uncertain 0, skipped 7, held 5"), "\(second.stdout)")
        let last = try mail(server, ["--limit", "7"])
        #expect(last.status == 0)
        #expect(last.stdout.contains("sent 5, failed 0, deferred 0, uncertain 0, skipped 14, 1 without an email"), "\(last.stdout)")
        #expect(!last.stdout.contains("held"))
        let received = try delivered(server)
        let expected = try emails()
        #expect(received.count == expected.count)
        #expect(Set(received.map(\.to)) == Set(expected.values), "every patient once, nobody twice")
        let ids = try recordIDs(batch)
        for message in received { #expect(ids[message.sha256].flatMap { expected[$0] } == message.to) }
    }

    @Test func aPilotGoesToOneAddressAndTheRealRunStillSendsToEveryPatient() throws {
        let server = try SMTPTestServer(in: directory)
        let pilotAddress = "pilot@riverside-spine.example.org"
        let pilot = try mail(server, ["--test-to", pilotAddress, "--limit", "3"])
        #expect(pilot.status == 0, "\(pilot.stdout)\(pilot.stderr)")
        #expect(pilot.stdout.contains("sent 0, failed 0, deferred 0, uncertain 0, skipped 0, held 16, test-sent 3"), "\(pilot.stdout)")
        #expect(pilot.stdout.contains("test run: 3 messages to p•••@r•••.org instead of the patients"))
        #expect(pilot.stdout.contains("so a run without --test-to still sends them"))
        #expect(try server.received().map(\.recipients) == Array(repeating: [pilotAddress], count: 3))
        #expect(!FileManager.default.fileExists(atPath: batch + "/mail-journal.csv"), "the patients' journal is untouched")
        let pilotJournal = try String(contentsOfFile: batch + "/mail-journal-test.csv", encoding: .utf8)
        #expect(pilotJournal.components(separatedBy: ",sent,").count == 4)

        let real = try mail(server)
        #expect(real.status == 0, "\(real.stdout)\(real.stderr)")
        #expect(real.stdout.contains("sent 19, failed 0, deferred 0, uncertain 0, skipped 0"))
        let toPatients = try delivered(server).dropFirst(3)
        let expected = try emails()
        #expect(toPatients.count == 19)
        let ids = try recordIDs(batch)
        for message in toPatients { #expect(ids[message.sha256].flatMap { expected[$0] } == message.to) }
    }

    /// The Spanish translation is not reviewed: these tests ask for it, as a clinic would.
    static let useUnreviewed = ["--unreviewed-translations", "use"]

    /// A patient list with a language column, made into a batch (encrypted when `password` is given;
    /// with unreviewed translations unless `unreviewed` says otherwise).
    private func languageBatch(password: String? = nil, unreviewed: [String] = useUnreviewed) throws -> (csv: String, batch: String) {
        let list = scratch.write("languages.csv", """
            id,first_name,last_name,DOB,email,language
            L1,Ana,Ruiz,1961-04-17,ana.ruiz@example.org,Spanish
            L2,Bo,Lee,1970-12-01,bo.lee@example.org,English

            """)
        let out = directory + "/languages-\(password == nil ? "plain" : "protected")\(unreviewed.isEmpty ? "-notice" : "")"
        var extra = unreviewed
        if let password { extra += ["--password-file", scratch.write("pdf-password", password + "\n")] }
        let made = try CLI.batch(list, out, extra)
        #expect(made.status == 0, "\(made.stderr)")
        return (list, out)
    }

    @Test func aDryRunListsEachMessageAndSendsAndWritesNothing() throws {
        let server = try SMTPTestServer(in: directory)
        let (list, out) = try languageBatch()
        func snapshot() throws -> [String: Date] {
            var files: [String: Date] = [:]
            for name in try FileManager.default.contentsOfDirectory(atPath: out) {
                files[name] = try FileManager.default.attributesOfItem(atPath: out + "/" + name)[.modificationDate] as? Date
            }
            return files
        }
        let before = try snapshot()
        let log = directory + "/dry.log"
        let result = try CLI.handout(["mail", "--batch", out, "--csv", list, "--from", from, "--clinic", CLI.clinic, "--dry-run",
                                      "--unreviewed-translations", "use", "--smtp", "smtp://localhost:\(server.port)", "--ca-file", server.caFile, "--log-file", log])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("would send L1 (new) to a•••@e•••.org: folleto-fusion-espinal.pdf, es\n"), "\(result.stdout)")
        #expect(result.stdout.contains("would send L2 (new) to b•••@e•••.org: spinal-fusion-handout.pdf, en\n"))
        #expect(result.stdout.contains("would-send 2"))
        #expect(!result.stdout.contains("ruiz") && !result.stdout.contains("example.org") && !result.stderr.contains("example.org"))
        #expect(try snapshot() == before, "a dry run writes nothing in the batch folder")
        #expect(!FileManager.default.fileExists(atPath: log), "nor a log")
        #expect(try server.received().isEmpty)
        let events = (try? String(contentsOfFile: server.maildir + "/events.log", encoding: .utf8)) ?? ""
        #expect(events.isEmpty, "the server was never contacted: \(events)")
    }

    @Test func theEmailNamesTheClinicAndItsPhoneInThePatientsLanguage() throws {
        let server = try SMTPTestServer(in: directory)
        let password = "Sesame-Street-42"
        for protected in [false, true] {
            let (list, out) = try languageBatch(password: protected ? password : nil)
            let info = try CLI.tool("pdfinfo", (protected ? ["-upw", password] : []) + [out + "/L1.pdf"]).1.split(separator: "\n").first { $0.hasPrefix("Encrypted:") }
            #expect(info?.dropFirst("Encrypted:".count).trimmingCharacters(in: .whitespaces).hasPrefix(protected ? "yes" : "no") == true)
            let sent = try CLI.handout(["mail", "--batch", out, "--csv", list, "--from", "Mailroom <noreply@mailer.example.net>", "--clinic", CLI.clinic,
                                        "--unreviewed-translations", "use", "--smtp", "smtp://localhost:\(server.port)", "--ca-file", server.caFile,
                                        "--user", "care", "--password-file", directory + "/password"])
            #expect(sent.status == 0, "\(sent.stdout)\(sent.stderr)")
            let messages = try delivered(server).suffix(2)
            let spanish = try #require(messages.first { $0.to == "ana.ruiz@example.org" })
            let english = try #require(messages.first { $0.to == "bo.lee@example.org" })
            // The attachment is named from the topic, in the patient's language, never by the record id.
            #expect(spanish.attachment == "folleto-fusion-espinal.pdf")
            #expect(english.attachment == "spinal-fusion-handout.pdf")
            let ids = try recordIDs(out)
            #expect(ids[spanish.sha256] == "L1" && ids[english.sha256] == "L2", "each patient's own PDF")
            expectClinicWords(english: english.text, spanish: spanish.text, protected: protected, password: password)
        }
        #expect(try server.received().allSatisfy { !$0.message.contains("Sesame") })
    }

    /// By default the Spanish speaker's handout is in English (the translation is not reviewed):
    /// so is the email, with the handout's notice in Spanish at its top.
    @Test func anEnglishHandoutsEmailCarriesTheNoticeInThePatientsLanguage() throws {
        let server = try SMTPTestServer(in: directory)
        let (list, out) = try languageBatch(unreviewed: [])
        let sent = try CLI.handout(["mail", "--batch", out, "--csv", list, "--from", from, "--clinic", CLI.clinic,
                                    "--smtp", "smtp://localhost:\(server.port)", "--ca-file", server.caFile,
                                    "--user", "care", "--password-file", directory + "/password"])
        #expect(sent.status == 0, "\(sent.stdout)\(sent.stderr)")
        let messages = try delivered(server)
        let ana = try #require(messages.first { $0.to == "ana.ruiz@example.org" })
        let bo = try #require(messages.first { $0.to == "bo.lee@example.org" })
        #expect(ana.subject == "Your handout from Riverside Spine & Pain Clinic" && ana.attachment == "spinal-fusion-handout.pdf")
        #expect(ana.text.hasPrefix("Este folleto está en inglés. Llame al \u{2068}(555) 555-0142\u{2069} para recibir ayuda gratis en español.\n\n"), "\(ana.text)")
        #expect(ana.text.contains("Riverside Spine & Pain Clinic has prepared a handout for you."))
        #expect(!bo.text.contains("Este folleto"), "an English speaker gets no notice")
    }

    private func expectClinicWords(english: String, spanish: String, protected: Bool, password: String) {
        // The clinic file names the clinic, not the sender's display name.
        #expect(english.contains("Riverside Spine & Pain Clinic has prepared a handout for you."))
        #expect(english.contains("please call Riverside Spine & Pain Clinic at (555) 555-0142"))
        #expect(spanish.contains("Riverside Spine & Pain Clinic ha preparado un folleto para usted."))
        #expect(spanish.contains("llame a Riverside Spine & Pain Clinic al (555) 555-0142"))
        #expect(!(english + spanish).contains("Mailroom"))
        #expect(english.contains("The PDF is protected with a password") == protected)
        #expect(spanish.contains("El PDF está protegido con una contraseña") == protected)
        #expect(!(english + spanish).contains(password))
        // The sender is a no-reply address: the patient is asked to call instead.
        #expect(english.contains("Replies to this email are not read"))
        #expect(spanish.contains("Nadie lee las respuestas a este correo"))
    }

    @Test func theEmailNamesTheVisitsDayBeforeItAndSaysAfterItWhenItIsPast() throws {
        let server = try SMTPTestServer(in: directory)
        let list = scratch.write("visits.csv", """
            id,first_name,last_name,DOB,email,language,Appointment Date,Appointment Time
            V1,Ana,Ruiz,04/17/1961,ana.ruiz@example.org,English,12/14/2026,8:30 AM
            V2,Bo,Lee,12/01/1970,bo.lee@example.org,Spanish,12/14/2026,
            V3,Cy,Park,03/02/1980,cy.park@example.org,English,12/01/2026,10:00 AM
            V4,Di,Sol,05/06/1990,di.sol@example.org,English,,

            """)
        let out = directory + "/visits"
        // The run's day is Monday, December 7, 2026.
        let day = ["SOURCE_DATE_EPOCH": "1796644800"]
        let made = try CLI.batch(list, out, ["--date-format", "MM/dd/yyyy"] + Self.useUnreviewed, environment: day)
        #expect(made.status == 0, "\(made.stderr)")
        #expect(made.stdout.contains("is in the past"), "V3's visit: a warning, still made")
        let sent = try CLI.handout(["mail", "--batch", out, "--csv", list, "--date-format", "MM/dd/yyyy", "--unreviewed-translations", "use",
                                    "--from", "Front Desk <frontdesk@riverside-spine.example.org>",
                                    "--clinic", CLI.clinic, "--smtp", "smtp://localhost:\(server.port)", "--ca-file", server.caFile,
                                    "--user", "care", "--password-file", directory + "/password"], environment: day)
        #expect(sent.status == 0, "\(sent.stdout)\(sent.stderr)")
        let messages = try delivered(server)
        func text(_ address: String) -> String { messages.first { $0.to == address }?.text ?? "" }
        #expect(text("ana.ruiz@example.org").contains("has prepared a handout for your visit on Monday, December 14 at 8:30 AM."))
        #expect(text("bo.lee@example.org").contains("ha preparado un folleto para su visita del lunes, 14 de diciembre."))
        #expect(text("cy.park@example.org").contains("has prepared a handout after your visit on Tuesday, December 1."))
        #expect(text("di.sol@example.org").contains("has prepared a handout for you."))
        // Replies go to the front desk: nobody is told not to reply.
        #expect(messages.allSatisfy { !$0.text.contains("reply") && !$0.text.contains("responder") })
        #expect(messages.allSatisfy { !$0.text.contains("Ruiz") && !$0.text.contains("1961") }, "no name or birth date in the email")
    }

    @Test func clinicColumnsNameTheirOwnClinicAndCannotBecomeHeaders() throws {
        let list = scratch.write("clinics.csv", """
            id,first_name,last_name,DOB,email,Clinic Name,Clinic Phone
            C1,Ana,Ruiz,1961-04-17,ana.ruiz@example.org,Lakeside Clinic,(555) 555-0177
            C2,Bo,Lee,1970-12-01,bo.lee@example.org,=?utf-8?q?Clinic=0D=0ABcc:_x@evil.example?=,(555) 555-0178

            """)
        let out = directory + "/clinics"
        #expect(try CLI.handout(["batch", list, "--output-dir", out]).status == 0)
        let outbox = directory + "/clinic-outbox"
        // No --clinic needed: the file has clinic columns.
        let result = try CLI.handout(["mail", "--batch", out, "--csv", list, "--from", from, "--outbox", outbox])
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("C2: failed: "), "\(result.stdout)")
        #expect(!(result.stdout + result.stderr).contains("evil"))
        #expect(scratch.files(in: "clinic-outbox") == ["C1.eml"])
        let message = try String(contentsOfFile: outbox + "/C1.eml", encoding: .utf8)
        #expect(message.contains("Subject: Your handout from Lakeside Clinic"))
        #expect(message.contains("(555) 555-0177"))

        // A clinic file whose name hides a line break stops the run before any record is read.
        let hostile = scratch.write("hostile-clinic.json", #"{"name": "=?utf-8?q?Clinic=0D=0ABcc:_x@evil.example?=", "phone": "(555) 555-0100"}"#)
        let refused = try CLI.handout(["mail", "--batch", directory + "/nowhere", "--csv", list, "--from", from, "--clinic", hostile, "--dry-run"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("The clinic name holds a line break or control character"), "\(refused.stderr)")
        #expect(!refused.stderr.contains("evil"))
    }

    @Test func withoutClinicDetailsTheRunDoesNotStart() throws {
        let result = try CLI.handout(["mail", "--batch", batch, "--csv", csv, "--from", from, "--dry-run"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("no clinic details: the email names the clinic and gives its phone; pass --clinic clinic.json (the file batch used), name it in the settings file (clinic:)"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test func aRefusedConnectionIsOneCleanLineNamingTheServer() throws {
        let result = try CLI.handout(["mail", "--batch", batch, "--csv", csv, "--from", from, "--clinic", CLI.clinic,
                                      "--smtp", "smtp://localhost:1", "--user", "care", "--password-file", directory + "/password"])
        #expect(result.status == 2, "\(result.stdout)\(result.stderr)")
        let errors = result.stderr.split(separator: "\n").filter { $0.hasPrefix("handout: error:") }
        #expect(errors == ["handout: error: sending stopped: Could not connect to the mail server localhost port 1: connection refused. Check the host name, port and network."],
                "\(result.stderr)")
        for dump in ["NIO", "IOError", "errno", "descriptor", "(", "Optional"] {
            #expect(!errors.joined().contains(dump), "\(dump) in \(errors)")
        }
        #expect((result.stdout + result.stderr).unicodeScalars.allSatisfy { $0.isASCII }, "no garbled bytes")
        #expect(result.stdout.contains("sent 0, failed 0, deferred 19"))
        #expect(result.stdout.split(separator: "\n").count == 1, "each deferred record is not repeated: \(result.stdout)")
    }

    @Test(arguments: [
        ("smtp://127.0.0.1:587", "127.0.0.1 is an IP address, but TLS checks the server's certificate against its name"),
        ("smtps://[::1]", "::1 is an IP address"),
        ("smtp://mail.clinic.example:0", "the port must be a number from 1 to 65535"),
        ("smtp://mail.clinic.example:65536", "the port must be a number from 1 to 65535"),
        ("smtp://mail.clinic.example:submission", "the port must be a number from 1 to 65535"),
        ("http://mail.clinic.example", "'http://' is not a mail server scheme"),
        ("mail.clinic.example:587", "must start with smtp:// (STARTTLS) or smtps:// (TLS)"),
    ])
    func aBadServerAddressStopsTheRunBeforeAnyRecordIsRead(_ url: String, _ message: String) throws {
        let log = directory + "/never.log"
        // A folder and a list that do not exist: the address is refused first.
        let result = try CLI.handout(["mail", "--batch", directory + "/nowhere", "--csv", directory + "/none.csv", "--from", from,
                                      "--clinic", CLI.clinic, "--smtp", url, "--log-file", log])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("handout: error: --smtp: "), "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: log))
    }

    @Test(arguments: ["pilot@clinic.example\r\nBcc: x@evil.example", "=?utf-8?q?pilot=0D=0A?=@evil.example", "Pilot <pilot@evil.example>"])
    func aHostileTestAddressIsRefusedBeforeAnythingIsRead(_ address: String) throws {
        let result = try CLI.handout(["mail", "--batch", directory + "/nowhere", "--csv", csv, "--from", from, "--clinic", CLI.clinic,
                                      "--smtp", "smtp://mail.clinic.example", "--test-to", address])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("handout: error: --test-to: The "), "\(result.stderr)")
        #expect(!result.stderr.contains("evil"))
    }

    @Test func everyMessageCarriesTheReplyToAddressOnce() throws {
        let server = try SMTPTestServer(in: directory)
        let result = try mail(server, ["--reply-to", "Front Désk <desk@riverside-spine.example.org>", "--limit", "2"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let messages = try server.received()
        #expect(messages.count == 2)
        for (_, message) in messages {
            let replyTo = try CLI.run("/usr/bin/python3", ["-c", """
                import email, email.policy, sys
                m = email.message_from_string(open(sys.argv[1]).read(), policy=email.policy.default)
                print(len(m.get_all("Reply-To")), m["Reply-To"], m["From"], sep="|")
                """, try write(message)]).stdout
            #expect(replyTo == "1|Front Désk <desk@riverside-spine.example.org>|\(from)\n", "\(replyTo)")
        }
    }

    @Test(arguments: ["Desk <desk@clinic.example>\r\nBcc: x@evil.example", "=?utf-8?q?Desk=0D=0ABcc:_x@evil.example?= <desk@clinic.example>",
                      "desk@clinic.example\nBcc: x@evil.example", "not an evil address"])
    func aHostileReplyToIsRefusedBeforeAnythingIsRead(_ address: String) throws {
        let log = directory + "/never.log"
        let result = try CLI.handout(["mail", "--batch", directory + "/nowhere", "--csv", directory + "/none.csv", "--from", from, "--clinic", CLI.clinic,
                                      "--smtp", "smtp://mail.clinic.example", "--reply-to", address, "--log-file", log])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("handout: error: --reply-to: The "), "\(result.stderr)")
        #expect(!result.stderr.contains("evil") && !result.stderr.contains("none.csv"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: log))
    }

    @Test func theLogFileHoldsOneJSONLinePerRecordAndNothingAboutThePatient() throws {
        let server = try SMTPTestServer(in: directory)
        let log = directory + "/mail.log"
        #expect(try mail(server, ["--log-file", log, "--limit", "15"]).status == 0)
        #expect(try mail(server, ["--log-file", log]).status == 0)
        let text = try String(contentsOfFile: log, encoding: .utf8)
        let events = try text.split(separator: "\n").map { line in
            try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
        }
        // Run 1: 15 sent, 4 held, 1 without an email, the end; run 2: 15 skipped, 4 sent, 1 without an email, the end.
        #expect(events.count == 42)
        #expect(events.allSatisfy { Set($0.keys).isSubset(of: ["time", "id", "line", "outcome", "reason"]) && $0["time"] is String })
        func count(_ outcome: String, _ reason: String) -> Int {
            events.filter { $0["outcome"] as? String == outcome && $0["reason"] as? String == reason }.count
        }
        #expect(count("sent", "accepted") == 19 && count("held", "limit") == 4 && count("skipped", "unchanged") == 15)
        #expect(count("not-mailed", "no-email") == 2 && count("run-finished", "complete") == 2)
        let first = try #require(events.first { $0["id"] as? String == "P-000101" })
        #expect(first["line"] as? Int == 2)
        // Nothing the CSV says of a patient but the id.
        let cells = try CLI.run("/usr/bin/python3", ["-c", """
            import csv, sys
            for row in csv.DictReader(open(sys.argv[1], encoding="utf-8-sig")):
                for column in ("First Name", "Last Name", "DOB", "Email", "MRN"):
                    if row[column].strip(): print(row[column].strip())
            """, csv]).stdout.split(separator: "\n")
        #expect(cells.count > 60)
        for cell in cells { #expect(!text.contains(cell), "\(cell) is in the log") }
        #expect(!text.contains("@"))
        let mode = try FileManager.default.attributesOfItem(atPath: log)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        // A planted link is never written through; the run does not start.
        let link = directory + "/link.log"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: directory + "/elsewhere.log")
        let refused = try mail(server, ["--log-file", link])
        #expect(refused.status == 2 && refused.stderr.contains("Cannot write the log file '\(link)'"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory + "/elsewhere.log"))
    }

    private func write(_ message: String) throws -> String {
        let path = directory + "/message-\(UUID().uuidString).eml"
        try message.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
