import ArgumentParser
import Foundation
import HandoutBatch
import HandoutConfig
import HandoutCore
import HandoutLedger
import HandoutRender
import HandoutSupport

struct Batch: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Make one handout per row of a CSV export (or per line of an NDJSON file).",
        discussion: """
        Writes DIR/ID.pdf for each record and DIR/manifest.csv \
        (id,line,status,file,pages,bytes,sha256,record_sha256,options_sha256,error,warnings,previews,topic,language,content_version,reads_sha256) \
        as records finish; with --png, page images ID-p1.png, ... too. Exit 0: all done; 1: some records failed (the others are done); 2: the run could \
        not start. See the README (Many patients) for the columns recognized.
        """)

    @Argument(help: ArgumentHelp("The patient list: CSV with a header row, or .ndjson (one patient JSON per line).", valueName: "patients.csv"))
    var input: String

    @Option(name: .customLong("output-dir"), help: ArgumentHelp("Where to write the PDFs and manifest.csv (created if missing); default: output-dir in the settings file.", valueName: "dir"))
    var outputDir: String?

    @Option(help: "Handouts rendered at once, each in its own renderer process (default: the number of cores).")
    var jobs: Int?

    @Option(help: ArgumentHelp("Take every M-th record from K (0-based), to split a file between machines. Default: JOB_COMPLETION_INDEX/JOB_COMPLETIONS when set.", valueName: "K/M"),
            transform: { try Shard(parsing: $0) })
    var shard: Shard?

    @Option(help: "Stop after this many records.")
    var limit: Int?

    @Flag(help: "Continue a run that was stopped: records already done with an intact file, from the same record and options, are skipped.")
    var resume = false

    @Option(name: .customLong("map"), help: ArgumentHelp("Which column holds a field, when its header is not recognized: --map givenName=\"Vorname\". Repeatable.", valueName: "field=header"),
            transform: { try ColumnOverride(parsing: $0) })
    var map: [ColumnOverride] = []

    @Option(help: ArgumentHelp("How dates are written in the CSV, like MM/dd/yyyy or dd.MM.yyyy (default: YYYY-MM-DD).", valueName: "format"),
            transform: { try DateFormat($0) })
    var dateFormat: DateFormat?

    @Option(help: "How a single name column (\"Patient Name\") writes the name: last-first (\"Torres, Wei\"), first-last (\"Wei Torres\"), or auto (a comma means last-first; the default).")
    var nameFormat: NameFormat?

    @OptionGroup var inputFormat: InputFormatOptions

    @Flag(help: "Check every row and print which column holds which field; write nothing. Exit 0: every row is fine; 1: some are not; 2: the file cannot be used.")
    var check = false

    @Option(help: ArgumentHelp("Append one JSON line per record (time, id, line, outcome, reason; never a name or a cell) and one for the run, for a log collector.",
                               valueName: "file"))
    var logFile: String?

    @OptionGroup var settings: RenderSettings

    @OptionGroup var passwords: PatientPasswords

    @OptionGroup var preview: PreviewSettings

    @OptionGroup var ledger: LedgerOption

    func validate() throws {
        try preview.refuse(password: passwords.recordPassword == nil ? nil : "--password-column or --password-rule")
        if settings.passwordFile != nil && passwords.recordPassword != nil {
            throw ValidationError("--password-file gives every PDF one password; --password-column and --password-rule give each its own: use one")
        }
        if settings.archive && passwords.recordPassword != nil {
            throw ValidationError("--archive and --password-column or --password-rule cannot go together: an archive PDF (PDF/A) may not be encrypted")
        }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be 1 or more") }
        if let jobs, jobs > WorkerLimits.maxJobs {
            throw ValidationError("--jobs \(jobs): at most \(WorkerLimits.maxJobs) here (4 per core; each job is a renderer process with its own fonts and memory)")
        }
        if let limit, limit < 0 { throw ValidationError("--limit must be 0 or more") }
    }

    func run() throws {
        var summary = BatchSummary()
        var eventLog: EventLog?
        var folderImport: BatchFolderImport?
        try exitOnFailure {
            let configuration = try settings.configFile.load()
            let options = BatchOptions(
                input: input, outputDirectory: try required(outputDir ?? configuration.outputDirectory, "--output-dir DIR", "output-dir"),
                jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount,
                shard: try shard ?? Shard.fromEnvironment() ?? .whole,
                limit: limit, resume: resume,
                columnOverrides: try configuration.columns(overriddenBy: map),
                dateFormat: dateFormat ?? configuration.dateFormat, nameFormat: nameFormat ?? configuration.nameFormat ?? .auto,
                languages: configuration.languages, hasDefaultClinic: settings.clinic != nil || configuration.clinic != nil,
                today: today, recordPassword: passwords.recordPassword, previewDirectory: preview.png,
                inputFormat: configuration.inputFormat(overriddenBy: inputFormat.choice))
            // A bad content file, password file or clinic file stops the run here, before any
            // output; each renderer process then loads them again for itself. Here they give
            // each record's language and options digest, for --check's counts and an exact --resume.
            let request = try settings.request(configuration, previewDPI: preview.dpi)
            try preview.refuse(password: settings.passwordSource(request))
            let languages = try request.languageOptions()
            if check {
                let preflight = try Preflight(options: options, complete: true, language: { try? languages.language(for: $0, source: input) })
                if let problem = preflight.fileWideProblem(path: input) { throw problem }
                if let format = preflight.inputFormat { print("read as: \(format)") }
                if let dates = preflight.detectedDateFormat { print("dates read as \(dates.pattern) (the file's own dates; set date-format: to choose)") }
                for (header, field) in preflight.mapping { print("column \"\(EchoedText.escaped(header))\" -> \(field.flatName)") }
                for line in [preflight.fullNameLine, preflight.unusedColumnsLine].compactMap({ $0 }) { print(line) }
                print("\(preflight.valid) of \(preflight.records) rows can be made")
                for line in preflight.reasons.lines { print("  \(line)") }
                for line in preflight.emptyColumns { print("  warning: \(line)") }
                for (index, line) in preflight.languages.lines.enumerated() { print(index == 0 ? line : "  \(line)") }
                summary.failed = preflight.records - preflight.valid
                return
            }
            // --check writes nothing, not even the log.
            if let logFile { eventLog = try EventLog(path: logFile) }
            // The ledger opens (and takes in what the folder already has) before any record is made.
            let ledger = try self.ledger.open(configuration)
            folderImport = BatchFolderImport(folder: options.outputDirectory, ledger: ledger)
            try folderImport?.run(clock: try ledgerClock())
            let (worker, hello) = ([try BatchWorker.executable(), BatchWorker.name], try request.helloFrame())
            let reading = HandoutReading(languages: languages, seal: { ledger.readsDigest($0) })
            let runner = BatchRunner(options: options, makeProducer: {
                try WorkerProcessProducer(command: worker, hello: hello)
            }, optionsDigest: { languages.digest(for: $0) }, language: { try? languages.language(for: $0, source: input) },
               facts: { reading.facts(for: $0, record: $1) },
               onRecord: { [eventLog] entry in try? eventLog?.record(id: entry.id, line: entry.line, outcome: entry.status.rawValue, reason: entry.logReason) })
            let interrupt = Interrupt { runner.requestStop() }
            summary = try withExtendedLifetime(interrupt) { try runner.run() }
        }
        if check {
            if summary.failed > 0 { throw ExitCode(1) }
            return
        }
        if let folderImport { recordInLedger(folderImport) }
        print(summary.line)
        if let format = summary.inputFormat, format != .plain { print("read as: \(format)") }
        if let dates = summary.detectedDateFormat { print("dates read as \(dates.pattern)") }
        for line in summary.reasons.lines { print("  \(line)") }
        for line in summary.warnings.lines { print("  warning: \(line)") }
        if let line = summary.noticeLine { print("  \(line)") }
        for line in summary.fileWarnings { print("  warning: \(line)") }
        print("manifest: \(summary.manifestPath)")
        if let folder = summary.previewDirectory { print("previews: \(folder) (ID-p1.png, ...; each record's in the manifest's previews column)") }
        try eventLog?.finish(summary.runReason)
        if summary.interrupted {
            FileHandle.standardError.write(Data("handout: stopped by Ctrl-C; the records finished so far are in the manifest: run the same command with --resume to continue\n".utf8))
        }
        if let reason = summary.abortReason {
            FileHandle.standardError.write(Data("handout: error: the run stopped early: \(reason)\n".utf8))
        }
        if summary.exitCode != 0 { throw ExitCode(summary.exitCode) }
    }
}

