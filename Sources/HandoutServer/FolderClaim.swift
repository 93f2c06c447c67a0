import HandoutSupport

/// A live server's claim on its data folder: a lock file in it, held (`flock`) for as long as the
/// server runs, so a second server on the same folder stops at its start instead of removing
/// the first one's uploads as unfinished. The kernel drops the lock when the server ends, even
/// killed.
final class FolderClaim: Sendable {
    static let lockName = ".server-lock"

    private let lock: ExclusiveLock

    /// Claims `folder` (already made, private), or throws when another server has it.
    init(_ folder: String) throws(ServerSetupError) {
        let path = folder + "/" + Self.lockName
        do {
            lock = try ExclusiveLock(path: path)
        } catch .held {
            throw .unreadable(path: folder, reason: "another handout serve keeps its batches in this folder; give this one another (--batches-dir)")
        } catch {
            throw .unreadable(path: path, reason: "cannot make the folder's lock file")
        }
    }
}
