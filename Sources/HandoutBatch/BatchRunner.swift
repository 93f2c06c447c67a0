import Foundation
import HandoutCore
import HandoutSupport

/// What a run is asked to do (the `handout batch` flags, resolved).
public struct BatchOptions: Sendable {
    public var input: String
    /// What the messages about the whole input call it: its path, unless a server keeps it in a
    /// private folder whose path means nothing to staff.
    public var inputName: String
    public var outputDirectory: String
    public var jobs: Int
    public var shard: Shard
    public var limit: Int?
    public var resume: Bool
    public var columnOverrides: ColumnOverrides
    public var dateFormat: DateFormat?
    /// The CSV's separator and encoding, where the flags or settings fix them; the rest is detected.
    public var inputFormat: InputFormat.Choice
    /// How a single name column writes the name.
    public var nameFormat: NameFormat
    /// The clinic's own spellings of languages (its settings file).
    public var languages: LanguageAliases
    /// Whether records without clinic details get the run's (`--clinic`); if not, such a record fails.
    public var hasDefaultClinic: Bool
    /// Birth dates after this day are refused.
    public var today: CalendarDate
    public var progress: Bool
    /// Each record's own PDF password, if the run gives every patient theirs.
    public var recordPassword: RecordPassword?
    /// Where the page images go (`--png`); nil: none are made. The renderers must be making them.
    public var previewDirectory: String?

    public init(input: String, outputDirectory: String, jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
                shard: Shard = .whole, limit: Int? = nil, resume: Bool = false,
                columnOverrides: ColumnOverrides = [:], dateFormat: DateFormat? = nil, nameFormat: NameFormat = .auto, languages: LanguageAliases = .none,
                hasDefaultClinic: Bool = true, today: CalendarDate = CalendarDate(Date()), progress: Bool = isatty(STDERR_FILENO) == 1,
                recordPassword: RecordPassword? = nil, previewDirectory: String? = nil, inputName: String? = nil,
                inputFormat: InputFormat.Choice = .detect) {
        self.input = input
        self.inputName = inputName ?? input
        self.outputDirectory = outputDirectory
        self.jobs = jobs
        self.shard = shard
        self.limit = limit
        self.resume = resume
        self.columnOverrides = columnOverrides
        self.dateFormat = dateFormat
        self.inputFormat = inputFormat
        self.nameFormat = nameFormat
        self.languages = languages
        self.hasDefaultClinic = hasDefaultClinic
        self.today = today
        self.progress = progress
        self.recordPassword = recordPassword
        self.previewDirectory = previewDirectory
    }

    public var manifestName: String { shard.manifestName }
}

public struct BatchSummary: Sendable {
    public var produced = 0
    public var failed = 0
    public var skipped = 0
    /// Records an earlier run had done that were made again, by why (counted among `produced`).
    public var redone: [RedoReason: Int] = [:]
    public var seconds: Double = 0
    /// Set when the run stopped early (the manifest could not be written).
    public var abortReason: String?
    /// Why records failed, grouped.
    public var reasons = FailureReasons()
    /// What was made differently from what a row asked for (a language without content), grouped.
    public var warnings = FailureReasons()
    /// Who got an English handout with a notice in their language instead of a translation: each
    /// record's id and line ("P-000101 (line 2)"), in input order; never a name.
    public var noticeRecords: [String] = []

    /// "English with a notice instead of a translation: A (line 2), B (line 9)": the first 20,
    /// then how many more (the manifest's language-notice rows have them all); nil when none.
    public var noticeLine: String? {
        guard !noticeRecords.isEmpty else { return nil }
        let shown = noticeRecords.prefix(20).joined(separator: ", ")
        let more = noticeRecords.count > 20 ? " and \(noticeRecords.count - 20) more (manifest.csv: language-notice)" : ""
        return "English with a notice instead of a translation: " + shown + more
    }
    /// Problems of the whole file that stop nothing, like a column empty in every row.
    public var fileWarnings: [String] = []
    /// How the CSV was read (nil for NDJSON).
    public var inputFormat: InputFormat?
    /// The date style read from the file's own dates, when the run named none.
    public var detectedDateFormat: DateFormat?
    /// Where the manifest is.
    public var manifestPath = ""
    /// Where the page images are (`--png`).
    public var previewDirectory: String?
    /// The run was stopped on request (Ctrl-C) before every record was read.
    public var interrupted = false

    public init() {}

