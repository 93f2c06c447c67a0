import Foundation
import HandoutCore
import HandoutFiles

/// What a run is asked to do (the `handout batch` flags, resolved).
public struct BatchOptions: Sendable {
    public var input: String
    public var outputDirectory: String
    public var jobs: Int
    /// `K/M`: this run takes the records whose index (0-based, blank lines not counted) is K mod M.
    public var shard: (index: Int, count: Int)
    public var limit: Int?
    public var resume: Bool
    public var columnOverrides: [String: String]
    public var dateFormat: DateFormat?
    /// Birth dates after this day are refused.
    public var today: CalendarDate
    public var progress: Bool

    public init(input: String, outputDirectory: String, jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
                shard: (index: Int, count: Int) = (0, 1), limit: Int? = nil, resume: Bool = false,
                columnOverrides: [String: String] = [:], dateFormat: DateFormat? = nil,
                today: CalendarDate = CalendarDate(Date()), progress: Bool = isatty(STDERR_FILENO) == 1) {
        self.input = input
        self.outputDirectory = outputDirectory
        self.jobs = jobs
        self.shard = shard
        self.limit = limit
        self.resume = resume
        self.columnOverrides = columnOverrides
        self.dateFormat = dateFormat
        self.today = today
        self.progress = progress
    }

    /// `manifest.csv`, or `manifest-K-of-M.csv` for a shard (shards may share a directory).
    public var manifestName: String {
        shard.count > 1 ? "manifest-\(shard.index)-of-\(shard.count).csv" : "manifest.csv"
    }

    /// Parses `K/M`.
    public static func parseShard(_ text: String) throws(BatchError) -> (index: Int, count: Int) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0].trimmingCharacters(in: .whitespaces)),
              let m = Int(parts[1].trimmingCharacters(in: .whitespaces)), m >= 1, k >= 0, k < m else {
            throw .badShard(text)
        }
        return (k, m)
    }
}

public struct BatchSummary: Sendable, Equatable {
    public var produced = 0
    public var failed = 0
    public var skipped = 0
    /// Records an earlier run had done that were made again, by why (counted among `produced`).
    public var redone: [RedoReason: Int] = [:]
    public var seconds: Double = 0
    /// Set when the run stopped early (the manifest could not be written).
    public var abortReason: String?

    public init() {}

    /// 0: every record done; 1: some failed (the others are done).
    public var exitCode: Int32 { failed > 0 || abortReason != nil ? 1 : 0 }

    public var line: String {
        let rate = seconds > 0 ? Double(produced) / seconds : 0
        let line = "\(produced) handouts, \(failed) failed, \(skipped) skipped in \(String(format: "%.1f", seconds)) s (\(String(format: "%.1f", rate))/s)"
        let reasons = RedoReason.allCases.compactMap { reason in redone[reason].map { reason.counted($0) } }
        return reasons.isEmpty ? line : "\(line); \(redone.values.reduce(0, +)) redone: \(reasons.joined(separator: ", "))"
    }
}

/// Why `--resume` made again a record that an earlier run had done, in the order they are checked.
public enum RedoReason: Sendable, CaseIterable {
    /// The PDF is missing, or is not the one the manifest recorded.
    case file
    /// The manifest row records no source digests (written by an older version).
    case unrecorded
    /// The record's fields changed.
    case record
    /// The options or content that shape the handout changed.
    case options

    /// "2 changed records".
    func counted(_ count: Int) -> String {
        switch self {
        case .file: return "\(count) missing or altered \(count == 1 ? "file" : "files")"
        case .unrecorded: return "\(count) from an older manifest"
        case .record: return "\(count) changed \(count == 1 ? "record" : "records")"
        case .options: return "\(count) changed options"
        }
    }
}

/// The batch engine: one reader (this thread) streams records, validates them and checks ids;
/// a bounded queue feeds N worker threads, each with its own producer; every finished record
/// is appended to the manifest at once.
public final class BatchRunner {
    public let options: BatchOptions
    private let makeProducer: @Sendable () throws -> any HandoutProducing
    private let optionsDigest: @Sendable (PatientProfile) -> String?
    private let log: @Sendable (String) -> Void

