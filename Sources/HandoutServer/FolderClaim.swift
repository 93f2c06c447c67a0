import Foundation
import HandoutSupport
#if canImport(Glibc)
import Glibc
#endif

/// A live server's claim on its private folder: a lock file in it, held (`flock`) for as long
/// as the server runs. A folder that no one claims was left by a server that ended without its
/// shutdown (killed, a power cut); what is in it is health data, removed when a server starts.
///
final class FolderClaim: Sendable {
    static let folderPrefix = "handout-serve-"
    static let lockName = ".server-lock"

    private let lock: ExclusiveLock

    /// Claims `folder` (already made, private), or throws when another server has it.
    init(_ folder: String) throws(ServerSetupError) {
        let path = folder + "/" + Self.lockName
        do {
            lock = try ExclusiveLock(path: path)
        } catch .held {
            throw .unreadable(path: path, reason: "another server holds this folder")
        } catch {
            throw .unreadable(path: path, reason: "cannot make the folder's lock file")
        }
    }

    /// Removes the folders under `parent` of servers that are gone: unclaimed ones, and ones
    /// without a lock file (half made, or from before these claims) unchanged for `lifetime`.
    static func removeLeftovers(in parent: String, lifetime: TimeInterval, now: Date = Date()) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? []
        for name in names where name.hasPrefix(folderPrefix) {
            let folder = parent + "/" + name
            var info = stat()
            guard lstat(folder, &info) == 0, info.st_mode & S_IFMT == S_IFDIR, info.st_uid == geteuid() else { continue }
            let lock = open(folder + "/" + lockName, O_RDWR | O_NOFOLLOW | O_CLOEXEC)
            if lock >= 0 {
                defer { close(lock) }
                // Held by a live server: its folder stays.
                guard flock(lock, LOCK_EX | LOCK_NB) == 0 else { continue }
            } else {
                let changed = Date(timeIntervalSince1970: TimeInterval(info.st_mtim.tv_sec))
                guard now.timeIntervalSince(changed) >= lifetime else { continue }
            }
            try? FileManager.default.removeItem(atPath: folder)
        }
    }
}
