import Foundation
import HandoutTestSupport
import Testing

/// The ledger's checks at a clinic's size (issue #22): three weeks of a 300-row export, each
/// week's folder printed with its own `--date`, mailed to a real SMTP server with STARTTLS and
/// AUTH; a mail run killed midway; a dry run that writes nothing.
@Suite struct LedgerWeeksTests {
    let scratch = Scratch()
    var directory: String { scratch.path }
    var ledger: String { scratch.path + "/ledger.sqlite" }
    let from = "Riverside Spine <care@riverside-spine.example.org>"
    static let rows = 300

    init() throws {
        try "letmein\n".write(toFile: scratch.path + "/password", atomically: true, encoding: .utf8)
    }

    /// Row `i`'s values: every tenth patient has no address; names, birth dates and addresses
    /// are each the patient's own, so the ledger's bytes can be searched for them.
    struct Patient {
        let i: Int
        var id: String { String(format: "W-%06d", i) }
        var given: String { "Given\(Self.letters(i))" }
        var family: String { "Family\(Self.letters(i * 7 + 3))" }
        var birthDate: String { String(format: "19%02d-%02d-%02d", 30 + i % 60, 1 + i % 12, 1 + i % 28) }
        var email: String { i % 10 == 0 ? "" : "patient\(i)@mail-\(i % 7).example.net" }
        var appointmentTime: String { String(format: "%d:%02d AM", 8 + i % 4, (i * 5) % 60) }

        /// A word of letters only, different for each number (no digit to meet by chance in binary data).
        static func letters(_ number: Int) -> String {
            var number = number, word = ""
            repeat {
                word.append(Character(UnicodeScalar(UInt8(ascii: "a") + UInt8(number % 26))))
                number /= 26
            } while number > 0
            return word + "q"
        }
    }

    static let patients = (0..<rows).map(Patient.init)