    /// `optionsDigest`: the `SourceDigests.options` of a patient's handout, called on the
    /// reading thread (never by a producer).
    public init(options: BatchOptions, makeProducer: @escaping @Sendable () throws -> any HandoutProducing,
                optionsDigest: @escaping @Sendable (PatientProfile) -> String?,
                log: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }) {
        self.options = options
        self.makeProducer = makeProducer
        self.optionsDigest = optionsDigest
        self.log = log
    }

    struct Job: Sendable {
        var line: Int
        var id: String
        var patient: PatientProfile
        var file: String
        var source: SourceDigests
        var previous: DoneRecord?

        /// The manifest row of this record with its PDF on disk.
        func done(_ status: ManifestEntry.Status, pages: Int, bytes: Int, sha256: String) -> ManifestEntry {
            ManifestEntry(id: id, line: line, status: status, file: file, pages: pages, bytes: bytes, sha256: sha256,
                          recordSHA256: source.record, optionsSHA256: source.options ?? "")
        }
    }

    /// Runs the batch. Throws (exit 2) only before any record is processed.
    public func run() throws(BatchError) -> BatchSummary {
        let start = Date()
        let options = self.options
        guard options.shard.count >= 1, options.shard.index >= 0, options.shard.index < options.shard.count else {
            throw .badShard("\(options.shard.index)/\(options.shard.count)")
        }
        let sourceName = (options.input as NSString).lastPathComponent

        // 1. The input: readable, UTF-8, with the columns we need.
        let source = try RecordSources.open(path: options.input)
        let ndjson = source.headers == nil
        let totalRecords = try InputScan.scan(path: options.input, ndjson: ndjson)
        let map = try source.headers.map { headers throws(BatchError) in
            try ColumnMap(headers: headers, overrides: options.columnOverrides, source: options.input)
        }
        let builder = RecordBuilder(map: map, dateFormat: options.dateFormat, sourceName: sourceName, today: options.today)
        let idColumn = map?.header(of: "id") ?? "id"

        // 2. The output directory, and what a previous run recorded.
        let directory = options.outputDirectory
        try Self.prepareDirectory(directory)
        let resumeKey: ResumeKey
        do {
            resumeKey = try ResumeKey(directory: directory)
        } catch {
            throw .outputDirectory(path: directory, reason: error.reason)
        }
        let manifestPath = "\(directory)/\(options.manifestName)"
        var previous: [Int: DoneRecord] = [:]
        if options.resume, FileManager.default.fileExists(atPath: manifestPath) {
            let format = try ManifestReader.scan(path: manifestPath) { entry in
                // The last row for a line wins: a later `failed` undoes an earlier `ok`.
                previous[entry.line] = DoneRecord(entry)
            }
            // New rows are appended under the current header.
            if format != .current { try ManifestReader.compact(path: manifestPath) }
        }
        let tempTag = "\(options.shard.index)of\(options.shard.count)"
        DurableFile.removeStaleTemporaries(in: directory, tag: tempTag)

        // 3. Workers, each creating its producer on its own thread.
        var expected = max(totalRecords - options.shard.index + options.shard.count - 1, 0) / options.shard.count
        if let limit = options.limit { expected = min(expected, limit) }
        let progress = ProgressReporter(total: expected, enabled: options.progress)
        let jobs = max(1, options.jobs)
        let queue = BoundedQueue<Job>(capacity: jobs * 4)
        let gate = StartupGate(count: jobs)
        let state = RunState(progress: progress, sourceName: sourceName, log: log)
        let group = DispatchGroup()
        let makeProducer = self.makeProducer
        for number in 0..<jobs {
            group.enter()
            let thread = Thread {
                defer { group.leave() }
                let producer: any HandoutProducing
                do {
                    producer = try makeProducer()
                } catch {
                    gate.report((error as? LocalizedError)?.errorDescription ?? "\(type(of: error))")
                    return
                }
                gate.report(nil)
                while let job = queue.pop() {
                    let (entry, redone) = Self.process(job, producer: producer, builder: builder, directory: directory, tempTag: tempTag)
                    state.record(entry, redone: redone)
                }
            }
            thread.name = "handout-batch-\(number)"
            thread.stackSize = 8 << 20
            thread.start()
        }
        if let failure = gate.wait() {
            queue.close()
            group.wait()
            throw .rendererUnavailable(failure)
        }

        // 4. The manifest, then the records.
        do {
            state.manifest = try ManifestWriter(path: manifestPath, append: options.resume)
        } catch {
            queue.close()
            group.wait()
            throw .outputDirectory(path: directory, reason: error.errorDescription ?? "cannot write the manifest")
        }
        var seen: [String: Int] = [:]
        var index = 0
        var taken = 0
        var readError: BatchError?
        reading: while !state.aborted {
            let record: SourceRecord
            do {
                guard let next = try source.next() else { break reading }
                record = next
            } catch {
                readError = error
                break reading
            }
            let mine = index % options.shard.count == options.shard.index
            index += 1
            if !mine {
                // Other shards' records still count for duplicate detection.
                if let id = builder.decode(record).id, seen[SafeFileName.collisionKey(id)] == nil {
                    seen[SafeFileName.collisionKey(id)] = record.line
                }
                continue
            }
            if let limit = options.limit, taken >= limit { break reading }
            taken += 1
            let decoded = builder.decode(record)
            if case let .failure(failure) = decoded.fields, decoded.id == nil {
                state.fail(id: "", line: record.line, failure.message)
                continue
            }
            guard let id = decoded.id else {
                state.fail(id: "", line: record.line, RowFailure(column: idColumn, problem: "is empty; a value is required", isJSONField: ndjson).message)
                continue
            }
            // An id that cannot be a file name is not shown either: a stray quote can make it
            // the text of whole rows (names, birth dates).
            if let problem = SafeFileName.problem(with: id) {
                state.fail(id: "", line: record.line, RowFailure(column: idColumn, problem: problem, isJSONField: ndjson).message)
                continue
            }
            let key = SafeFileName.collisionKey(id)
            if let first = seen[key] {
                state.fail(id: id, line: record.line, RowFailure(column: idColumn, problem: "is a duplicate of line \(first)", isJSONField: ndjson).message)
                continue
            }
            seen[key] = record.line
            let patient: PatientProfile
            do {
                patient = try builder.profile(decoded, line: record.line)
            } catch {
                Self.removeStale(SafeFileName.pdfName(for: id), in: directory)
                state.fail(id: id, line: record.line, error.message)
                continue
            }
            let file = SafeFileName.pdfName(for: id)
            let earlier = previous.removeValue(forKey: record.line).flatMap { $0.id == id ? $0 : nil }
            let source = resumeKey.seal(SourceDigests(record: SourceDigest.of(patient), options: optionsDigest(patient)))
            queue.push(Job(line: record.line, id: id, patient: patient, file: file, source: source, previous: earlier))
        }
        queue.close()
        group.wait()
        progress.finish()
        try? state.manifest?.sync()
        DurableFile.syncDirectory(directory)
        if options.resume && !state.aborted {
            try? ManifestReader.compact(path: manifestPath)
        }
        var summary = state.summary
        summary.seconds = Date().timeIntervalSince(start)
        if let readError { summary.abortReason = readError.errorDescription }
        if let reason = state.abortReason { summary.abortReason = reason }
        return summary
    }

    /// One record on a worker thread: skip it (resume, file intact, same source), or make it;
    /// with why it was made again when an earlier run had done it.
    static func process(_ job: Job, producer: any HandoutProducing, builder: RecordBuilder, directory: String,
                        tempTag: String) -> (entry: ManifestEntry, redone: RedoReason?) {
        guard let earlier = job.previous else {
            return (make(job, producer: producer, builder: builder, directory: directory, tempTag: tempTag), nil)
        }
        switch earlier.decision(file: FileManager.default.contents(atPath: "\(directory)/\(job.file)"), source: job.source) {
        case let .keep(sha256, bytes):
            return (job.done(.skipped, pages: Int(earlier.pages), bytes: bytes, sha256: sha256), nil)
        case let .redo(reason):
            return (make(job, producer: producer, builder: builder, directory: directory, tempTag: tempTag), reason)
        }
    }

    /// Renders and writes one record.
    static func make(_ job: Job, producer: any HandoutProducing, builder: RecordBuilder, directory: String, tempTag: String) -> ManifestEntry {
        let entry = attempt(job, producer: producer, builder: builder, directory: directory, tempTag: tempTag)
        if entry.status == .failed { removeStale(job.file, in: directory) }
        return entry
    }

    /// A failed record keeps no handout made from an earlier version of its row: someone
    /// printing from the folder would hand out old data.
    static func removeStale(_ file: String, in directory: String) {
        unlink("\(directory)/\(file)")
    }

    private static func attempt(_ job: Job, producer: any HandoutProducing, builder: RecordBuilder, directory: String, tempTag: String) -> ManifestEntry {
        do {
            let pdf = try producer.render(job.patient, source: "\(builder.sourceName):\(job.line)")
            let sha = Checksum.sha256(pdf.data)
            try DurableFile.write(pdf.data, directory: directory, name: job.file, tag: tempTag)
            return job.done(.ok, pages: pdf.pages, bytes: pdf.data.count, sha256: sha)
        } catch let error as InputError {
            return ManifestEntry(id: job.id, line: job.line, status: .failed, error: builder.failure(for: error).message)
        } catch let error as LocalizedError {
            return ManifestEntry(id: job.id, line: job.line, status: .failed, error: error.errorDescription ?? "could not be rendered")
        } catch {
            return ManifestEntry(id: job.id, line: job.line, status: .failed, error: "could not be rendered (\(type(of: error)))")
        }
    }

    static func prepareDirectory(_ path: String) throws(BatchError) {
        do {
            try PrivateDirectory.prepare(path)
        } catch {
            throw .outputDirectory(path: path, reason: error.reason)
        }
    }
}

