import Foundation
import GRDB
import HandoutSupport

/// What was made and sent, across batch folders and weeks: an SQLite file (WAL, mode 0600, a
/// busy timeout for two runs at once) read and written through GRDB.
///
/// ```swift
/// let ledger = try Ledger(path: "handout-ledger.sqlite")
/// try ledger.record(made: handouts)
/// let last = try ledger.lastDeliveries(of: ["A-1"])   // what each patient last got
/// ```
///
/// It holds record ids, digests, topics, languages, content versions, statuses, times and batch
/// folders, never a name, birth date or address: an address appears only as ``addressHash(_:)``,
/// and what a patient reads only as ``readsDigest(_:)``, keyed by a random key kept in the
/// ledger, so the same address gives the same hash here and nothing elsewhere.
public final class Ledger: Sendable {
    public static let defaultFileName = "handout-ledger.sqlite"
    /// How long a run waits for another one that is writing.
    public static let busyTimeout: TimeInterval = 30
    public let path: String
    private let database: DatabaseQueue
    private let addressKey: [UInt8]

    public init(path: String) throws(LedgerError) {
        self.path = path
        do {
            try Self.createPrivateFile(path)
        } catch {
            throw .cannotOpen(path: path, reason: error.reason)
        }
        var configuration = Configuration()
        configuration.journalMode = .wal
        configuration.busyMode = .timeout(Self.busyTimeout)
        do {
            database = try DatabaseQueue(path: path, configuration: configuration)
            try LedgerSchema.migrator.migrate(database)
            addressKey = try database.write(Self.addressKey)
        } catch {
            throw Self.failure(error, path: path, opening: true)
        }
    }