    /// 0: every record done; 1: some failed (the others are done); 130: stopped by Ctrl-C.
    public var exitCode: Int32 { interrupted ? 130 : failed > 0 || abortReason != nil ? 1 : 0 }

    public var line: String {
        let rate = seconds > 0 ? Double(produced) / seconds : 0
        let line = "\(produced) handouts, \(failed) failed, \(skipped) skipped in \(String(format: "%.1f", seconds)) s (\(String(format: "%.1f", rate))/s)"
        let reasons = RedoReason.allCases.compactMap { reason in redone[reason].map { reason.counted($0) } }
        return reasons.isEmpty ? line : "\(line); \(redone.values.reduce(0, +)) redone: \(reasons.joined(separator: ", "))"
    }
}

/// Why `--resume` made again a record that an earlier run had done, in the order they are checked.
public enum RedoReason: Sendable, CaseIterable {
    /// The PDF is missing or is not the one the manifest recorded, or a page image is missing.
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

/// The batch engine: one reader (this thread) streams records through `RecordDispatch`; a
/// `WorkerPool` of N threads, each with its own producer, makes them (`RecordWork`); every
/// finished record is appended to the manifest at once.
public final class BatchRunner: Sendable {
    public let options: BatchOptions
    private let makeProducer: @Sendable () throws -> any HandoutProducing
    private let optionsDigest: @Sendable (PatientProfile) -> String?
    private let facts: @Sendable (PatientProfile, String) -> HandoutFacts
    private let language: @Sendable (PatientProfile) -> HandoutLanguage?
    private let log: @Sendable (String) -> Void
    private let onRecord: @Sendable (ManifestEntry) -> Void
    private let stopRequest = StopRequest()