/// What resume needs of a manifest row recorded `ok` or `skipped`, kept small: a 100,000-row
/// manifest is held in memory while the run goes on.
struct DoneRecord: Sendable {
    var id: String
    var digest: Digest
    /// What the PDF was made from; nil in rows of an older manifest.
    var record: Digest?
    var options: Digest?
    var pages: Int32

    /// Nil unless the row says the record's PDF was written (`ok` or `skipped`).
    init?(_ entry: ManifestEntry) {
        guard entry.status == .ok || entry.status == .skipped, entry.file == SafeFileName.pdfName(for: entry.id),
              let digest = Digest(hex: entry.sha256) else { return nil }
        id = entry.id
        self.digest = digest
        record = Digest(hex: entry.recordSHA256)
        options = Digest(hex: entry.optionsSHA256)
        pages = Int32(clamping: entry.pages ?? 0)
    }

    enum Decision {
        /// The file on disk is the one recorded, made from the same record and options.
        case keep(sha256: String, bytes: Int)
        case redo(RedoReason)
    }

    /// Whether the PDF `file` (nil: missing) can stay as this run's handout of a record with `source`.
    func decision(file: Data?, source: SourceDigests) -> Decision {
        guard let file else { return .redo(.file) }
        let sha256 = Checksum.sha256(file)
        guard Digest(hex: sha256) == digest else { return .redo(.file) }
        guard let record, let options else { return .redo(.unrecorded) }
        guard Digest(hex: source.record) == record else { return .redo(.record) }
        guard source.options.flatMap(Digest.init(hex:)) == options else { return .redo(.options) }
        return .keep(sha256: sha256, bytes: file.count)
    }
}