/// The renderer process behind each `--jobs` slot of a batch (not for direct use): records in
/// on standard input, PDFs out on standard output. A crash here fails one record, not the batch.
struct BatchWorker: ParsableCommand {
    static let name = "batch-worker"
    static let configuration = CommandConfiguration(commandName: name, shouldDisplay: false)

    /// This very program, so the workers run the same build as the batch.
    static func executable() throws -> String {
        let path = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw BatchError.rendererUnavailable("cannot find the handout program to start renderer processes")
        }
        return path
    }

    func run() throws {
        let code = WorkerServer.serve { hello in try RendererPool(languages: try RunRequest(helloFrame: hello).languageOptions()) }
        if code != 0 { throw ExitCode(code) }
    }
}

/// Ctrl-C during a batch: the handler runs once (the records in progress are finished); a
/// second Ctrl-C ends the process at once.
final class Interrupt {
    private let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())

    init(_ handler: @escaping @Sendable () -> Void) {
        signal(SIGINT, SIG_IGN)
        source.setEventHandler { [source] in
            handler()
            source.cancel()
            signal(SIGINT, SIG_DFL)
        }
        source.resume()
    }

    deinit {
        source.cancel()
        signal(SIGINT, SIG_DFL)
    }
}

extension ManifestEntry {
    /// The log's reason: the manifest's error (which names the field, never its value) for a
    /// failed record, else what was done.
    var logReason: String {
        switch status {
        case .ok: "made"
        case .skipped: "already-made"
        case .failed: error
        }
    }
}

extension BatchSummary {
    /// How the run ended, for the log's last line.
    var runReason: String {
        if interrupted { return "interrupted" }
        if abortReason != nil { return "stopped" }
        return failed > 0 ? "some-failed" : "complete"
    }
}
