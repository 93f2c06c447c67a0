import ArgumentParser
import Foundation
import HandoutCore
import HandoutLedger

struct History: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "What was made and sent, and when, from the ledger: one line per event.",
        discussion: """
        Columns: time (UTC), kind (made, sent, failed, deferred, uncertain, written), record id, the topic, language \
        and content version of a handout made, batch folder, status (ok for a handout made; the server's reply class \
        for a message: 250, 550, uncertain). The ledger holds no \
        names, dates of birth or addresses, so neither does this. Exit 0: listed (even none); 2: the ledger cannot be read.
        """)

    @Argument(help: ArgumentHelp("Only this record id.", valueName: "id"))
    var id: String?

    @Option(help: ArgumentHelp("Only events on or after this day (UTC).", valueName: "YYYY-MM-DD"))
    var since: String?

    @Flag(help: "Print a JSON array of events (kind, at, id, batch, status; topic, language, content_version for a handout made) instead of the table.")
    var json = false

    @OptionGroup var ledger: LedgerOption

    @OptionGroup var configFile: ConfigOption

    func validate() throws {
        if let since, CalendarDate(iso: since) == nil { throw ValidationError("--since must be a day written YYYY-MM-DD") }
    }

    func run() throws {
        try exitOnFailure {
            let events = try ledger.open(try configFile.load()).events(recordID: id, since: since)
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                print(String(decoding: try encoder.encode(events), as: UTF8.self))
                return
            }
            print(HistoryTable(events).text, terminator: "")
        }
    }
}

/// The events as aligned columns under a header; a line saying so when there are none.
struct HistoryTable {
    let events: [LedgerEvent]

    init(_ events: [LedgerEvent]) { self.events = events }

    var text: String {
        guard !events.isEmpty else { return "no events in the ledger\n" }
        let rows = [["time", "kind", "id", "topic", "language", "version", "batch", "status"]] + events.map { event in
            [event.at, event.kind, event.id, event.topic ?? "", event.language ?? "", event.contentVersion ?? "", event.batch].map(EchoedText.escaped)
                + [event.status]
        }
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            zip(row, widths).enumerated().map { column, cell in
                column == row.count - 1 ? cell.0 : cell.0.padding(toLength: cell.1, withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}