/// A SHA-256 digest as four words rather than 64 characters.
struct Digest: Sendable, Equatable {
    var words: (UInt64, UInt64, UInt64, UInt64)

    init?(hex: String) {
        let utf8 = Array(hex.utf8)
        guard utf8.count == 64 else { return nil }
        var parsed: [UInt64] = []
        for start in stride(from: 0, to: 64, by: 16) {
            guard let word = UInt64(String(decoding: utf8[start..<start + 16], as: UTF8.self), radix: 16) else { return nil }
            parsed.append(word)
        }
        words = (parsed[0], parsed[1], parsed[2], parsed[3])
    }

    static func == (lhs: Digest, rhs: Digest) -> Bool { lhs.words == rhs.words }
}

/// Counts, the manifest and the progress bar, shared by the reader and the workers.
final class RunState: @unchecked Sendable {
    private let lock = NSLock()
    private let progress: ProgressReporter
    private let sourceName: String
    private let log: @Sendable (String) -> Void
    var manifest: ManifestWriter?
    private var counts = BatchSummary()
    private(set) var abortReason: String?

    init(progress: ProgressReporter, sourceName: String, log: @escaping @Sendable (String) -> Void) {
        self.progress = progress
        self.sourceName = sourceName
        self.log = log
    }

    var aborted: Bool {
        lock.lock()
        defer { lock.unlock() }
        return abortReason != nil
    }

    var summary: BatchSummary {
        lock.lock()
        defer { lock.unlock() }
        return counts
    }

    func fail(id: String, line: Int, _ message: String) {
        record(ManifestEntry(id: SafeFileName.displayable(id), line: line, status: .failed, error: message))
    }

    /// `redone`: why an earlier run's record was made again (counted when it is `ok`).
    func record(_ entry: ManifestEntry, redone: RedoReason? = nil) {
        do {
            try manifest?.append(entry)
        } catch {
            lock.lock()
            if abortReason == nil { abortReason = error.errorDescription }
            lock.unlock()
            return
        }
        lock.lock()
        switch entry.status {
        case .ok:
            counts.produced += 1
            if let redone { counts.redone[redone, default: 0] += 1 }
        case .failed: counts.failed += 1
        case .skipped: counts.skipped += 1
        }
        lock.unlock()
        if entry.status == .failed {
            let who = entry.id.isEmpty ? "" : " id \(SafeFileName.displayable(entry.id)):"
            progress.message("\(sourceName):\(entry.line):\(who) \(entry.error)", otherwise: log)
        }
        progress.advance()
    }
}
