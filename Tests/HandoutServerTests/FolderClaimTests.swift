import Foundation
@testable import HandoutServer
import HandoutTestSupport
import Testing

/// What a server killed before its shutdown left behind (uploads, handouts: health data) is
/// removed when the next server starts; a live server's folder is not.
@Suite struct FolderClaimTests {
    let scratch = Scratch()

    private func folder(_ name: String, file: Bool = true) throws -> String {
        let path = scratch.path + "/" + name
        try FileManager.default.createDirectory(atPath: path + "/batch", withIntermediateDirectories: true)
        if file { scratch.write(name + "/batch/input.csv", "id,first_name\nP1,Ana\n") }
        return path
    }

    @Test func aStartingServerRemovesTheFoldersOfServersThatAreGone() throws {
        // A server that was killed: its lock file is there, no one holds it.
        let killed = try folder("handout-serve-killed")
        _ = try FolderClaim(killed)
        // A live server's, held for the test's length.
        let live = try folder("handout-serve-live")
        let liveClaim = try FolderClaim(live)
        // Half made (no lock file yet), just now; and one without a lock file, long unchanged.
        let fresh = try folder("handout-serve-fresh")
        let old = try folder("handout-serve-old")
        let longAgo = Date(timeIntervalSinceNow: -3600)
        try FileManager.default.setAttributes([.modificationDate: longAgo], ofItemAtPath: old)
        let unrelated = try folder("someone-else")

        let store = try BatchStore(root: scratch.path, lifetime: 900)
        let kept = Set(try FileManager.default.contentsOfDirectory(atPath: scratch.path))
        #expect(!kept.contains("handout-serve-killed"))
        #expect(!kept.contains("handout-serve-old"))
        #expect(kept.isSuperset(of: ["handout-serve-live", "handout-serve-fresh", "someone-else"]))
        #expect(kept.contains(URL(fileURLWithPath: store.root).lastPathComponent))
        #expect(FileManager.default.fileExists(atPath: live + "/batch/input.csv"))
        // The new server's own folder is claimed: another server starting now leaves it.
        #expect(throws: ServerSetupError.self) { try FolderClaim(store.root) }
        withExtendedLifetime(liveClaim) {}
        _ = (fresh, unrelated)
    }
}
