import Foundation
import HandoutMail
import HandoutSupport

/// What the server keeps of a finished batch beside its files (`batch.json`, 0600): who ran it,
/// when, its counts and the columns it ran with, so the next server lists it, mails from it with
/// the same columns and removes it on time. Staff names, counts and column headers only: never a
/// value of a row. A folder without one never finished, and is removed.
struct BatchRecord: Codable, Equatable, Sendable {
    static let fileName = "batch.json"

    var id: String
    /// The signed-in user who uploaded it; nil without sign-in.
    var user: String?
    /// When it was uploaded (its keeping counts from then).
    var made: Date
    var produced: Int
    var failed: Int
    var total: Int
    /// Patients this batch's journal has as sent.
    var emailed: Int
    /// The folder's size, for the cap on what the server keeps.
    var bytes: Int64
    var headers: [String]
    var fields: [String?]

    static func read(_ folder: BatchFolder) -> BatchRecord? {
        guard let data = FileManager.default.contents(atPath: "\(folder.path)/\(fileName)") else { return nil }
        return try? decoder.decode(BatchRecord.self, from: data)
    }

    func write(to folder: BatchFolder) throws {
        try DurableFile.write(try Self.encoder.encode(self), directory: folder.path, name: Self.fileName)
    }

    /// The patients the folder's `mail-journal.csv` has as sent (none when there is none yet).
    static func emailed(in folder: BatchFolder) -> Int {
        let journal = URL(fileURLWithPath: folder.output).appendingPathComponent("mail-journal.csv")
        let entries = (try? MailJournal.read(url: journal)) ?? []
        return Set(entries.filter { $0.status == .sent }.map(\.id)).count
    }

    /// Every file's size under the folder.
    static func size(of folder: BatchFolder) -> Int64 {
        let enumerator = FileManager.default.enumerator(at: URL(fileURLWithPath: folder.path), includingPropertiesForKeys: [.fileSizeKey])
        var total: Int64 = 0
        while let url = enumerator?.nextObject() as? URL {
            total += Int64((try? url.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0)
        }
        return total
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    private static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()
}
