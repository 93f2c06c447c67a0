import Foundation

/// Why the ledger could not be used. Names the file and SQLite's reason, never a record's value
/// (the ledger holds none).
public enum LedgerError: Error, LocalizedError, Equatable, Sendable {
    /// The file could not be created or opened, or is not a ledger (damaged, or another file).
    case cannotOpen(path: String, reason: String)
    /// Another run holds the ledger longer than the busy timeout.
    case busy(path: String)
    case cannotWrite(path: String, reason: String)
    case cannotRead(path: String, reason: String)
    /// A batch folder's manifest or mail journal could not be read into the ledger.
    case cannotImport(path: String, reason: String)

    public var errorDescription: String? {
        switch self {
        case let .cannotOpen(path, reason):
            "Cannot open the ledger '\(path)': \(reason). Give another file with --ledger or the ledger: setting, or move this one aside; the batch folders' manifests and mail journals are kept and fill a new ledger."
        case let .busy(path):
            "The ledger '\(path)' is in use by another handout run; wait for it to finish and run the same command again."
        case let .cannotWrite(path, reason):
            "Cannot write the ledger '\(path)': \(reason). Free disk space or fix permissions, then run the same command again: it catches up from the batch folder."
        case let .cannotRead(path, reason):
            "Cannot read the ledger '\(path)': \(reason)."
        case let .cannotImport(path, reason):
            "Cannot read '\(path)' into the ledger: \(reason)."
        }
    }
}
