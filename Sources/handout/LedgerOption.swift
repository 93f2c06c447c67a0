import ArgumentParser
import Foundation
import HandoutConfig
import HandoutLedger
import HandoutSupport

/// `--ledger FILE`, on batch, mail and history: what was made and sent, across batch folders.
struct LedgerOption: ParsableArguments {
    @Option(name: .customLong("ledger"),
            help: ArgumentHelp("The ledger of what was made and sent (default: $HANDOUT_LEDGER, else ledger: in the settings file, else handout-ledger.sqlite beside it, else in this folder).",
                               valueName: "file"))
    var path: String?

    func open(_ configuration: Configuration) throws -> Ledger {
        try Ledger(path: path(configuration))
    }

    /// The ledger's file: this flag, HANDOUT_LEDGER, the `ledger:` setting, or the default beside the settings file.
    func path(_ configuration: Configuration) -> String {
        configuration.ledgerPath(flag: path ?? ProcessInfo.processInfo.environment["HANDOUT_LEDGER"], defaultName: Ledger.defaultFileName)
    }
}

/// The time the ledger records for this run: SOURCE_DATE_EPOCH's when set (reproducible output), else now.
func ledgerClock() throws -> Date {
    try SourceDateEpoch.date() ?? Date()
}

/// Brings the ledger up to date with a batch folder at the end of a command. The folder is
/// already complete (its manifest and journal are the crash-safe record), so a failure here is
/// said, not fatal: the next batch or mail of that folder catches up.
/// `also`: more to record, made with the ledger (for address hashes) at the run's time.
func recordInLedger(_ folderImport: BatchFolderImport, sent: [String: BatchFolderImport.Sent] = [:],
                    also: (Ledger, String) -> [Delivery] = { _, _ in [] }) {
    do {
        let clock = try ledgerClock()
        try folderImport.ledger.record(deliveries: also(folderImport.ledger, LedgerClock.text(clock)))
        try folderImport.run(clock: clock, sent: sent)
    } catch {
        let message = (error as? LocalizedError)?.errorDescription ?? "\(error)"
        FileHandle.standardError.write(Data("handout: warning: \(message)\n".utf8))
    }
}
