import Foundation
import HandoutBatch
import HandoutConfig
import HandoutCore
import HandoutLedger
import HandoutRender
import HandoutSupport

/// A batch as `handout batch` runs it, with the settings file's mapping, date and name format:
/// checked first (the mapping and the rows that can be made), then run with renderer processes
/// (`rendererCommand`: one per job, replaced when a record crashes it), then zipped (the PDFs
/// and the manifest).
struct BatchRun: Sendable {
    let setup: RenderSetup
    /// The settings file's column mapping with what the page has saved since.
    let saved: SavedColumns
    let jobs: Int
    let rendererCommand: [String]
    /// Its key seals what each handout tells (`HandoutReading`), so a batch printed another day
    /// is not "changed" for the server's send by email, as for `handout mail`.
    let ledger: Ledger

    func options(input: String, output: String, columns: ColumnOverrides) -> BatchOptions {
        let configuration = setup.configuration
        return BatchOptions(
            input: input, outputDirectory: output, jobs: jobs, columnOverrides: columns,
            dateFormat: configuration.dateFormat, nameFormat: configuration.nameFormat ?? .auto, languages: configuration.languages,
            hasDefaultClinic: configuration.clinic != nil, today: CalendarDate(Date()), progress: false, inputName: BatchFolder.inputName,
            inputFormat: configuration.inputFormat())
    }

    /// The same check as `handout batch --check`, with the columns staff chose (`chosen`), else
    /// with the saved mapping and the detection. A problem the choice of columns can fix is
    /// the check's `problem` (the page asks to choose); any other problem of the whole file
    /// throws, as the CLI says it.
    func check(input: String, output: String, chosen: ColumnChoices? = nil) throws -> BatchJob.Check {
        let headers = try RecordSources.open(path: input, name: BatchFolder.inputName, format: setup.configuration.inputFormat()).headers ?? []
        let overrides = try chosen?.overrides ?? saved.overrides()
        let shown = chosen ?? ColumnChoices(headers: headers, detectedWith: overrides)
        let options = options(input: input, output: output, columns: overrides)
        let preflight: Preflight
        switch Result(catching: { () throws(BatchError) in try Preflight(options: options, complete: true) }) {
        case let .success(done): preflight = done
        case let .failure(error) where Self.choosingColumnsFixes(error):
            return BatchJob.Check(columns: shown, records: 0, valid: 0, reasons: [], warnings: [], problem: error)
        case let .failure(error): throw error
        }
        // The columns as the run uses them: the detection fills a field no column was chosen for.
        return BatchJob.Check(columns: ColumnChoices(headers: headers, detectedWith: overrides), records: preflight.records,
                              valid: preflight.valid, reasons: preflight.reasons.lines, warnings: preflight.emptyColumns,
                              problem: preflight.fileWideProblem(path: BatchFolder.inputName))
    }

    /// A required field with no column, columns that could each be one field, one column for
    /// two fields. Not when the first line names no column Handout knows: it may be a
    /// patient's row, and is never shown.
    private static func choosingColumnsFixes(_ error: BatchError) -> Bool {
        switch error {
        case let .missingColumns(_, _, found): return found != nil
        case .ambiguousColumn, .sameColumn: return true
        default: return false
        }
    }

    /// The batch's run with renderer processes (`rendererCommand`: one per job). `printedOn`: the
    /// day the handouts print, as `handout batch --date` (nil: SOURCE_DATE_EPOCH's, else none).
    func runner(for job: BatchJob, printedOn: CalendarDate?) throws -> BatchRunner {
        let request = try setup.request(printedOn: printedOn)
        let (languages, hello, command) = (try request.languageOptions(), try request.helloFrame(), rendererCommand)
        let ledger = ledger
        let reading = HandoutReading(languages: languages, seal: { ledger.readsDigest($0) })
        return BatchRunner(
            options: options(input: job.folder.input, output: job.folder.output, columns: job.chosenColumns.overrides),
            makeProducer: { try WorkerProcessProducer(command: command, hello: hello) },
            optionsDigest: { languages.digest(for: $0) },
            language: { try? languages.language(for: $0, source: "") },
            facts: { reading.facts(for: $0, record: $1) },
            log: { _ in },
            onRecord: { job.note($0) })
    }

    /// Runs `runner` to the end on this thread, then writes the ZIP.
    static func run(_ runner: BatchRunner, _ job: BatchJob) -> BatchJob.State {
        do {
            let summary = try runner.run()
            try zip(job.folder)
            return .finished(produced: summary.produced, failed: summary.failed, total: summary.produced + summary.failed + summary.skipped)
        } catch {
            return .broken((error as? LocalizedError)?.errorDescription ?? "the batch could not run")
        }
    }

    /// Every PDF and CSV of the batch (the manifests, the mail journal), by name, in its ZIP.
    static func zip(_ folder: BatchFolder) throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.output)
            .filter { $0.hasSuffix(".pdf") || $0.hasSuffix(".csv") }.sorted()
        try ZIPWriter.write(files: names.map { ($0, "\(folder.output)/\($0)") }, to: folder.zip)
    }
}
