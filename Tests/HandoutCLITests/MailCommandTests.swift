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
        try CLI.handout(["mail", "--batch", batch, "--csv", csv, "--from", from,
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
            let result = try CLI.handout(["mail", "--batch", directory + "/short", "--csv", list, "--from", from, "--outbox", directory + "/eml-\(UUID().uuidString)"])
            #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
            #expect(result.stdout.contains("written 1, 0 without an email, 1 not mailable, 0 without a handout"))
            #expect(result.stderr.contains("id M2: column '\(list == rows ? "email" : "E-mail")' is not an email address like name@example.org; not mailed"))
            #expect(!result.stderr.contains("not an address") && !result.stderr.contains("Ana"))
        }
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
        for (recipients, message) in received {
            #expect(recipients.count == 1)
            // The PDF attached is the one the batch made for the owner of that address.
            let summary = try CLI.run("/usr/bin/python3", ["-c", """
                import email, email.policy, hashlib, sys
                m = email.message_from_string(open(sys.argv[1]).read(), policy=email.policy.default)
                for part in m.walk():
                    if part.get_content_type() == "application/pdf":
                        print(part.get_filename(), hashlib.sha256(part.get_payload(decode=True)).hexdigest())
                print("SUBJECT", m["Subject"])
                """, try write(message)]).stdout
            let lines = summary.split(separator: "\n")
            let parts = lines[0].split(separator: " ")
            let id = String(parts[0].dropLast(4))
            #expect(expected[id] == recipients[0], "\(id) went to the wrong address")
            let onDisk = try CLI.run("/usr/bin/sha256sum", [batch + "/\(id).pdf"]).stdout.prefix(64)
            #expect(String(parts[1]) == onDisk)
            #expect(lines[1] == "SUBJECT Your handout from Riverside Spine")
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
        let result = try CLI.handout(["mail", "--batch", batch, "--csv", csv, "--from", from, "--outbox", outbox])
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
        let dryRun = try CLI.handout(["mail", "--batch", batch, "--csv", csv, "--from", from, "--dry-run"])
        #expect(dryRun.status == 1)
        #expect(dryRun.stdout.contains("P-000101: uncertain"))

        let retried = try mail(server, ["--retry-uncertain"])
        #expect(retried.status == 0, "\(retried.stdout)\(retried.stderr)")
        #expect(retried.stdout.contains("sent 1, failed 0, deferred 0, uncertain 0, skipped 18"))
        let received = try server.received()
        #expect(received.count == 20)
        #expect(received.last?.recipients == [try emails()["P-000101"]!])
    }

    private func write(_ message: String) throws -> String {
        let path = directory + "/message-\(UUID().uuidString).eml"
        try message.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
