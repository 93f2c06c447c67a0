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
/// It holds record ids, digests, statuses, times and batch folders, never a name, birth date or
/// address: an address appears only as ``addressHash(_:)``, keyed by a random key kept in the
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

    /// Records handouts made; one already recorded (same record, folder and PDF) is left as it is.
    public func record(made handouts: [MadeHandout]) throws(LedgerError) {
        try write { db in
            var batches = BatchIDs()
            for handout in handouts {
                try db.execute(
                    sql: """
                        INSERT OR IGNORE INTO handout (record_id, batch_id, pdf_sha256, record_sha256, options_sha256, made_at)
                        VALUES (?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [handout.recordID, try batches.id(of: handout.batch, db), DigestBytes.of(handout.pdfSHA256),
                                DigestBytes.of(handout.recordSHA256), DigestBytes.of(handout.optionsSHA256), handout.madeAt])
            }
        }
    }

    /// Records delivery steps; one already recorded (same record, folder, channel and journal row)
    /// is left as it is, except that a known address hash fills one recorded without.
    public func record(deliveries: [Delivery]) throws(LedgerError) {
        try write { db in
            var batches = BatchIDs()
            for delivery in deliveries {
                try db.execute(
                    sql: """
                        INSERT INTO delivery (record_id, batch_id, pdf_sha256, channel, status, reply_class, address_hash, source_row, at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (record_id, batch_id, channel, source_row)
                        DO UPDATE SET address_hash = coalesce(address_hash, excluded.address_hash)
                        """,
                    arguments: [delivery.recordID, try batches.id(of: delivery.batch, db), DigestBytes.of(delivery.pdfSHA256),
                                delivery.channel.rawValue, delivery.status, delivery.replyClass,
                                delivery.addressHash.map(DigestBytes.of), delivery.sourceRow, delivery.at])
            }
        }
    }

    /// For each record id, the last message by SMTP that reached (or may have reached) the patient:
    /// within a folder the journal's order decides (its last row wins, as for the journal itself),
    /// between folders the time.
    public func lastDeliveries(of recordIDs: some Sequence<String>) throws(LedgerError) -> [String: LastDelivery] {
        try read { db in
            var last: [String: LastDelivery] = [:]
            let statement = try db.cachedStatement(sql: """
                SELECT pdf_sha256, folder, status FROM (
                    SELECT pdf_sha256, status, batch_id, max(at) OVER (PARTITION BY batch_id) AS folder_time,
                           row_number() OVER (PARTITION BY batch_id ORDER BY source_row DESC) AS latest
                    FROM delivery WHERE record_id = ? AND channel = 'smtp' AND status IN ('sent', 'uncertain')
                ) JOIN batch ON batch.id = batch_id
                WHERE latest = 1 ORDER BY folder_time DESC, batch_id DESC LIMIT 1
                """)
            for id in recordIDs {
                guard let row = try Row.fetchOne(statement, arguments: [id]) else { continue }
                last[id] = LastDelivery(pdfSHA256: Hex.encode(row[0] as Data), batch: row[1], uncertain: row[2] == "uncertain")
            }
            return last
        }
    }

    /// What was made and sent, oldest first: every handout and every delivery step recorded, for
    /// one record id or all, from a day (`YYYY-MM-DD`) on.
    public func events(recordID: String? = nil, since day: String? = nil) throws(LedgerError) -> [LedgerEvent] {
        try read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT * FROM (
                    SELECT 'made' AS kind, made_at AS at, record_id, folder, 'ok' AS status, 0 AS step, handout.id AS n
                    FROM handout JOIN batch ON batch.id = handout.batch_id
                    UNION ALL
                    SELECT status, at, record_id, folder, reply_class, 1, delivery.id
                    FROM delivery JOIN batch ON batch.id = delivery.batch_id
                )
                WHERE (?1 IS NULL OR record_id = ?1) AND (?2 IS NULL OR at >= ?2)
                ORDER BY at, step, n
                """, arguments: [recordID, day])
            return rows.map { LedgerEvent(kind: $0["kind"], at: $0["at"], id: $0["record_id"], batch: $0["folder"], status: $0["status"]) }
        }
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

/// The `batch` row of each folder, made when first seen, remembered for one transaction.
private struct BatchIDs {
    private var known: [String: Int64] = [:]

    mutating func id(of folder: String, _ db: Database) throws -> Int64 {
        if let id = known[folder] { return id }
        try db.execute(sql: "INSERT OR IGNORE INTO batch (folder) VALUES (?)", arguments: [folder])
        let id = try Int64.fetchOne(db, sql: "SELECT id FROM batch WHERE folder = ?", arguments: [folder])!
        known[folder] = id
        return id
    }
}

/// A lowercase-hex digest as the bytes the ledger stores (half the size of the text).
enum DigestBytes {
    static func of(_ hex: String) -> Data {
        var bytes = Data(capacity: hex.utf8.count / 2)
        var high: UInt8?
        for character in hex.utf8 {
            guard let nibble = value(of: character) else { continue }
            if let first = high {
                bytes.append(first << 4 | nibble)
                high = nil
            } else {
                high = nibble
            }
        }
        return bytes
    }

    private static func value(of character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): character - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): character - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
