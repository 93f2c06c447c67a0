import Foundation
import HandoutSupport

/// The batches, each in a folder of its own under one private (0700) folder made for this
/// server: removed once downloaded, after `lifetime` unused, and all of it at shutdown; what a
/// server that did not shut down left behind is removed when the next one starts (``FolderClaim``).
///
/// `@unchecked Sendable`: `jobs` is read and written only while `lock` is held.
final class BatchStore: @unchecked Sendable {
    let root: String
    let lifetime: TimeInterval
    /// Held for the server's life: a server starting meanwhile leaves this folder alone.
    private let claim: FolderClaim
    private let lock = NSLock()
    private var jobs: [String: BatchJob] = [:]

    let clock: ServerClock

    init(root parent: String, lifetime: TimeInterval, clock: ServerClock = .system) throws {
        FolderClaim.removeLeftovers(in: parent, lifetime: lifetime)
        let root = URL(fileURLWithPath: parent).appendingPathComponent(FolderClaim.folderPrefix + Token.make().prefix(16)).path
        do {
            try PrivateDirectory.prepare(root)
        } catch {
            throw ServerSetupError.unreadable(path: root, reason: "cannot make the private folder for uploads (\(error.reason))")
        }
        claim = try FolderClaim(root)
        self.root = root
        self.lifetime = lifetime
        self.clock = clock
    }

    /// A new private folder for an upload.
    func makeFolder() throws -> (id: String, folder: BatchFolder) {
        let id = Token.make()
        let folder = BatchFolder(path: "\(root)/\(id)")
        try PrivateDirectory.prepare(folder.path)
        return (id, folder)
    }

    func add(_ job: BatchJob) {
        lock.withLock { jobs[job.id] = job }
    }

    /// The batch, for the session that uploaded it only.
    func job(_ id: String, session: String) -> BatchJob? {
        lock.withLock { jobs[id] }.flatMap { $0.session == session ? $0 : nil }
    }

    func remove(_ job: BatchJob) {
        forget(job)
        removeFolder(job.folder)
    }

    /// No longer listed (its folder goes when its download ends).
    func forget(_ job: BatchJob) {
        lock.withLock { jobs[job.id] = nil }
    }

    func removeFolder(_ folder: BatchFolder) {
        try? FileManager.default.removeItem(atPath: folder.path)
    }

    /// Removes every batch unused for `lifetime`. (A refused upload's folder is removed by its
    /// route at once.)
    func sweep() {
        let now = clock.now()
        let stale = lock.withLock { jobs.values.filter { $0.isStale(lifetime, now: now) } }
        for job in stale { remove(job) }
    }

    /// Everything, at shutdown (once no batch runs or sends).
    func removeAll() {
        lock.withLock { jobs.removeAll() }
        try? FileManager.default.removeItem(atPath: root)
    }
}
