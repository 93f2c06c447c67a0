import Foundation
import HandoutTestSupport
import Testing

/// `handout deliver`, the weekly job, as cron runs it: a bare environment, everything from the
/// settings file, a real SMTP server with STARTTLS and AUTH, a clinic's first and second week.
@Suite struct DeliverCommandTests {
    let scratch = Scratch()
    var folder: String { scratch.path }
    let export = CLI.examples + "/patients.csv"

    /// The clinic's settings: where handouts go, the clinic, the mail server and its account.
    private func settings(_ server: SMTPTestServer) -> String {
        let password = scratch.write("smtp-password", "letmein\n")
        return scratch.write("handout.yaml", """
            output-dir: handouts
            clinic:
              name: "Riverside Spine & Pain Clinic"
              phone: "(555) 555-0142"
            mail:
              smtp: "smtp://localhost:\(server.port)"
              user: care
              password-file: "\(password)"
              ca-file: "\(server.caFile)"
              from: "Front Desk <frontdesk@riverside-spine.example.org>"

            """)
    }

    /// `handout deliver EXPORT` in the settings file's folder, under `env -i` as cron would run it.
    private func deliver(_ csv: String) throws -> CLI.Result {
        try CLI.run("/usr/bin/env", ["-i", "-C", folder, "HOME=\(folder)", "PATH=/usr/bin:/bin", CLI.binary.path, "deliver", csv,
                                     "--jobs", "2", "--log-file", "deliver.log"])
    }

    @Test func theWeeklyJobMakesAndMailsWhatIsNewOrChangedFromABareEnvironment() throws {
        let server = try SMTPTestServer(in: folder)
        _ = settings(server)
        let week1 = try deliver(export)
        #expect(week1.status == 0, "\(week1.stdout)\(week1.stderr)")
        #expect(week1.stdout.contains("20 handouts, 0 failed"), "\(week1.stdout)")
        #expect(week1.stdout.contains("sent 19"), "\(week1.stdout)")
        #expect(week1.stdout.contains("deliver: every handout made, every new or changed one emailed"))
        #expect(try server.received().count == 19)
        #expect(FileManager.default.fileExists(atPath: folder + "/handout-ledger.sqlite"), "the ledger beside the settings file")

        // Week 2: the same export with one appointment moved and one row the EHR got wrong.
        let original = try String(contentsOfFile: export, encoding: .utf8)
        let week2Export = scratch.write("week2.csv", original.replacingOccurrences(of: "\"2026-12-08\",\"9:30 AM\"", with: "\"2026-12-08\",\"3:00 PM\"")
            + "\"P-000999\",\"Bad\",\"Row\",\"2099-01-01\",\"\",\"bad.row@example.org\",\"\",\"\",\"\",\"\",\"\"\n")
        let week2 = try deliver(week2Export)
        #expect(week2.status == 1, "a row failed: \(week2.stdout)\(week2.stderr)")
        #expect(week2.stdout.contains("sent 1,"), "only the patient whose handout changed: \(week2.stdout)")
        #expect(week2.stdout.contains("deliver: some rows were not made"), "\(week2.stdout)")
        #expect(try server.received().count == 20)
        let log = try String(contentsOfFile: folder + "/deliver.log", encoding: .utf8).split(separator: "\n")
        #expect(log.last?.contains("\"incomplete\"") == true, "the log ends with the run's real outcome: \(log.last ?? "")")
        #expect(!log.contains { $0.contains("Bad") || $0.contains("bad.row") }, "no name or address in the log")

        // Week 3, nothing new: nothing sent, and the same failed row said again.
        let week3 = try deliver(week2Export)
        #expect(week3.status == 1)
        #expect(week3.stdout.contains("sent 0"), "\(week3.stdout)")
        #expect(try server.received().count == 20)
    }

    /// Two runs at once: while one sends (here: while another process holds the ledger's lock),
    /// the other stops at once with the reason, after making its handouts and sending nothing.
    @Test func aSecondRunWhileOneSendsStopsWithTheReasonAndSendsNothing() throws {
        let server = try SMTPTestServer(in: folder)
        _ = settings(server)
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        // It holds the lock until its standard input closes.
        holder.arguments = ["-c", "import fcntl, sys; f = open(sys.argv[1], 'a'); fcntl.flock(f, fcntl.LOCK_EX); print('held', flush=True); sys.stdin.read()",
                            folder + "/handout-ledger.sqlite.lock"]
        let said = Pipe(), release = Pipe()
        (holder.standardOutput, holder.standardInput) = (said, release)
        try holder.run()
        defer { try? release.fileHandleForWriting.close(); holder.waitUntilExit() }
        #expect(String(decoding: said.fileHandleForReading.availableData, as: UTF8.self).hasPrefix("held"))
        let second = try deliver(export)
        #expect(second.status == 2, "\(second.stdout)\(second.stderr)")
        #expect(second.stderr.contains("another handout mail (or deliver, or the web page's send by email) is sending with the ledger"), "\(second.stderr)")
        #expect(try server.received().isEmpty)
        try release.fileHandleForWriting.close()
        holder.waitUntilExit()
        let after = try deliver(export)
        #expect(after.status == 0, "\(after.stdout)\(after.stderr)")
        #expect(try server.received().count == 19, "once the other run has ended, each patient once")
    }

    @Test func aMailAccountWithoutItsPasswordFileNamesEveryPlaceEachComesFrom() throws {
        scratch.write("handout.yaml", """
            output-dir: handouts
            clinic: {name: "Riverside Spine & Pain Clinic", phone: "(555) 555-0142"}
            mail: {smtp: "smtps://mail.riverside-spine.example.org:465", user: care, from: "desk@riverside-spine.example.org"}

            """)
        let result = try deliver(export)
        #expect(result.status == 2, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("20 handouts, 0 failed"), "the handouts are made first")
        #expect(result.stderr.contains("only the user is given: --user and --password-file, mail.user and mail.password-file in the settings file, or HANDOUT_SMTP_USER and HANDOUT_SMTP_PASSWORD_FILE"),
                "\(result.stderr)")
        #expect(result.stdout.contains("deliver: the handouts are made, but emailing could not start"))
    }
}
