import Foundation
import HandoutTestSupport
import Testing

/// The ledger across batch folders and weeks, end to end: `batch`, `mail` (a real SMTP server
/// with STARTTLS and AUTH) and `history` sharing one `--ledger` file.
@Suite struct LedgerCommandTests {
    let scratch = Scratch()
    var directory: String { scratch.path }
    var ledger: String { scratch.path + "/ledger.sqlite" }
    let export = CLI.examples + "/patients.csv"
    let from = "Riverside Spine <care@riverside-spine.example.org>"

    init() throws {
        try "letmein\n".write(toFile: scratch.path + "/password", atomically: true, encoding: .utf8)
    }

    private func batch(_ csv: String, _ folder: String) throws {
        let made = try CLI.batch(csv, directory + "/" + folder, ["--jobs", "2", "--ledger", ledger])
        #expect(made.status == 0, "\(made.stderr)")
    }

    private func mail(_ server: SMTPTestServer, _ csv: String, _ folder: String, _ extra: [String] = []) throws -> CLI.Result {
        try CLI.handout(["mail", "--batch", directory + "/" + folder, "--csv", csv, "--from", from, "--clinic", CLI.clinic,
                         "--smtp", "smtp://localhost:\(server.port)", "--ca-file", server.caFile,
                         "--user", "care", "--password-file", directory + "/password", "--ledger", ledger] + extra)
    }

    private func history(_ extra: [String] = []) throws -> CLI.Result {
        try CLI.handout(["history", "--ledger", ledger] + extra)
    }

    /// The plain text of each message received, quoted-printable soft breaks undone.
    private func texts(_ server: SMTPTestServer) throws -> [(to: String, text: String)] {
        try server.received().map { ($0.recipients[0], $0.message.replacingOccurrences(of: "=\r\n", with: "")) }
    }

