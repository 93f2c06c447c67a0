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

    @Test func aHostileFromIsRefusedBeforeAnythingIsSent() throws {
        let result = try CLI.handout(["mail", "--batch", batch, "--csv", csv, "--from", "x@clinic.example\r\nBcc: all@evil.example",
                                                "--dry-run"])
        #expect(result.status == 2)
    }

    private func write(_ message: String) throws -> String {
        let path = directory + "/message-\(UUID().uuidString).eml"
        try message.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
