import ArgumentParser
import Foundation
import HandoutCore

/// The weekly job in one command: `batch --resume` of the export, then `mail` of every handout
/// new or changed, even when some rows failed. Everything else comes from the settings file and
/// the HANDOUT_* variables, so cron's bare environment is enough.
struct Deliver: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The weekly job: make the handouts of an export (continuing a stopped run) and email each one that is new or changed.",
        discussion: """
        Runs `handout batch EXPORT --resume` into the settings file's output-dir, then `handout mail --csv EXPORT` \
        (a handout already sent and unchanged is not sent again; the ledger knows). Rows that fail do not stop the \
        emails of the others. Exit 0: every row made and every email sent; 1: some rows or emails failed (the last \
        lines say what to do next); 2: the run could not start.
        """)

    @Argument(help: ArgumentHelp("The EHR's export (CSV), as batch reads it.", valueName: "export.csv"))
    var input: String

    @Option(help: "Handouts rendered at once (default: the number of cores).")
    var jobs: Int?

    @Option(help: ArgumentHelp("Append the JSON lines of both steps to this file, as batch --log-file and mail --log-file.", valueName: "file"))
    var logFile: String?

    @Option(help: ArgumentHelp("What a patient gets when their language's translation is not reviewed by a person, handout and email: use or english-with-notice (default), over the settings file's unreviewed-translations.",
                               valueName: "use|english-with-notice"))
    var unreviewedTranslations: UnreviewedTranslations?

    @OptionGroup var configFile: ConfigOption

    @OptionGroup var ledger: LedgerOption

    func run() async throws {
        var shared: [String] = []
        if let unreviewedTranslations { shared += ["--unreviewed-translations", unreviewedTranslations.rawValue] }
        if let path = configFile.path { shared += ["--config", path] }
        if let path = ledger.path { shared += ["--ledger", path] }
        if let logFile { shared += ["--log-file", logFile] }
        let made = await Self.exitCode {
            var batch = try Batch.parse([input, "--resume"] + (jobs.map { ["--jobs", String($0)] } ?? []) + shared)
            try batch.run()
        }
        if made == 2 { throw ExitCode(2) }
        let mailed = await Self.exitCode {
            var mail = try Mail.parse(["--csv", input] + shared)
            try await mail.run()
        }
        for line in Self.nextSteps(made: made, mailed: mailed) { print("deliver: \(line)") }
        let code = max(made, mailed)
        if code != 0 { throw ExitCode(code) }
    }

    /// What the office does next, after each step's own lines.
    static func nextSteps(made: Int32, mailed: Int32) -> [String] {
        var lines: [String] = []
        if made == 1 {
            lines.append("some rows were not made (the lines above, and manifest.csv, say why, never who): fix them in the EHR; the next run makes them and emails them")
        }
        switch mailed {
        case 0: lines.append(made == 0 ? "every handout made, every new or changed one emailed" : "every handout that was made and is new or changed was emailed")
        case 1: lines.append("some emails were not sent (the lines above say why): the next run tries them again")
        default: lines.append("the handouts are made, but emailing could not start (the line above says why): fix it and run again; nothing is made twice")
        }
        return lines
    }

    /// A step's exit code, its error said as the command on its own would say it.
    private static func exitCode(_ step: () async throws -> Void) async -> Int32 {
        do {
            try await step()
            return 0
        } catch {
            return Handout.said(error)
        }
    }
}
