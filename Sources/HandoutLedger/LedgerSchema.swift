import GRDB

/// The ledger's tables, one named migration per change, applied in order on open. A migration
/// once released is never edited: a change is a new migration.
///
/// Since v2 a handout made and its delivery cost about 150 bytes together: digests are their first
/// 16 bytes (ample to tell one patient's handouts apart and to notice a change), times are Unix
/// seconds, batch folders and the few words that repeat (topics, languages, content versions,
/// channels, statuses, reply classes) are stored once each and named by number, and each table
/// is a `WITHOUT ROWID` table keyed by what makes a row unique, with no index beside it. v1's
/// record and options digests are not carried over: keyed per batch folder, they compared with
/// nothing in another folder (v2's reads digest does). Nothing here is a name, a date of birth or
/// an address.
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
        migrator.registerMigration("v2: what a handout tells (topic, language, content version, reads digest); smaller rows") { db in
            try db.execute(sql: """
                CREATE TABLE word (
                    id INTEGER PRIMARY KEY,
                    text TEXT NOT NULL UNIQUE
                );
                CREATE TABLE handout_v2 (
                    record_id TEXT NOT NULL,
                    batch_id INTEGER NOT NULL REFERENCES batch(id),
                    pdf_sha256 BLOB NOT NULL,
                    reads_sha256 BLOB,
                    topic_id INTEGER REFERENCES word(id),
                    language_id INTEGER REFERENCES word(id),
                    content_version_id INTEGER REFERENCES word(id),
                    made_at INTEGER NOT NULL,
                    PRIMARY KEY (record_id, batch_id, pdf_sha256)
                ) WITHOUT ROWID;
                CREATE TABLE delivery_v2 (
                    record_id TEXT NOT NULL,
                    batch_id INTEGER NOT NULL REFERENCES batch(id),
                    channel_id INTEGER NOT NULL REFERENCES word(id),
                    source_row INTEGER NOT NULL,
                    pdf_sha256 BLOB NOT NULL,
                    status_id INTEGER NOT NULL REFERENCES word(id),
                    reply_class_id INTEGER NOT NULL REFERENCES word(id),
                    address_hash BLOB,
                    at INTEGER NOT NULL,
                    PRIMARY KEY (record_id, batch_id, channel_id, source_row)
                ) WITHOUT ROWID;
                INSERT INTO word (text) SELECT channel FROM delivery UNION SELECT status FROM delivery UNION SELECT reply_class FROM delivery;
                INSERT INTO handout_v2 (record_id, batch_id, pdf_sha256, made_at)
                    SELECT record_id, batch_id, substr(pdf_sha256, 1, 16), CAST(strftime('%s', made_at) AS INTEGER) FROM handout;
                INSERT INTO delivery_v2
                    SELECT record_id, batch_id, (SELECT id FROM word WHERE text = channel), source_row, substr(pdf_sha256, 1, 16),
                           (SELECT id FROM word WHERE text = status), (SELECT id FROM word WHERE text = reply_class),
                           substr(address_hash, 1, 16), CAST(strftime('%s', at) AS INTEGER)
                    FROM delivery;
                DROP TABLE handout;
                DROP TABLE delivery;
                ALTER TABLE handout_v2 RENAME TO handout;
                ALTER TABLE delivery_v2 RENAME TO delivery;
                """)
        }
        return migrator
    }
}
