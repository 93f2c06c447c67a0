import Foundation
import HandoutSupport

/// The batches, each in a folder of its own under the data folder (`handout-batches` beside the
/// ledger unless set; 0700, its files 0600). A finished batch is kept `keep` after it was made,
/// for any signed-in staff member to download again, print again or resend from, then removed
/// with its PDFs (the ledger keeps what was made and sent); an upload not started is removed after
/// `lifetime` unused. What a server left unfinished (killed, a power cut) is removed when the next
/// one starts, the finished batches listed again. One server per data folder (``FolderClaim``).
///
/// `@unchecked Sendable`: `jobs` is read and written only while `lock` is held.
final class BatchStore: @unchecked Sendable {
    /// Why an upload is refused before it is written.
    enum Full: Error, Equatable {
        case batches(Int)
        case bytes(Int64)
    }

    let root: String
    let lifetime: TimeInterval
    let keep: TimeInterval
    let maximumBatches: Int
    let maximumBytes: Int64
    /// Held for the server's life: a second server on the same folder does not start.
    private let claim: FolderClaim
    private let lock = NSLock()
    private var jobs: [String: BatchJob] = [:]

    let clock: ServerClock

    /// The folders a sweep removes at most: the rest wait for the next one, so no sweep holds the
    /// file threads long.
    static let sweepLimit = 20

    init(root folder: String, lifetime: TimeInterval, keep: TimeInterval, maximumBatches: Int, maximumBytes: Int64, clock: ServerClock = .system) throws {
        // As the ledger names its batch folders: the lookup finds a kept batch by its path.
        let root = URL(fileURLWithPath: folder).standardizedFileURL.path
        do {
            try PrivateDirectory.prepare(root)
        } catch {
            throw ServerSetupError.unreadable(path: root, reason: "cannot make the private folder for batches (\(error.reason))")
        }
        claim = try FolderClaim(root)
        self.root = root
        self.lifetime = lifetime
        self.keep = keep
        self.maximumBatches = maximumBatches
        self.maximumBytes = maximumBytes
        self.clock = clock
        restore()
    }

    /// The finished batches a server before this one kept; every other folder named as a batch
    /// (an upload or a run that never finished) is removed.
    private func restore() {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        for name in names where Token.isValid(name) {
            let folder = BatchFolder(path: "\(root)/\(name)")
            if let record = BatchRecord.read(folder), record.id == name {
                add(BatchJob(restoring: record, folder: folder, clock: clock))
            } else {
                removeFolder(folder)
            }
        }
        sweep()
    }

    /// Throws when the kept batches already reach the cap on their number or their size.
    func checkRoom() throws(Full) {
        let kept = self.kept
        if kept.count >= maximumBatches { throw .batches(maximumBatches) }
        if kept.reduce(0, { $0 + $1.bytes }) >= maximumBytes { throw .bytes(maximumBytes) }
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

    /// The batch: a finished one for every session (staff share what the server keeps), one
    /// being checked or run for the session that uploaded it only.
    func job(_ id: String, session: String) -> BatchJob? {
        guard Token.isValid(id), let job = lock.withLock({ jobs[id] }) else { return nil }
        if case .finished = job.current { return job }
        return job.session == session ? job : nil
    }

    /// The finished batches, the newest first.
    var kept: [BatchJob] {
        lock.withLock { Array(jobs.values) }.filter {
            if case .finished = $0.current { return true }
            return false
        }.sorted { ($0.made, $0.id) > ($1.made, $1.id) }
    }

    func remove(_ job: BatchJob) {
        lock.withLock { jobs[job.id] = nil }
        removeFolder(job.folder)
    }

    func removeFolder(_ folder: BatchFolder) {
        try? FileManager.default.removeItem(atPath: folder.path)
    }

    /// Removes finished batches past their keeping and uploads unused for `lifetime`, at most
    /// ``sweepLimit`` of them. (A refused upload's folder is removed by its route at once.)
    func sweep() {
        let now = clock.now()
        let gone = lock.withLock { jobs.values.filter { $0.isExpired(now: now, keep: keep, unstarted: lifetime) } }
        for job in gone.prefix(Self.sweepLimit) { remove(job) }
    }

    /// At shutdown (once no batch runs or sends): the uploads that did not finish. The finished
    /// batches stay for the next server.
    func removeUnfinished() {
        let unfinished = lock.withLock { jobs.values.filter { if case .finished = $0.current { return false } else { return true } } }
        for job in unfinished { remove(job) }
    }
}