    @Test func eachWeekMailsWhatIsNewOrChangedAndNothingTwice() throws {
        let server = try SMTPTestServer(in: directory)
        try batch(export, "week1")
        let first = try mail(server, export, "week1")
        #expect(first.status == 0, "\(first.stdout)\(first.stderr)")
        #expect(first.stdout.contains("sent 19"), "\(first.stdout)")
        #expect(try server.received().count == 19)

        #expect(try mail(server, export, "week1").stdout.contains("sent 0"))
        #expect(try server.received().count == 19, "mail again sends nothing")

        // The export again, with one appointment moved: a new folder; only that patient hears again.
        let original = try String(contentsOfFile: export, encoding: .utf8)
        #expect(original.contains("\"2026-12-08\",\"9:30 AM\""))
        let corrected = scratch.write("corrected.csv", original.replacingOccurrences(of: "\"2026-12-08\",\"9:30 AM\"", with: "\"2026-12-08\",\"3:00 PM\""))
        try batch(corrected, "week1-corrected")
        let dry = try mail(server, corrected, "week1-corrected", ["--dry-run"])
        #expect(dry.stdout.contains("would send P-000101 (changed)"), "\(dry.stdout)")
        #expect(dry.stdout.contains("new 0, changed 1, unchanged 18"), "\(dry.stdout)")
        #expect(dry.stdout.contains("P-000102: unchanged, not sent (sent before)"), "\(dry.stdout)")
        let update = try mail(server, corrected, "week1-corrected")
        #expect(update.status == 0, "\(update.stdout)\(update.stderr)")
        #expect(update.stdout.contains("sent 1,"), "\(update.stdout)")
        let received = try texts(server)
        #expect(received.count == 20)
        let updated = try #require(received.last)
        #expect(updated.to == "mj.garcia@example.org")
        #expect(updated.text.contains("updated handout") || updated.text.contains("folleto actualizado"), "\(updated.text)")
        #expect(received.dropLast().allSatisfy { !$0.text.contains("updated handout") && !$0.text.contains("folleto actualizado") })

        // Next week's folder from the same export: nothing new.
        try batch(corrected, "week2")
        let week2 = try mail(server, corrected, "week2")
        #expect(week2.status == 0, "\(week2.stdout)\(week2.stderr)")
        #expect(week2.stdout.contains("sent 0") && week2.stdout.contains("unchanged 19"), "\(week2.stdout)")
        #expect(try server.received().count == 20)

        // On purpose: one.
        let resend = try mail(server, corrected, "week2", ["--resend", "P-000103"])
        #expect(resend.stdout.contains("sent 1,"), "\(resend.stdout)")
        #expect(try server.received().count == 21)
        let unknown = try mail(server, corrected, "week2", ["--resend", "P-999999"])
        #expect(unknown.status == 2 && unknown.stderr.contains("--resend P-999999: not among the patients"), "\(unknown.stderr)")

        // What the ledger tells, and what it never holds.
        let all = try history(["--json"])
        #expect(all.status == 0, "\(all.stderr)")
        let events = try JSONSerialization.jsonObject(with: Data(all.stdout.utf8)) as! [[String: String]]
        #expect(events.filter { $0["kind"] == "sent" }.count == 21)
        #expect(events.filter { $0["kind"] == "made" && $0["id"] == "P-000101" }.count == 3, "one per folder: week 1, its correction, week 2")
        #expect(events.allSatisfy { Set($0.keys) == ["kind", "at", "id", "batch", "status"] || $0["kind"] == "made" })
        #expect(events.filter { $0["kind"] == "made" }.allSatisfy {
            Set($0.keys) == ["kind", "at", "id", "batch", "status", "topic", "language", "content_version"] && $0["content_version"] == "1.0"
        })
        let one = try history(["P-000101"])
        let lines = one.stdout.split(separator: "\n")
        #expect(lines.first?.split(separator: " ", omittingEmptySubsequences: true) == ["time", "kind", "id", "topic", "language", "version", "batch", "status"])
        #expect(lines.dropFirst().contains { $0.contains(" made ") && $0.contains(" spinal-fusion ") && $0.contains(" 1.0 ") },
                "\(one.stdout)")
        #expect(lines.dropFirst().allSatisfy { $0.contains("P-000101") }, "\(one.stdout)")
        #expect(lines.filter { $0.contains(" sent ") && $0.contains(" 250") }.count == 2, "\(one.stdout)")
        #expect(try history(["--since", "2999-01-01"]).stdout == "no events in the ledger\n")

        var bytes = try Data(contentsOf: URL(fileURLWithPath: ledger))
        bytes += (try? Data(contentsOf: URL(fileURLWithPath: ledger + "-wal"))) ?? Data()
        for value in ["García", "Garc", "María", "Lefèvre", "mj.garcia", "example.org", "1958-11-03", "1949-02-14", "MRN-5102231", "Raman"] {
            #expect(bytes.range(of: Data(value.utf8)) == nil, "the ledger holds \(value)")
        }
        for file in [ledger, ledger + "-wal", ledger + "-shm"] where FileManager.default.fileExists(atPath: file) {
            let mode = try #require(FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int)
            #expect(mode == 0o600, "\(file)")
        }
    }

    @Test func aMailRunKilledMidwayThenRunAgainSendsEachPatientOnceAndTheLedgerAgreesWithTheJournal() throws {
        let server = try SMTPTestServer(in: directory)
        try batch(export, "week1")
        let journal = directory + "/week1/mail-journal.csv"
        let (process, _, _) = try CLI.start(["mail", "--batch", directory + "/week1", "--csv", export, "--from", from, "--clinic", CLI.clinic,
                                             "--smtp", "smtp://localhost:\(server.port)", "--ca-file", server.caFile,
                                             "--user", "care", "--password-file", directory + "/password", "--ledger", ledger])
        let deadline = Date().addingTimeInterval(60)
        while process.isRunning, Date() < deadline,
              ((try? String(contentsOfFile: journal, encoding: .utf8)) ?? "").components(separatedBy: ",sent,").count < 4 {
            usleep(2_000)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()

        let rerun = try mail(server, export, "week1")
        #expect([0, 1].contains(rerun.status), "\(rerun.stdout)\(rerun.stderr)")
        #expect(!rerun.stdout.contains("sent 0,"), "the first run was killed before its end: \(rerun.stdout)")
        let uncertain = rerun.stdout.components(separatedBy: "\n").filter { $0.contains(": uncertain") }.count
        let addresses = try server.received().map { $0.recipients[0] }
        #expect(Set(addresses).count == addresses.count, "a patient got two messages")
        #expect(addresses.count == 19 - uncertain)

        // The ledger and the journal name the same sent records.
        let rows = try String(contentsOfFile: journal, encoding: .utf8).split(separator: "\n").dropFirst().map { $0.split(separator: ",") }
        let journalSent = Set(rows.filter { $0[2] == "sent" }.map { String($0[0]) })
        let events = try JSONSerialization.jsonObject(with: Data(try history(["--json"]).stdout.utf8)) as! [[String: String]]
        let ledgerSent = events.filter { $0["kind"] == "sent" }.map { $0["id"]! }
        #expect(Set(ledgerSent) == journalSent && ledgerSent.count == journalSent.count)
    }

    /// `handout ledger check`: whole, damaged (what can be read, and how to recover), or none.
    @Test func theCheckSaysWhetherTheLedgerIsWholeAndHowToRecoverADamagedOne() throws {
        try batch(export, "week1")
        let whole = try CLI.handout(["ledger", "check", "--ledger", ledger])
        #expect(whole.status == 0, "\(whole.stdout)\(whole.stderr)")
        #expect(whole.stdout.contains(": whole; 1 batch folders, 20 handouts made, 0 deliveries"), "\(whole.stdout)")
        // Pages of the file overwritten, as a failing disk might.
        let file = try #require(FileHandle(forUpdatingAtPath: ledger))
        for page in [3, 5, 7] {
            try file.seek(toOffset: UInt64(4096 * (page - 1)))
            file.write(Data([0x0D, 0, 0, 0xFF, 0xFF, 0, 0, 0] + Array(repeating: 0x41, count: 400)))
        }
        try file.close()
        let damaged = try CLI.handout(["ledger", "check", "--ledger", ledger])
        #expect(damaged.status == 1, "\(damaged.stdout)\(damaged.stderr)")
        #expect(damaged.stdout.contains(": damaged\n"), "\(damaged.stdout)")
        #expect(damaged.stdout.contains("to recover: move the file aside"), "\(damaged.stdout)")
        let none = try CLI.handout(["ledger", "check", "--ledger", directory + "/none.sqlite"])
        #expect(none.status == 2 && none.stderr.contains("there is no such file"), "\(none.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory + "/none.sqlite"), "a check makes no file")
    }

}
