import Foundation
import HandoutBatch
import HandoutMail

/// Brings a batch folder's own records into the ledger: every ok handout of its manifests and
/// every row of its `mail-journal.csv`. The folder's files are the crash-safe record of a run;
/// importing them again is a no-op (rows are keyed by record, folder, PDF and journal row), so a
/// run killed at any point, then run again, leaves the ledger and the folder agreeing.
public struct BatchFolderImport {
    /// The folder, as the ledger names it: its full path.
    public let folder: String
    public let ledger: Ledger

    public init(folder: String, ledger: Ledger) {
        self.folder = URL(fileURLWithPath: folder).standardizedFileURL.path
        self.ledger = ledger
    }

    /// What a mail run knows of a message that the journal does not say: the PDF it carried and the
    /// address's hash.
    public struct Sent: Sendable {
        public var pdfSHA256: String
        public var address: String

        public init(pdfSHA256: String, address: String) {
            self.pdfSHA256 = pdfSHA256
            self.address = address
        }
    }

    /// Imports the manifests' handouts (made at `clock`, the run's time, for those not yet
    /// recorded) and the journal's rows. `sent`: what this run sent, by record id; the journal's
    /// other rows take the PDF the manifest has now and no address hash.
    public func run(clock: Date, sent: [String: Sent] = [:]) throws(LedgerError) {
        let handouts = try madeHandouts(at: LedgerClock.text(clock))
        try ledger.record(made: handouts)
        let files = Dictionary(handouts.map { ($0.recordID, $0.pdfSHA256) }, uniquingKeysWith: { _, last in last })
        let journal = URL(fileURLWithPath: folder).appendingPathComponent("mail-journal.csv")
        let entries: [MailJournalEntry]
        do {
            entries = try MailJournal.read(url: journal)
        } catch {
            throw .cannotImport(path: journal.path, reason: error.errorDescription ?? "\(error)")
        }
        // A `pending` row is an attempt about to start: what it led to is the next row (or a rerun).
        let deliveries = entries.enumerated().compactMap { index, entry -> Delivery? in
            guard entry.status != .pending, let pdf = sent[entry.id]?.pdfSHA256 ?? files[entry.id] else { return nil }
            return Delivery(recordID: entry.id, batch: folder, pdfSHA256: pdf, channel: .smtp, status: entry.status.rawValue,
                            replyClass: Self.replyClass(entry), addressHash: sent[entry.id].map { ledger.addressHash($0.address) },
                            sourceRow: index + 1, at: entry.time)
        }
        try ledger.record(deliveries: deliveries)
    }

    /// The ok (and resumed) rows of `manifest.csv` and of every shard's manifest, the last per line.
    public func handoutRows() throws(LedgerError) -> [ManifestEntry] {
        guard FileManager.default.fileExists(atPath: folder) else { return [] }  // a batch about to make it
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder).filter(ManifestReader.isManifestName).sorted()
        } catch {
            throw .cannotImport(path: folder, reason: "cannot list the folder")
        }
        var rows: [ManifestEntry] = []
        for name in names {
            var last: [Int: ManifestEntry] = [:]
            let path = URL(fileURLWithPath: folder).appendingPathComponent(name).path
            do {
                try ManifestReader.read(path: path) { last[$0.line] = $0 }
            } catch {
                throw .cannotImport(path: path, reason: error.errorDescription ?? "\(error)")
            }
            rows += last.values.sorted(by: { $0.line < $1.line }).filter { $0.status != .failed && !$0.sha256.isEmpty }
        }
        return rows
    }

    private func madeHandouts(at time: String) throws(LedgerError) -> [MadeHandout] {
        try handoutRows().map { MadeHandout(recordID: $0.id, batch: folder, pdfSHA256: $0.sha256, facts: $0.facts, madeAt: time) }
    }

    /// The server's reply code ("250", "550"), "uncertain" when none came, else "".
    static func replyClass(_ entry: MailJournalEntry) -> String {
        if entry.status == .uncertain { return "uncertain" }
        let code = entry.reply.prefix(3)
        return code.count == 3 && code.allSatisfy(\.isASCII) && code.allSatisfy(\.isNumber) ? String(code) : ""
    }
}
