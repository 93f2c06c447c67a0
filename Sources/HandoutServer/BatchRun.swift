import Foundation
import HandoutBatch
import HandoutConfig
import HandoutCore
import HandoutRender
import HandoutSupport

/// A batch as `handout batch` runs it, with the settings file's mapping, date and name format:
/// checked first (the mapping and the rows that can be made), then run with renderer processes
/// (`rendererCommand`: one per job, replaced when a record crashes it), then zipped (the PDFs
/// and the manifest).
struct BatchRun: Sendable {
    let setup: RenderSetup
    let jobs: Int
    let rendererCommand: [String]

    func options(input: String, output: String) throws -> BatchOptions {
        let configuration = setup.configuration
        return BatchOptions(
            input: input, outputDirectory: output, jobs: jobs, columnOverrides: try configuration.columns(overriddenBy: []),
            dateFormat: configuration.dateFormat, nameFormat: configuration.nameFormat ?? .auto, languages: configuration.languages,
            hasDefaultClinic: configuration.clinic != nil, today: CalendarDate(Date()), progress: false, inputName: BatchFolder.inputName,
            inputFormat: configuration.inputFormat())
    }

    /// The same check as `handout batch --check`; a problem of the whole file throws, in the CLI's words.
    func check(input: String, output: String) throws -> BatchJob.Check {
        let preflight = try Preflight(options: try options(input: input, output: output), complete: true)
        if let problem = preflight.fileWideProblem(path: BatchFolder.inputName) { throw problem }
        return BatchJob.Check(mapping: preflight.mapping, records: preflight.records,
                              valid: preflight.valid, reasons: preflight.reasons.lines, warnings: preflight.emptyColumns)
    }

    /// The batch's run with renderer processes (`rendererCommand`: one per job). `printedOn`: the
    /// day the handouts print, as `handout batch --date` (nil: SOURCE_DATE_EPOCH's, else none).
    func runner(for job: BatchJob, printedOn: CalendarDate?) throws -> BatchRunner {
        let request = try setup.request(printedOn: printedOn)
        let (languages, hello, command) = (try request.languageOptions(), try request.helloFrame(), rendererCommand)
        return BatchRunner(
            options: try options(input: job.folder.input, output: job.folder.output),
            makeProducer: { try WorkerProcessProducer(command: command, hello: hello) },
            optionsDigest: { languages.digest(for: $0) },
            language: { try? languages.language(for: $0, source: "") },
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
