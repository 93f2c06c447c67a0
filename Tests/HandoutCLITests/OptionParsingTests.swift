import ArgumentParser
import Foundation
import HandoutBatch
import HandoutConfig
import HandoutCore
import HandoutRender
import Testing

@testable import handout

/// Every command's options parsed in process, as swift-argument-parser's own tests do: the
/// typed values, the defaults, and the refusals with their reasons (the process tests beside
/// these run the same commands end to end).
@Suite struct OptionParsingTests {
    func parse<Command: ParsableCommand>(_ arguments: [String], as _: Command.Type) throws -> Command {
        try #require(try Handout.parseAsRoot(arguments) as? Command)
    }

    /// The message a user sees for `arguments`, which must not parse.
    func refusal(_ arguments: [String]) -> String {
        do {
            _ = try Handout.parseAsRoot(arguments)
            return ""
        } catch {
            return Handout.message(for: error)
        }
    }

    @Test func render() throws {
        let command = try parse(["render", "--patient", "p.json", "--output", "o.pdf", "--paper", "a4", "--large-print",
                                 "--lang", "es", "--clinic", "c.json", "--password-file", "pw"], as: Render.self)
        #expect(command.patient == "p.json" && command.output == "o.pdf")
        #expect(command.settings.paper == .a4 && command.settings.largePrint == true && command.settings.lang == "es")
        #expect(command.settings.clinic == "c.json" && command.settings.passwordFile == "pw")
        let defaults = try parse(["render", "--patient", "p.json", "--output", "o.pdf"], as: Render.self)
        // Unset flags leave the settings file (or the built-in default) in charge.
        #expect(defaults.settings.paper == nil && defaults.settings.largePrint == nil && defaults.settings.content == nil)
        #expect(try parse(["render", "--patient", "p", "--output", "o", "--no-large-print"], as: Render.self).settings.largePrint == false)
        let shouted = try parse(["render", "--patient", "p.json", "--output", "o.pdf", "--paper", "A4", "--lang", "ES"], as: Render.self)
        #expect(shouted.settings.paper == .a4 && shouted.settings.lang == "es")
        #expect(try parse(["render", "--patient", "p.json", "--output", "o.pdf", "--lang", "Spanish"], as: Render.self).settings.lang == "es")
        #expect(refusal(["render", "--patient", "p.json"]).contains("--output"))
        #expect(refusal(["render", "--patient", "p.json", "--output", "o.pdf", "--paper", "legal"]).contains("legal"))
    }

    @Test func batchTypesItsValues() throws {
        let command = try parse(["batch", "in.csv", "--output-dir", "out", "--jobs", "2", "--shard", "1/3", "--limit", "5", "--resume",
                                 "--map", "givenName=Vorname", "--map", "id = MRN", "--date-format", "dd.MM.yyyy"], as: Batch.self)
        #expect(command.input == "in.csv" && command.outputDir == "out" && command.jobs == 2 && command.limit == 5 && command.resume)
        #expect(command.shard == (try Shard(index: 1, count: 3)))
        #expect(try ColumnOverride.table(command.map) == [.givenName: "Vorname", .id: "MRN"])
        #expect(command.dateFormat?.pattern == "dd.MM.yyyy")
        #expect(command.dateFormat?.parse("17.04.1961")?.description == "1961-04-17")
    }

    @Test func batchRefusesBadValuesWithTheirReason() {
        #expect(refusal(["batch", "in.csv", "--output-dir", "o", "--shard", "3/2"]).contains("expected K/M with 0 <= K < M"))
        #expect(refusal(["batch", "in.csv", "--output-dir", "o", "--map", "shoeSize=x"]).contains("unknown field 'shoeSize'"))
        #expect(refusal(["batch", "in.csv", "--output-dir", "o", "--map", "givenName"]).contains("expected FIELD=Header"))
        #expect(refusal(["batch", "in.csv", "--output-dir", "o", "--date-format", "MM/yy"]).contains("use yyyy, MM and dd"))
        #expect(refusal(["batch", "in.csv", "--output-dir", "o", "--jobs", "0"]).contains("--jobs must be 1 or more"))
        #expect(refusal(["batch", "in.csv", "--output-dir", "o", "--jobs", "100000"]).contains("at most \(WorkerLimits.maxJobs)"))
        #expect(refusal(["batch", "in.csv", "--output-dir", "o", "--limit=-1"]).contains("--limit must be 0 or more"))
    }