    /// The export, with `moved` (a row index) given another appointment time.
    func export(_ name: String, moved: Int? = nil) -> String {
        var lines = [#""Patient ID","First Name","Last Name","DOB","Email","Clinician","Appointment Date","Appointment Time""#]
        for patient in Self.patients {
            let time = patient.i == moved ? "3:00 PM" : patient.appointmentTime
            lines.append([patient.id, patient.given, patient.family, patient.birthDate, patient.email, "Dr. Priya Raman, MD", "2026-12-28", time]
                .map { "\"\($0)\"" }.joined(separator: ","))
        }
        return scratch.write(name, lines.joined(separator: "\n") + "\n")
    }

    private func batch(_ csv: String, _ folder: String, date: String) throws {
        let made = try CLI.batch(csv, directory + "/" + folder, ["--jobs", "2", "--ledger", ledger, "--date", date])
        #expect(made.status == 0, "\(made.stdout)\(made.stderr)")
    }

    private func mailArguments(_ server: SMTPTestServer, _ csv: String, _ folder: String) -> [String] {
        ["mail", "--batch", directory + "/" + folder, "--csv", csv, "--from", from, "--clinic", CLI.clinic,
         "--smtp", "smtp://localhost:\(server.port)", "--ca-file", server.caFile,
         "--user", "care", "--password-file", directory + "/password", "--ledger", ledger]
    }

    private func mail(_ server: SMTPTestServer, _ csv: String, _ folder: String, _ extra: [String] = []) throws -> CLI.Result {
        try CLI.handout(mailArguments(server, csv, folder) + extra)
    }

    /// The ledger file's bytes with its WAL's.
    private func ledgerBytes() -> Data {
        [ledger, ledger + "-wal"].compactMap { try? Data(contentsOf: URL(fileURLWithPath: $0)) }.reduce(Data(), +)
    }

    @Test func threeWeeksOf300RowsMailEachPatientOnceAndThenOnlyWhatChanged() throws {
        let server = try SMTPTestServer(in: directory)
        let withAddress = Self.patients.filter { !$0.email.isEmpty }
        let week1 = export("week1.csv")
        try batch(week1, "week1", date: "2026-12-07")

        // Week 1, killed midway once some are sent, then run again: each patient once.
        let journal = directory + "/week1/mail-journal.csv"
        let (process, _, _) = try CLI.start(mailArguments(server, week1, "week1"))
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning, Date() < deadline,
              ((try? String(contentsOfFile: journal, encoding: .utf8)) ?? "").components(separatedBy: ",sent,").count <= 20 {
            usleep(5_000)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal, "the kill came before the run's end")
        let rerun = try mail(server, week1, "week1")
        #expect([0, 1].contains(rerun.status), "\(rerun.stdout)\(rerun.stderr)")
        let uncertain = rerun.stdout.components(separatedBy: "\n").filter { $0.contains(": uncertain") }.count
        let addresses = try server.received().map { $0.recipients[0] }
        #expect(Set(addresses).count == addresses.count, "a patient got two messages")
        #expect(Set(addresses).isSubset(of: Set(withAddress.map(\.email))))
        #expect(addresses.count == withAddress.count - uncertain, "\(rerun.stdout)")
        #expect(rerun.stdout.contains("\(Self.rows / 10) without an email"), "\(rerun.stdout)")

        // The ledger and the journal name the same messages sent.
        let rows = try String(contentsOfFile: journal, encoding: .utf8).split(separator: "\n").dropFirst().map { $0.split(separator: ",") }
        let journalSent = rows.filter { $0[2] == "sent" }.map { String($0[0]) }
        let history = try CLI.handout(["history", "--ledger", ledger, "--json"])
        let events = try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as! [[String: String]]
        let ledgerSent = events.filter { $0["kind"] == "sent" }.map { $0["id"]! }
        #expect(Set(ledgerSent) == Set(journalSent) && ledgerSent.count == journalSent.count)
        #expect(events.filter { $0["kind"] == "made" }.allSatisfy { $0["topic"] != nil && $0["language"] == "en" && $0["content_version"] != nil })

        // Again: nothing.
        let again = try mail(server, week1, "week1")
        #expect(again.stdout.contains("sent 0,"), "\(again.stdout)")
        let sentInWeek1 = try server.received().count
        #expect(sentInWeek1 == addresses.count)

        // Week 2, printed a week later, one appointment moved: a dry run tells it and writes nothing,
        // then only that patient hears again, told the handout is updated.
        let moved = Self.patients[281]
        let week2 = export("week2.csv", moved: moved.i)
        try batch(week2, "week2", date: "2026-12-14")
        let before = ledgerBytes()
        let dry = try mail(server, week2, "week2", ["--dry-run"])
        #expect(dry.status == 0, "\(dry.stdout)\(dry.stderr)")
        #expect(dry.stdout.contains("would send \(moved.id) (changed)"), "\(dry.stdout)")
        #expect(dry.stdout.contains("new 0, changed 1, unchanged \(withAddress.count - 1 - uncertain) (sent before"), "\(dry.stdout)")
        #expect(dry.stdout.contains("uncertain \(uncertain), without an address \(Self.rows / 10)"), "\(dry.stdout)")
        #expect(ledgerBytes() == before, "a dry run leaves the ledger as it was")
        #expect(!FileManager.default.fileExists(atPath: directory + "/week2/mail-journal.csv"))
        let update = try mail(server, week2, "week2", ["--retry-uncertain"])
        #expect(update.status == 0, "\(update.stdout)\(update.stderr)")
        let week2Messages = try server.received().dropFirst(sentInWeek1)
        #expect(week2Messages.count == 1 + uncertain, "\(update.stdout)")
        let updated = try #require(week2Messages.first { $0.recipients[0] == moved.email })
        #expect(updated.message.replacingOccurrences(of: "=\r\n", with: "").contains("updated handout"))

        // Week 3, the same export printed another day: nothing. On purpose: one.
        try batch(week2, "week3", date: "2026-12-21")
        let week3 = try mail(server, week2, "week3")
        #expect(week3.status == 0, "\(week3.stdout)\(week3.stderr)")
        #expect(week3.stdout.contains("sent 0,") && week3.stdout.contains("changed 0, unchanged \(withAddress.count)"), "\(week3.stdout)")
        let resent = Self.patients[7]
        let resend = try mail(server, week2, "week3", ["--resend", resent.id])
        #expect(resend.stdout.contains("sent 1,"), "\(resend.stdout)")
        #expect(try server.received().last?.recipients == [resent.email])
        #expect(try server.received().count == sentInWeek1 + 1 + uncertain + 1)

        // The ledger holds no name, birth date or address.
        let bytes = ledgerBytes()
        for value in ["Given", "Family", "example.net", "patient1", moved.birthDate, resent.birthDate] {
            #expect(bytes.range(of: Data(value.utf8)) == nil, "the ledger holds \(value)")
        }
    }
}