    /// `optionsDigest`: the `SourceDigests.options` of a patient's handout; `language`: the
    /// language it is made in (nil when the record will fail); `facts`: what the handout tells,
    /// given the patient and the record's digest (unkeyed: `SourceDigest` of the patient and its
    /// password). All three are called on the reading thread (never by a producer). `onRecord` gets each entry
    /// once it is in the manifest, on any thread.
    public init(options: BatchOptions, makeProducer: @escaping @Sendable () throws -> any HandoutProducing,
                optionsDigest: @escaping @Sendable (PatientProfile) -> String?,
                language: @escaping @Sendable (PatientProfile) -> HandoutLanguage? = { _ in nil },
                facts: @escaping @Sendable (PatientProfile, String) -> HandoutFacts = { _, _ in HandoutFacts() },
                log: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) },
                onRecord: @escaping @Sendable (ManifestEntry) -> Void = { _ in }) {
        self.options = options
        self.makeProducer = makeProducer
        self.optionsDigest = optionsDigest
        self.language = language
        self.facts = facts
        self.log = log
        self.onRecord = onRecord
    }

    /// Asks a running batch to stop taking records (Ctrl-C): the records being rendered are
    /// finished and recorded, so `--resume` continues from there. Safe from any thread.
    public func requestStop() {
        stopRequest.set()
    }

    /// Runs the batch. Throws (exit 2) only before any record is processed.
    public func run() throws(BatchError) -> BatchSummary {
        let start = Date()
        // The input: readable, text in its encoding, with the columns we need.
        var dispatch = try RecordDispatch(reading: options)
        let format = dispatch.source.format
        let records = try InputScan.scan(path: options.input, name: options.inputName, ndjson: format == nil, format: format ?? .plain)
        if let problem = try Preflight(options: options, complete: false).fileWideProblem(path: options.input) { throw problem }
        var output = try prepareOutput(builder: dispatch.builder)
        let rendering = try startRendering(output, records: records)
        let emptyColumns = feed(&dispatch, to: rendering, output: &output)
        finish(rendering, manifestPath: output.manifestPath)
        return summary(of: rendering.state, dispatch: dispatch, emptyColumns: emptyColumns, manifestPath: output.manifestPath, since: start)
    }

    /// The output directory and its resume key, the previews' folder, and what a previous run
    /// recorded; the temporary files an earlier run of this shard left are removed.
    private func prepareOutput(builder: RecordBuilder) throws(BatchError) -> RunOutput {
        let directory = options.outputDirectory
        let resumeKey: ResumeKey
        do {
            try PrivateDirectory.prepare(directory)
            resumeKey = try ResumeKey(directory: directory)
        } catch {
            throw .outputDirectory(path: directory, reason: error.reason)
        }
        if let previews = options.previewDirectory {
            do {
                try PrivateDirectory.prepare(previews)
            } catch {
                throw .outputDirectory(path: previews, reason: error.reason)
            }
        }
        let manifestPath = "\(directory)/\(options.manifestName)"
        let resume = try ResumeIndex(manifestPath: manifestPath, resume: options.resume)
        let work = RecordWork(builder: builder, directory: directory, previewDirectory: options.previewDirectory,
                              tag: "\(options.shard.index)of\(options.shard.count)")
        for folder in Set([directory] + [options.previewDirectory].compactMap { $0 }) { DurableFile.removeStaleTemporaries(in: folder, tag: work.tag) }
        return RunOutput(manifestPath: manifestPath, resumeKey: resumeKey, resume: resume, work: work)
    }

    /// The renderers, then the manifest (so a run that cannot render writes nothing); each job
    /// submitted is then made and recorded.
    private func startRendering(_ output: RunOutput, records: Int) throws(BatchError) -> Rendering {
        let pool = try WorkerPool<Job>(count: options.jobs, makeProducer: makeProducer)
        let manifest: ManifestWriter
        do {
            manifest = try ManifestWriter(path: output.manifestPath, append: options.resume)
        } catch {
            pool.finish()
            throw .outputDirectory(path: options.outputDirectory, reason: error.errorDescription ?? "cannot write the manifest")
        }
        let progress = ProgressReporter(total: expected(of: records), enabled: options.progress)
        let state = RunState(manifest: manifest, progress: progress, sourceName: (options.input as NSString).lastPathComponent,
                             log: log, onRecord: onRecord)
        let work = output.work
        pool.start { job, producer in
            let (entry, redone) = work.process(job, producer: producer)
            state.record(entry, redone: redone)
        }
        return Rendering(pool: pool, manifest: manifest, progress: progress, state: state)
    }

    /// How many of the input's `records` this run makes: its shard's, at most `--limit`.
    private func expected(of records: Int) -> Int {
        let shard = max(records - options.shard.index + options.shard.count - 1, 0) / options.shard.count
        return options.limit.map { min(shard, $0) } ?? shard
    }

    /// Reads the records on this thread and hands each patient to the renderers, until the input
    /// ends, the manifest cannot be written or a stop is asked for. Returns the empty columns seen.
    private func feed(_ dispatch: inout RecordDispatch, to rendering: Rendering, output: inout RunOutput) -> EmptyColumns {
        var emptyColumns = EmptyColumns(map: dispatch.builder.map)
        while !rendering.state.aborted, !stopRequest.isSet, let outcome = dispatch.next() {
            emptyColumns.note(dispatch.lastRecord)
            switch outcome {
            case let .patient(line, id, patient, password):
                let warnings = warnings(for: patient, map: dispatch.builder.map, state: rendering.state)
                if warnings.contains(.languageNotice) { rendering.state.noteNotice(id: id, line: line) }
                let record = password.map { SourceDigest.of(patient, $0) } ?? SourceDigest.of(patient)
                let digests = output.resumeKey.seal(SourceDigests(record: record, options: optionsDigest(patient)))
                rendering.pool.submit(Job(line: line, id: id, patient: patient, password: password, file: RecordFileName.pdfName(for: id),
                                          source: digests, facts: facts(patient, record), warnings: warnings, previous: output.resume.take(line: line, id: id)))
            case let .failed(id, line, failure, ownsID):
                if ownsID { output.work.removeStale(id: id) }
                rendering.state.fail(id: id, line: line, failure.message)
            }
        }
        return emptyColumns
    }

    /// What a patient's handout is made despite (no content in their language, an appointment
    /// already past), each also counted for the summary.
    private func warnings(for patient: PatientProfile, map: ColumnMap?, state: RunState) -> [RecordWarning] {
        /// How a warning names a field: by its CSV column, or its JSON field in NDJSON input.
        func named(_ field: PatientField) -> String {
            map.map { "column '\($0.header(of: field))'" } ?? "field '\(field.rawValue)'"
        }
        let language = language(patient)
        let warnings = RecordWarning.of(patient, language: language, today: options.today)
        for warning in warnings { state.warn("\(named(warning.field)) \(warning.words(language))") }
        return warnings
    }

    /// Waits for the renderers, then makes the manifest durable (compacted after a resume).
    private func finish(_ rendering: Rendering, manifestPath: String) {
        rendering.pool.finish()
        rendering.progress.finish()
        try? rendering.manifest.sync()
        DurableFile.syncDirectory(options.outputDirectory)
        if options.resume && !rendering.state.aborted {
            try? ManifestReader.compact(path: manifestPath)
        }
    }

    /// The counts with how long the run took, where its files are, and why it stopped early, if it did.
    private func summary(of state: RunState, dispatch: RecordDispatch, emptyColumns: EmptyColumns, manifestPath: String,
                         since start: Date) -> BatchSummary {
        var summary = state.summary
        summary.seconds = Date().timeIntervalSince(start)
        summary.manifestPath = manifestPath
        summary.previewDirectory = options.previewDirectory
        summary.inputFormat = dispatch.source.format
        summary.detectedDateFormat = dispatch.detectedDateFormat
        summary.warnings = state.warnings
        summary.noticeRecords = state.noticeRecords
        summary.interrupted = stopRequest.isSet
        if let readError = dispatch.readError { summary.abortReason = readError.errorDescription }
        if let reason = state.abortReason { summary.abortReason = reason }
        summary.fileWarnings = dispatch.builder.map?.unusedColumnsLine(password: options.recordPassword).map { ["columns \($0)"] } ?? []
        // "Every row" only when every row of the run was read.
        if !summary.interrupted && summary.abortReason == nil { summary.fileWarnings += emptyColumns.warnings }
        return summary
    }
}

