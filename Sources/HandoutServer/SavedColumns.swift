import Foundation
import HandoutBatch
import HandoutConfig
import HandoutCore
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
    private var saved: ColumnSpellings

    init(_ configuration: Configuration) {
        file = configuration.file
        saved = configuration.columns
    }

    /// The saved mapping as column overrides: the clinic's spellings, tried before the built-in
    /// ones; one this file does not have is no error (the clinic's other exports are named
    /// otherwise), the detection looks for that field as usual.
    func overrides() -> ColumnOverrides {
        var overrides = ColumnOverrides()
        overrides.spellings = lock.withLock { saved }
        return overrides
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
            if entry.field == "name", !saved.fullName.contains(entry.header) {
                saved.fullName.append(entry.header)
            } else if let field = PatientField(flatName: entry.field), !saved.fields[field, default: []].contains(entry.header) {
                saved.fields[field, default: []].append(entry.header)
            }
        }
    }
}
