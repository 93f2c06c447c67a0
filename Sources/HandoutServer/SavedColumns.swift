import Foundation
import HandoutBatch
import HandoutConfig
import HandoutSupport

/// The settings file's column mapping as the batch page uses it: what the server read at start,
/// and what "Save this mapping" has added since, both in the file (its `columns:` section,
/// edited as text: ``ColumnsEdit``) and for the next upload at once.
///
/// `@unchecked Sendable`: `saved` is read and written only while `lock` is held, which a save
/// holds from reading the file to renaming the new one over it, so two saves never lose each
/// other's lines.
final class SavedColumns: @unchecked Sendable {
    /// The settings file; nil when the server runs without one (nothing can be saved).
    let file: String?
    private let lock = NSLock()
    private var saved: [ColumnOverride]

    init(_ configuration: Configuration) {
        file = configuration.file
        saved = configuration.columns
    }

    /// The saved mapping as the column overrides of a file with `headers`: a saved spelling this
    /// file does not have is left out (the clinic's other exports are named otherwise), so the
    /// detection looks for that field as usual.
    func overrides(for headers: [String]) throws(BatchError) -> ColumnOverrides {
        let present = Set(headers.map(ColumnMap.normalize))
        return try ColumnOverride.table(lock.withLock { saved }.filter { present.contains(ColumnMap.normalize($0.header)) })
    }

    enum SaveProblem: Error, Equatable {
        case noFile
        case unreadable(String)
        case handWritten(line: Int, key: String)
        case unwritable(String)
    }

    /// Adds `entries` (field, header) to the settings file, atomically and 0600 (a temporary
    /// file in its folder renamed over it), then to the mapping of the next uploads.
    func save(_ entries: [(field: String, header: String)]) throws(SaveProblem) {
        guard let file else { throw .noFile }
        lock.lock()
        defer { lock.unlock() }
        let text: String
        do {
            text = try String(contentsOfFile: file, encoding: .utf8)
        } catch {
            throw .unreadable(error.localizedDescription)
        }
        let edited: String
        do {
            edited = try ColumnsEdit.adding(entries, to: text)
        } catch let .handWritten(line, key) {
            throw .handWritten(line: line, key: key)
        } catch {
            throw .unreadable("not YAML")
        }
        let url = URL(fileURLWithPath: file)
        do {
            try DurableFile.write(Data(edited.utf8), directory: url.deletingLastPathComponent().path, name: url.lastPathComponent)
        } catch {
            throw .unwritable(error.reason)
        }
        for entry in entries {
            guard let override = try? ColumnOverride(parsing: "\(entry.field)=\(entry.header)") else { continue }
            saved.removeAll { $0.field == override.field }
            saved.append(override)
        }
    }
}