    @Test func mail() throws {
        let command = try parse(["mail", "--batch", "b", "--csv", "p.csv", "--from", "C <c@x.example>", "--smtp", "smtp://h:587",
                                 "--user", "u", "--password-file", "pw", "--ca-file", "ca.pem", "--retry-uncertain",
                                 "--map", "email=E-mail"], as: Mail.self)
        #expect(command.batch == "b" && command.csv == "p.csv" && command.smtp == "smtp://h:587" && command.user == "u")
        #expect(command.retryUncertain && !command.dryRun && !command.allowPlaintextLoopback)
        #expect(try ColumnOverride.table(command.map) == [.email: "E-mail"])
        let pilot = try parse(["mail", "--batch", "b", "--csv", "p.csv", "--from", "c@x.example", "--smtp", "smtp://h:587", "--clinic", "clinic.json",
                               "--limit", "5", "--test-to", "me@x.example", "--log-file", "mail.log"], as: Mail.self)
        #expect(pilot.clinic == "clinic.json" && pilot.limit == 5 && pilot.testTo == "me@x.example" && pilot.logFile == "mail.log")
        #expect(refusal(["mail", "--batch", "b", "--csv", "p.csv", "--from", "c@x.example", "--dry-run", "--limit=-1"]).contains("--limit must be 0 or more"))
    }

    @Test func check() throws {
        let command = try parse(["check", "--lang", "es", "--max-grade", "6"], as: Check.self)
        #expect(command.lang == "es" && command.maxGrade == 6 && command.content == nil)
        #expect(try parse(["check"], as: Check.self).maxGrade == 7)
    }

    /// The renderer process gets the run in its hello frame: every setting arrives as it was sent.
    @Test func theRendererProcessGetsTheRunInItsHelloFrame() throws {
        let batch = try parse(["batch", "in.csv", "--output-dir", "o", "--paper", "a4", "--large-print", "--lang", "es",
                               "--content", "c.yaml", "--password-file", "pw", "--date", "2026-12-14"], as: Batch.self)
        var configuration = Configuration()
        configuration.clinic = Clinic(name: "Lakeside Spine", phone: "(555) 555-0100")
        let request = try RunRequest(flags: batch.settings.flags, configuration: configuration, environment: [:])
        let received = try RunRequest(helloFrame: try request.helloFrame())
        #expect(received == request)
        #expect(received.paper == .a4 && received.largePrint && received.language == "es" && received.content == "c.yaml")
        #expect(received.pdf == .encrypted(passwordFile: "pw") && received.printedOn == CalendarDate(iso: "2026-12-14"))
        #expect(received.clinic?.name == "Lakeside Spine")
        let archive = try parse(["batch", "in.csv", "--output-dir", "o", "--archive"], as: Batch.self)
        #expect(try RunRequest(flags: archive.settings.flags, configuration: Configuration(), environment: [:]).pdf == .archive)
        #expect(throws: (any Error).self) { try RunRequest(helloFrame: Data(#"{"version":2,"run":{}}"#.utf8)) }
        #expect(refusal(["render", "--patient", "p.json", "--output", "o.pdf", "--archive", "--password-file", "pw"])
            .contains("--archive and --password-file cannot go together"))
        #expect(refusal(["batch", "in.csv", "--output-dir", "o", "--archive", "--password-rule", "birth-date"])
            .contains("--archive and --password-column or --password-rule cannot go together"))
        #expect(!Handout.helpMessage().contains(BatchWorker.name))
    }
}
