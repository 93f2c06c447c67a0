import Foundation
import GRDB

/// What `handout ledger check` finds in a ledger file: SQLite's own integrity check, and what
/// can still be read of it (how many batch folders, handouts and deliveries). Opened read-only:
/// a check never changes the file it looks at.
public struct LedgerCheck: Sendable, Equatable {
    /// SQLite's problems, none when the file is whole (at most `maximumProblems`).
    public var problems: [String]
    /// Rows still readable by table (`batch`, `handout`, `delivery`); a table that cannot be read
    /// is missing.
    public var readable: [String: Int]

    static let maximumProblems = 10
    public static let tables = ["batch", "handout", "delivery"]

    public var isWhole: Bool { problems.isEmpty && readable.count == Self.tables.count }

    /// Checks the ledger at `path`; throws only when there is no such file, or SQLite cannot
    /// open it at all (a file that is no database is damaged, as far as the check goes).
    public init(path: String) throws(LedgerError) {
        guard FileManager.default.fileExists(atPath: path) else { throw .cannotOpen(path: path, reason: "there is no such file") }
        var configuration = Configuration()
        configuration.readonly = true
        let database: DatabaseQueue
        do {
            database = try DatabaseQueue(path: path, configuration: configuration)
        } catch {
            throw .cannotOpen(path: path, reason: Self.words(error))
        }
        do {
            problems = try database.read { db in
                try String.fetchAll(db, sql: "PRAGMA integrity_check(\(Self.maximumProblems))").filter { $0 != "ok" }
            }
        } catch {
            problems = [Self.words(error)]
        }
        var readable: [String: Int] = [:]
        for table in Self.tables {
            readable[table] = try? database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") }
        }
        self.readable = readable
    }

    private static func words(_ error: any Error) -> String {
        (error as? DatabaseError)?.message ?? "\(error)"
    }
}