/// Where a run writes: the manifest, the resume key that seals its digests, what an earlier run
/// recorded, and how a record's files are made.
private struct RunOutput {
    let manifestPath: String
    let resumeKey: ResumeKey
    var resume: ResumeIndex
    let work: RecordWork
}

/// The renderers at work and what records their results.
private struct Rendering {
    let pool: WorkerPool<Job>
    let manifest: ManifestWriter
    let progress: ProgressReporter
    let state: RunState
}

/// Counts, the manifest and the progress bar, shared by the reader and the workers.
///
/// `@unchecked Sendable`: `counts`, `warningCounts` and `manifestFailure` are read and written only while `lock` is
/// held; every other property is an immutable `let` of a Sendable type.
final class RunState: @unchecked Sendable {
    private let lock = NSLock()
    private let manifest: ManifestWriter
    private let progress: ProgressReporter
    private let sourceName: String
    private let log: @Sendable (String) -> Void
    private let onRecord: @Sendable (ManifestEntry) -> Void
    private var counts = BatchSummary()
    private var manifestFailure: String?

    init(manifest: ManifestWriter, progress: ProgressReporter, sourceName: String, log: @escaping @Sendable (String) -> Void,
         onRecord: @escaping @Sendable (ManifestEntry) -> Void) {
        self.manifest = manifest
        self.progress = progress
        self.sourceName = sourceName
        self.log = log
        self.onRecord = onRecord
    }

    /// Why the run stopped early (the manifest could not be written), if it did.
    var abortReason: String? {
        lock.lock()
        defer { lock.unlock() }
        return manifestFailure
    }

    var aborted: Bool { abortReason != nil }

    var summary: BatchSummary {
        lock.lock()
        defer { lock.unlock() }
        return counts
    }

    private var warningCounts = FailureReasons()
    private var noticed: [String] = []

    var warnings: FailureReasons { lock.withLock { warningCounts } }

    var noticeRecords: [String] { lock.withLock { noticed } }

    func noteNotice(id: String, line: Int) {
        lock.withLock { noticed.append("\(RecordFileName.displayable(id)) (line \(line))") }
    }

    func warn(_ message: String) {
        lock.withLock { warningCounts.add(message) }
    }

    func fail(id: String, line: Int, _ message: String) {
        record(ManifestEntry(id: RecordFileName.displayable(id), line: line, status: .failed, error: message))
    }

    /// `redone`: why an earlier run's record was made again (counted when it is `ok`).
    func record(_ entry: ManifestEntry, redone: RedoReason? = nil) {
        do {
            try manifest.append(entry)
        } catch {
            lock.lock()
            if manifestFailure == nil { manifestFailure = error.errorDescription }
            lock.unlock()
            return
        }
        lock.lock()
        switch entry.status {
        case .ok:
            counts.produced += 1
            if let redone { counts.redone[redone, default: 0] += 1 }
        case .failed:
            counts.failed += 1
            counts.reasons.add(entry.error)
        case .skipped: counts.skipped += 1
        }
        lock.unlock()
        onRecord(entry)
        if entry.status == .failed {
            let who = entry.id.isEmpty ? "" : " id \(RecordFileName.displayable(entry.id)):"
            progress.message("\(sourceName):\(entry.line):\(who) \(entry.error)", otherwise: log)
        }
        progress.advance(failed: entry.status == .failed)
    }
}
