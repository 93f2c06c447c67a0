import Foundation
import GRDB
import HandoutBatch
import HandoutLedger
import HandoutMail
import HandoutTestSupport
import Testing

/// The ledger file in-process: its modes and journal mode, keyed imports, the last delivery, events.
@Suite struct LedgerTests {
    let scratch = Scratch()
    var path: String { scratch.path + "/ledger.sqlite" }
    let pdfA = String(repeating: "a", count: 64), pdfB = String(repeating: "b", count: 64)

    func mode(_ path: String) throws -> Int {
        try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    /// A batch folder with a manifest of `rows` (id, PDF checksum, and what the handout tells
    /// when given) and a journal of `journal` rows.
    func folder(_ name: String, _ rows: [(String, String)], reads: [String: String] = [:], journal: [MailJournalEntry] = []) async throws -> String {
        let folder = scratch.path + "/" + name
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let manifest = try ManifestWriter(path: folder + "/manifest.csv", append: false)
        for (line, row) in rows.enumerated() {
            try manifest.append(ManifestEntry(id: row.0, line: line + 2, status: .ok, file: row.0 + ".pdf", sha256: row.1,
                                              recordSHA256: String(repeating: "c", count: 64), optionsSHA256: String(repeating: "d", count: 64),
                                              facts: HandoutFacts(topic: "spinal-fusion", language: "es", contentVersion: "2026-03",
                                                                  readsSHA256: reads[row.0] ?? "")))
        }
        let file = try MailJournal(url: URL(fileURLWithPath: folder + "/mail-journal.csv"))
        for entry in journal { try await file.append(entry) }
        return folder
    }

    func sent(_ id: String, _ time: String, status: MailJournalStatus = .sent, reply: String = "250 2.0.0 Ok") -> MailJournalEntry {
        MailJournalEntry(id: id, messageID: "<m-\(id)@clinic.example>", status: status, reply: reply, time: time)
    }

    @Test func theFileAndItsWALAreTheOwnersOnlyAndInWALMode() throws {
        let ledger = try Ledger(path: path)
        try ledger.record(made: [MadeHandout(recordID: "A", batch: "/b", pdfSHA256: pdfA, facts: HandoutFacts(), madeAt: "2026-12-01T08:00:00Z")])
        #expect(try mode(path) == 0o600)
        for suffix in ["-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
            #expect(try mode(path + suffix) == 0o600, "\(suffix)")
        }
        #expect(FileManager.default.fileExists(atPath: path + "-wal"), "WAL mode keeps a -wal file while open")
        let header = try #require(FileHandle(forReadingAtPath: path)).readData(ofLength: 20)
        #expect(header.starts(with: Data("SQLite format 3".utf8)))
        #expect(header[18] == 2 && header[19] == 2, "file format 2 in both bytes is WAL")
    }

    @Test func anExistingFileOpenToOthersIsTightened() throws {
        FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o644])
        _ = try Ledger(path: path)
        #expect(try mode(path) == 0o600)
    }

    @Test func importingAFolderTwiceRecordsEachHandoutAndJournalRowOnce() async throws {
        let batch = try await folder("week1", [("A", pdfA), ("B", pdfB)], journal: [
            sent("A", "2026-12-01T08:00:01Z", status: .pending, reply: ""), sent("A", "2026-12-01T08:00:02Z"),
            sent("B", "2026-12-01T08:00:03Z", status: .failed, reply: "550 5.1.1 no such user"),
        ])
        let ledger = try Ledger(path: path)
        let folderImport = BatchFolderImport(folder: batch, ledger: ledger)
        try folderImport.run(clock: Date(timeIntervalSince1970: 1_764_576_000))
        try folderImport.run(clock: Date(timeIntervalSince1970: 1_764_576_000))
        let events = try ledger.events()
        #expect(events.map(\.kind) == ["made", "made", "sent", "failed"])
        #expect(events.map(\.status) == ["ok", "ok", "250", "550"])
        #expect(events[0].topic == "spinal-fusion" && events[0].language == "es" && events[0].contentVersion == "2026-03")
        #expect(events[2].topic == nil, "a message has no topic of its own")
        #expect(events.map(\.at) == ["2025-12-01T08:00:00Z", "2025-12-01T08:00:00Z", "2026-12-01T08:00:02Z", "2026-12-01T08:00:03Z"])
        #expect(events.allSatisfy { $0.batch == batch })
        #expect(try ledger.events(recordID: "B").map(\.kind) == ["made", "failed"])
        #expect(try ledger.events(since: "2026-12-02").isEmpty)
        let last = try ledger.lastDeliveries(of: ["A", "B"])
        #expect(last["A"] == LastDelivery(pdfSHA256: LedgerDigest.short(pdfA), batch: batch, uncertain: false))
        #expect(last["B"] == nil, "a failed message reached nobody")
    }

    @Test func whatWasLastSentDecidesNewChangedUnchangedAndUncertain() async throws {
        let ledger = try Ledger(path: path)
        let week1 = try await folder("week1", [("A", pdfA), ("B", pdfA), ("C", pdfA)], journal: [
            sent("A", "2026-12-01T08:00:00Z"), sent("B", "2026-12-01T08:00:01Z"),
            sent("C", "2026-12-01T08:00:02Z", status: .uncertain, reply: "handed over, awaiting reply"),
        ])
        try BatchFolderImport(folder: week1, ledger: ledger).run(clock: Date())
        let week2 = try await folder("week2", [("A", pdfA), ("B", pdfB), ("C", pdfA), ("D", pdfA)])
        try BatchFolderImport(folder: week2, ledger: ledger).run(clock: Date())
        let last = try ledger.lastDeliveries(of: ["A", "B", "C", "D"])
        #expect(HandoutNews(pdfSHA256: pdfA, readsSHA256: "", last: last["A"]) == .unchanged)
        #expect(HandoutNews(pdfSHA256: pdfB, readsSHA256: "", last: last["B"]) == .changed)
        #expect(HandoutNews(pdfSHA256: pdfA, readsSHA256: "", last: last["C"]) == .uncertain)
        #expect(HandoutNews(pdfSHA256: pdfA, readsSHA256: "", last: last["D"]) == .new)
    }

    /// Another PDF that tells the same (only its printed day moved) is not news; one that tells
    /// something else is, even in the same bytes' place.
    @Test func whatThePatientReadsDecidesOverThePDFsBytes() async throws {
        let ledger = try Ledger(path: path)
        let (same, moved) = (String(repeating: "1", count: 64), String(repeating: "2", count: 64))
        let week1 = try await folder("week1", [("A", pdfA), ("B", pdfA)], reads: ["A": same, "B": same],
                                     journal: [sent("A", "2026-12-01T08:00:00Z"), sent("B", "2026-12-01T08:00:01Z")])
        try BatchFolderImport(folder: week1, ledger: ledger).run(clock: Date())
        let last = try ledger.lastDeliveries(of: ["A", "B"])
        #expect(last["A"]?.readsSHA256 == LedgerDigest.short(same))
        #expect(HandoutNews(pdfSHA256: pdfB, readsSHA256: same, last: last["A"]) == .unchanged, "only the printed day moved")
        #expect(HandoutNews(pdfSHA256: pdfB, readsSHA256: moved, last: last["B"]) == .changed, "the appointment moved")
        #expect(HandoutNews(pdfSHA256: pdfB, readsSHA256: "", last: last["B"]) == .changed, "not known: the PDF decides")
    }

    /// A ledger made before v2 (full digests, text times, no facts) is carried over whole; its
    /// handouts take their facts when their folder is imported again.
    @Test func aVersion1LedgerIsMigratedAndFilledIn() async throws {
        let batch = try await folder("week1", [("A", pdfA)], reads: ["A": pdfB], journal: [sent("A", "2026-12-01T08:00:02Z")])
        let v1 = try DatabaseQueue(path: path)
        try await v1.write { db in
            try db.execute(sql: """
                CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
                INSERT INTO grdb_migrations VALUES ('v1: batches, handouts, deliveries, address key');
                CREATE TABLE address_key (id INTEGER PRIMARY KEY CHECK (id = 1), key BLOB NOT NULL);
                CREATE TABLE batch (id INTEGER PRIMARY KEY, folder TEXT NOT NULL UNIQUE);
                CREATE TABLE handout (id INTEGER PRIMARY KEY, record_id TEXT NOT NULL, batch_id INTEGER NOT NULL REFERENCES batch(id),
                    pdf_sha256 BLOB NOT NULL, record_sha256 BLOB NOT NULL, options_sha256 BLOB NOT NULL, made_at TEXT NOT NULL,
                    UNIQUE (record_id, batch_id, pdf_sha256));
                CREATE TABLE delivery (id INTEGER PRIMARY KEY, record_id TEXT NOT NULL, batch_id INTEGER NOT NULL REFERENCES batch(id),
                    pdf_sha256 BLOB NOT NULL, channel TEXT NOT NULL CHECK (channel IN ('smtp', 'outbox')), status TEXT NOT NULL,
                    reply_class TEXT NOT NULL, address_hash BLOB, source_row INTEGER NOT NULL, at TEXT NOT NULL,
                    UNIQUE (record_id, batch_id, channel, source_row));
                """)
            try db.execute(sql: "INSERT INTO batch (id, folder) VALUES (1, ?)", arguments: [batch])
            let digest = Data(repeating: 0xAA, count: 32)
            try db.execute(sql: "INSERT INTO handout VALUES (1, 'A', 1, ?, ?, ?, '2026-12-01T08:00:00Z')", arguments: [digest, digest, digest])
            try db.execute(sql: "INSERT INTO delivery VALUES (1, 'A', 1, ?, 'smtp', 'sent', '250', NULL, 1, '2026-12-01T08:00:02Z')",
                           arguments: [digest])
        }
        try v1.close()
        let ledger = try Ledger(path: path)
        #expect(try ledger.events().map { "\($0.kind) \($0.at) \($0.status) \($0.topic ?? "-")" }
                == ["made 2026-12-01T08:00:00Z ok -", "sent 2026-12-01T08:00:02Z 250 -"])
        #expect(try ledger.lastDeliveries(of: ["A"])["A"] == LastDelivery(pdfSHA256: LedgerDigest.short(pdfA), batch: batch, uncertain: false))
        try BatchFolderImport(folder: batch, ledger: ledger).run(clock: Date())
        #expect(try ledger.events().map(\.kind) == ["made", "sent"], "the same handout and message, not new ones")
        #expect(try ledger.events()[0].topic == "spinal-fusion")
        #expect(try ledger.lastDeliveries(of: ["A"])["A"]?.readsSHA256 == LedgerDigest.short(pdfB))
    }

    /// A dry run's copy tells what the file holds, takes writes, and leaves the file as it was.
    @Test func aCopyInMemoryLeavesTheFileAsItWas() async throws {
        let week1 = try await folder("week1", [("A", pdfA)], journal: [sent("A", "2026-12-01T08:00:00Z")])
        let ledger = try Ledger(path: path)
        try BatchFolderImport(folder: week1, ledger: ledger).run(clock: Date())
        let week2 = try await folder("week2", [("A", pdfB)], journal: [sent("A", "2026-12-08T08:00:00Z")])
        let copy = try Ledger.copyInMemory(of: path)
        #expect(copy.addressHash("a@example.org") == ledger.addressHash("a@example.org"), "the same key")
        try BatchFolderImport(folder: week2, ledger: copy).run(clock: Date())
        #expect(try copy.lastDeliveries(of: ["A"])["A"]?.batch == week2)
        #expect(try ledger.lastDeliveries(of: ["A"])["A"]?.batch == week1)
        #expect(try ledger.events().count == 2)
        let none = scratch.path + "/none.sqlite"
        #expect(try Ledger.copyInMemory(of: none).events().isEmpty)
        #expect(!FileManager.default.fileExists(atPath: none), "no file is made")
    }

    @Test func anAddressHashIsTheSameWithinALedgerAndNothingOutsideIt() throws {
        let ledger = try Ledger(path: path)
        let hash = ledger.addressHash("Ana.Ruiz@Example.org")
        #expect(hash == ledger.addressHash("ana.ruiz@example.org"))
        #expect(hash != ledger.addressHash("bo.lee@example.org"))
        #expect(hash == (try Ledger(path: path)).addressHash("ana.ruiz@example.org"), "the key is kept in the ledger")
        #expect(hash != (try Ledger(path: scratch.path + "/other.sqlite")).addressHash("ana.ruiz@example.org"))
        try ledger.record(deliveries: [Delivery(recordID: "A", batch: "/b", pdfSHA256: pdfA, channel: .smtp, status: "sent", replyClass: "250",
                                                addressHash: hash, sourceRow: 1, at: "2026-12-01T08:00:00Z")])
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path)) + ((try? Data(contentsOf: URL(fileURLWithPath: path + "-wal"))) ?? Data())
        #expect(bytes.range(of: Data("ana.ruiz".utf8)) == nil && bytes.range(of: Data("example.org".utf8)) == nil)
    }

    @Test func aDamagedFileStopsWithItsPathAndWhatToDo() throws {
        try Data(repeating: 0x5A, count: 4096).write(to: URL(fileURLWithPath: path))
        #expect {
            try Ledger(path: path)
        } throws: { error in
            let text = (error as? LedgerError)?.errorDescription ?? ""
            return text.contains(path) && text.contains("damaged or is not a ledger") && text.contains("move this one aside")
        }
    }
}
