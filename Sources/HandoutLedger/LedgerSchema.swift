import GRDB

/// The ledger's tables, one named migration per change, applied in order on open. A migration
/// once released is never edited: a change is a new migration.
///
/// Digests are stored as 32-byte BLOBs and batch folders once each (`batch`), so a handout costs
/// about 200 bytes; nothing here is a name, a date of birth or an address.
enum LedgerSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: batches, handouts, deliveries, address key") { db in
            try db.execute(sql: """
                CREATE TABLE address_key (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    key BLOB NOT NULL
                );
                CREATE TABLE batch (
                    id INTEGER PRIMARY KEY,
                    folder TEXT NOT NULL UNIQUE
                );
                CREATE TABLE handout (
                    id INTEGER PRIMARY KEY,
                    record_id TEXT NOT NULL,
                    batch_id INTEGER NOT NULL REFERENCES batch(id),
                    pdf_sha256 BLOB NOT NULL,
                    record_sha256 BLOB NOT NULL,
                    options_sha256 BLOB NOT NULL,
                    made_at TEXT NOT NULL,
                    UNIQUE (record_id, batch_id, pdf_sha256)
                );
                CREATE TABLE delivery (
                    id INTEGER PRIMARY KEY,
                    record_id TEXT NOT NULL,
                    batch_id INTEGER NOT NULL REFERENCES batch(id),
                    pdf_sha256 BLOB NOT NULL,
                    channel TEXT NOT NULL CHECK (channel IN ('smtp', 'outbox')),
                    status TEXT NOT NULL,
                    reply_class TEXT NOT NULL,
                    address_hash BLOB,
                    source_row INTEGER NOT NULL,
                    at TEXT NOT NULL,
                    UNIQUE (record_id, batch_id, channel, source_row)
                );
                """)
        }
        return migrator
    }
}