    /// Creates the file with mode 0600 before SQLite opens it (SQLite gives its `-wal` and `-shm`
    /// files the mode of the database file); an existing one is tightened to 0600. A link is
    /// never followed.
    private static func createPrivateFile(_ path: String) throws(FileWriteError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .refused(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { throw .refused(path: path, reason: "not a regular file") }
        guard info.st_uid == geteuid() else { throw .refused(path: path, reason: "owned by another user") }
        if info.st_mode & 0o077 != 0, fchmod(fd, 0o600) != 0 { throw .refused(path: path, reason: String(cString: strerror(errno))) }
    }

    /// The ledger's own key for ``addressHash(_:)``: 32 random bytes, made once.
    private static func addressKey(_ db: Database) throws -> [UInt8] {
        if let key = try Data.fetchOne(db, sql: "SELECT key FROM address_key WHERE id = 1") { return Array(key) }
        var generator = SystemRandomNumberGenerator()
        let key = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        try db.execute(sql: "INSERT INTO address_key (id, key) VALUES (1, ?)", arguments: [Data(key)])
        return key
    }

    /// One sending run at a time per ledger (`handout mail`, `deliver` and the server's "send by
    /// email"): two at once could each find a patient not yet sent. The lock is the ledger's path
    /// with `.lock`; the kernel drops it when its holder ends.
    public func sendingLock() throws(ExclusiveLock.Failure) -> ExclusiveLock {
        try ExclusiveLock(path: path + ".lock")
    }

    /// HMAC-SHA256 of the address (trimmed, lowercased) with this ledger's key, lowercase hex.
    public func addressHash(_ address: String) -> String {
        SHA256Hex.authentication(of: Data(address.trimmingCharacters(in: .whitespaces).lowercased().utf8), key: addressKey)
    }

    /// A handout's digest of what its patient reads (`HandoutFacts.readsSHA256`), keyed with this
    /// ledger's key, so the handouts of every folder made with this ledger compare.
    public func readsDigest(_ digest: String) -> String {
        SHA256Hex.authentication(of: Data(("reads " + digest).utf8), key: addressKey)
    }

    /// Records handouts made; one already recorded (same record, folder and PDF) keeps its time,
    /// and takes the facts it lacks (a handout recorded before they were).
    public func record(made handouts: [MadeHandout]) throws(LedgerError) {
        try write { db in
            var ids = LedgerIDs()
            for handout in handouts {
                let facts = handout.facts
                try db.execute(
                    sql: """
                        INSERT INTO handout (record_id, batch_id, pdf_sha256, reads_sha256, topic_id, language_id, content_version_id, made_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (record_id, batch_id, pdf_sha256) DO UPDATE SET
                            reads_sha256 = coalesce(reads_sha256, excluded.reads_sha256), topic_id = coalesce(topic_id, excluded.topic_id),
                            language_id = coalesce(language_id, excluded.language_id),
                            content_version_id = coalesce(content_version_id, excluded.content_version_id)
                        """,
                    arguments: [handout.recordID, try ids.batch(handout.batch, db), LedgerDigest.bytes(handout.pdfSHA256),
                                LedgerDigest.optionalBytes(facts.readsSHA256), try ids.optionalWord(facts.topic, db),
                                try ids.optionalWord(facts.language, db), try ids.optionalWord(facts.contentVersion, db),
                                try LedgerClock.seconds(handout.madeAt)])
            }
        }
    }

    /// Records delivery steps; one already recorded (same record, folder, channel and journal row)
    /// is left as it is, except that a known address hash fills one recorded without.
    public func record(deliveries: [Delivery]) throws(LedgerError) {
        try write { db in
            var ids = LedgerIDs()
            for delivery in deliveries {
                try db.execute(
                    sql: """
                        INSERT INTO delivery (record_id, batch_id, channel_id, source_row, pdf_sha256, status_id, reply_class_id, address_hash, at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (record_id, batch_id, channel_id, source_row)
                        DO UPDATE SET address_hash = coalesce(address_hash, excluded.address_hash)
                        """,
                    arguments: [delivery.recordID, try ids.batch(delivery.batch, db), try ids.word(delivery.channel.rawValue, db),
                                delivery.sourceRow, LedgerDigest.bytes(delivery.pdfSHA256), try ids.word(delivery.status, db),
                                try ids.word(delivery.replyClass, db), delivery.addressHash.map(LedgerDigest.bytes),
                                try LedgerClock.seconds(delivery.at)])
            }
        }
    }

    /// For each record id, the last message by SMTP that reached (or may have reached) the patient,
    /// with what its handout told: within a folder the journal's order decides (its last row wins,
    /// as for the journal itself), between folders the time.
    public func lastDeliveries(of recordIDs: some Sequence<String>) throws(LedgerError) -> [String: LastDelivery] {
        try read { db in
            var last: [String: LastDelivery] = [:]
            let statement = try db.cachedStatement(sql: """
                SELECT sent.pdf_sha256, folder, status, handout.reads_sha256 FROM (
                    SELECT delivery.pdf_sha256, status.text AS status, delivery.batch_id, max(at) OVER (PARTITION BY delivery.batch_id) AS folder_time,
                           row_number() OVER (PARTITION BY delivery.batch_id ORDER BY source_row DESC) AS latest
                    FROM delivery JOIN word AS channel ON channel.id = channel_id JOIN word AS status ON status.id = status_id
                    WHERE record_id = ?1 AND channel.text = 'smtp' AND status.text IN ('sent', 'uncertain')
                ) AS sent JOIN batch ON batch.id = sent.batch_id
                LEFT JOIN handout ON handout.record_id = ?1 AND handout.batch_id = sent.batch_id AND handout.pdf_sha256 = sent.pdf_sha256
                WHERE latest = 1 ORDER BY folder_time DESC, sent.batch_id DESC LIMIT 1
                """)
            for id in recordIDs {
                guard let row = try Row.fetchOne(statement, arguments: [id]) else { continue }
                last[id] = LastDelivery(pdfSHA256: Hex.encode(row[0] as Data), readsSHA256: (row[3] as Data?).map(Hex.encode), batch: row[1],
                                        uncertain: row[2] == "uncertain")
            }
            return last
        }
    }

    /// What was made and sent, oldest first: every handout and every delivery step recorded, for
    /// one record id or all, from a day (`YYYY-MM-DD`, UTC) on.
    public func events(recordID: String? = nil, since day: String? = nil) throws(LedgerError) -> [LedgerEvent] {
        try read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT * FROM (
                    SELECT 'made' AS kind, made_at AS at, record_id, folder, 'ok' AS status, topic.text AS topic, language.text AS language,
                           version.text AS content_version, 0 AS step, handout.batch_id, 0 AS source_row
                    FROM handout JOIN batch ON batch.id = handout.batch_id LEFT JOIN word AS topic ON topic.id = topic_id
                    LEFT JOIN word AS language ON language.id = language_id LEFT JOIN word AS version ON version.id = content_version_id
                    UNION ALL
                    SELECT status.text, at, record_id, folder, reply.text, NULL, NULL, NULL, 1, delivery.batch_id, source_row
                    FROM delivery JOIN batch ON batch.id = delivery.batch_id JOIN word AS status ON status.id = status_id
                    JOIN word AS reply ON reply.id = reply_class_id
                )
                WHERE (?1 IS NULL OR record_id = ?1) AND (?2 IS NULL OR at >= CAST(strftime('%s', ?2) AS INTEGER))
                ORDER BY at, step, batch_id, source_row, record_id
                """, arguments: [recordID, day])
            return rows.map { row in
                LedgerEvent(kind: row["kind"], at: LedgerClock.text(Date(timeIntervalSince1970: TimeInterval(row["at"] as Int64))),
                            id: row["record_id"], batch: row["folder"], status: row["status"], topic: row["topic"], language: row["language"],
                            contentVersion: row["content_version"])
            }
        }
    }

    /// The ledger at `path` as it is now (empty when there is none), copied into memory and
    /// brought to the current tables: what a dry run writes to, leaving the file as it was.
    public static func copyInMemory(of path: String) throws(LedgerError) -> Ledger {
        do {
            let memory = try DatabaseQueue()
            if FileManager.default.fileExists(atPath: path) {
                var configuration = Configuration()
                configuration.readonly = true
                try DatabaseQueue(path: path, configuration: configuration).backup(to: memory)
            }
            try LedgerSchema.migrator.migrate(memory)
            return Ledger(path: path, database: memory, addressKey: try memory.write(Self.addressKey))
        } catch {
            throw Self.failure(error, path: path, opening: true)
        }
    }

    private init(path: String, database: DatabaseQueue, addressKey: [UInt8]) {
        self.path = path
        self.database = database
        self.addressKey = addressKey
    }

    private func write(_ body: (Database) throws -> Void) throws(LedgerError) {
        do {
            try database.write(body)
        } catch {
            throw Self.failure(error, path: path, opening: false)
        }
    }

    private func read<T>(_ body: (Database) throws -> T) throws(LedgerError) -> T {
        do {
            return try database.read(body)
        } catch {
            throw Self.failure(error, path: path, opening: false)
        }
    }

    private static func failure(_ error: any Error, path: String, opening: Bool) -> LedgerError {
        guard let error = error as? DatabaseError else { return .cannotWrite(path: path, reason: "\(error)") }
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: return .busy(path: path)
        case .SQLITE_NOTADB, .SQLITE_CORRUPT: return .cannotOpen(path: path, reason: "the file is damaged or is not a ledger")
        default:
            let reason = error.message ?? "SQLite error \(error.resultCode.rawValue)"
            return opening ? .cannotOpen(path: path, reason: reason) : .cannotWrite(path: path, reason: reason)
        }
    }
}

/// The `batch` row of each folder and the `word` row of each repeated word, made when first
/// seen, remembered for one transaction.
private struct LedgerIDs {
    private var batches: [String: Int64] = [:]
    private var words: [String: Int64] = [:]

    mutating func batch(_ folder: String, _ db: Database) throws -> Int64 {
        try Self.id(of: folder, table: "batch", column: "folder", known: &batches, db)
    }

    mutating func word(_ text: String, _ db: Database) throws -> Int64 {
        try Self.id(of: text, table: "word", column: "text", known: &words, db)
    }

    /// Nil for an empty text: a fact not known (a manifest written before it was recorded).
    mutating func optionalWord(_ text: String, _ db: Database) throws -> Int64? {
        text.isEmpty ? nil : try word(text, db)
    }

    private static func id(of text: String, table: String, column: String, known: inout [String: Int64], _ db: Database) throws -> Int64 {
        if let id = known[text] { return id }
        try db.execute(sql: "INSERT OR IGNORE INTO \(table) (\(column)) VALUES (?)", arguments: [text])
        let id = try Int64.fetchOne(db, sql: "SELECT id FROM \(table) WHERE \(column) = ?", arguments: [text])!
        known[text] = id
        return id
    }
}
