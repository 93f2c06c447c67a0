import ArgumentParser
import HandoutConfig
import HandoutLedger

/// `handout ledger check`: whether the ledger is whole, and what can be recovered when it is not.
struct LedgerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger", abstract: "Look after the ledger of what was made and sent.", subcommands: [Check.self])

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the ledger file: whole, or damaged and what can be recovered.",
            discussion: "Reads the file only. Exit 0: whole; 1: damaged (the lines say what can be recovered and how); 2: no ledger there, or not one at all.")

        @OptionGroup var ledger: LedgerOption

        @OptionGroup var configFile: ConfigOption

        func run() throws {
            var path = ""
            var check: LedgerCheck!
            try exitOnFailure {
                path = ledger.path(try configFile.load())
                check = try LedgerCheck(path: path)
            }
            let counts = "\(check.readable["batch"].map(String.init) ?? "?") batch folders, \(check.readable["handout"].map(String.init) ?? "?") handouts made, "
                + "\(check.readable["delivery"].map(String.init) ?? "?") deliveries"
            guard !check.isWhole else {
                print("ledger \(path): whole; \(counts)")
                return
            }
            print("ledger \(path): damaged")
            for problem in check.problems { print("  \(problem)") }
            print("still readable: \(counts) (? cannot be read)")
            print("to recover: move the file aside (mv \(path) \(path).damaged); the next batch or mail of each batch folder you kept")
            print("fills a new ledger from its manifest.csv and mail-journal.csv (handout batch EXPORT --output-dir FOLDER --resume, with that")
            print("week's export, does it without sending). What only the damaged file knew, from folders since removed, is lost.")
            throw ExitCode(1)
        }
    }
}
