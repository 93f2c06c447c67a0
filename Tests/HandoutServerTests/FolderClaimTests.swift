import Foundation
@testable import HandoutServer
import HandoutTestSupport
import Testing

/// What a server killed before its shutdown left in its data folder: an upload or a run that never
/// finished (health data) is removed when the next server starts, a finished batch is kept and
/// listed again; a second server on the same folder does not start.
@Suite struct FolderClaimTests {
    let scratch = Scratch()

    private func batch(_ id: String, finished: Bool) throws -> BatchFolder {
        let folder = BatchFolder(path: scratch.path + "/" + id)
        try FileManager.default.createDirectory(atPath: folder.output, withIntermediateDirectories: true)
        scratch.write(id + "/" + BatchFolder.inputName, "id,first_name\nP1,Ana\n")
        if finished {
            try BatchRecord(id: id, user: "nurse", made: Date(), produced: 1, failed: 0, total: 1, emailed: 0, bytes: 100,
                            headers: ["id", "first_name"], fields: ["id", "givenName"]).write(to: folder)
        }
        return folder
    }

    @Test func aStartingServerRemovesWhatNeverFinishedAndKeepsTheFinishedBatches() throws {
        let finished = try batch(Token.make(), finished: true)
        let unfinished = try batch(Token.make(), finished: false)
        let unrelated = scratch.path + "/someone-else"
        try FileManager.default.createDirectory(atPath: unrelated, withIntermediateDirectories: true)

        let store = try BatchStore(root: scratch.path, lifetime: 900, keep: 86_400, maximumBatches: 10, maximumBytes: 1_000_000)
        #expect(FileManager.default.fileExists(atPath: finished.input))
        #expect(!FileManager.default.fileExists(atPath: unfinished.path))
        #expect(FileManager.default.fileExists(atPath: unrelated))
        #expect(store.kept.map(\.id) == [URL(fileURLWithPath: finished.path).lastPathComponent])
        #expect(store.kept.first?.user == "nurse")
        // The folder is claimed: another server starting on it now stops.
        #expect(throws: ServerSetupError.self) {
            try BatchStore(root: scratch.path, lifetime: 900, keep: 86_400, maximumBatches: 10, maximumBytes: 1_000_000)
        }
    }

    @Test func anUploadIsRefusedPastTheCapOnKeptBatches() throws {
        _ = try batch(Token.make(), finished: true)
        let store = try BatchStore(root: scratch.path, lifetime: 900, keep: 86_400, maximumBatches: 1, maximumBytes: 1_000_000)
        #expect(throws: BatchStore.Full.batches(1)) { try store.checkRoom() }
        let roomy = Scratch()
        let other = try BatchStore(root: roomy.path, lifetime: 900, keep: 86_400, maximumBatches: 1, maximumBytes: 1_000_000)
        #expect(throws: Never.self) { try other.checkRoom() }
    }

    @Test func aBatchIDThatIsNoTokenIsNeverLookedUp() {
        #expect(Token.isValid(Token.make()))
        #expect(!Token.isValid("../" + Token.make().dropFirst(3)))
        #expect(!Token.isValid(Token.make().uppercased()))
        #expect(!Token.isValid(""))
    }
}
