import Foundation
import HandoutBatch
import HandoutCore
import HandoutLedger
import HandoutRequest
import HandoutSupport
import Hummingbird

/// The batch page: GET /batch (upload), POST /batch (check: the mapping and the rows shown),
/// POST /batch/:id/start, GET /batch/:id (progress, failed rows, download, email), GET
/// /batch/:id/status (the counts, for the page's script), POST /batch/:id/columns (the check
/// again with the columns staff chose; `/count` answers the page's script with the count,
/// `/save` also writes them into the settings file), POST /batch/:id/mail (a round of
/// sending), GET /batch/:id/zip (as often as wanted while the batch is kept).
struct BatchRoutes {
    let setup: RenderSetup
    let batches: BatchStore
    let mail: BatchMail?
    let ledger: Ledger
    let audit: AuditLog
    let uploadLimit: Int
    let jobs: Int
    let rendererCommand: [String]
    /// The one cap on renderer processes, and the form's (idle ones give way to a batch).
    let slots: RendererSlots
    let renderers: FormRenderers
    /// CSV checks, ZIPs and file reads; waiting on a batch's renderers.
    let files: BlockingWork
    let processWaits: BlockingWork
    let background: BackgroundWork
    let saved: SavedColumns

    private var runner: BatchRun { BatchRun(setup: setup, saved: saved, jobs: jobs, rendererCommand: rendererCommand, ledger: ledger) }

    func add(to router: RouterGroup<PageContext>) {
        router.get("/batch", use: uploadPage)
        router.post("/batch", use: upload)
        router.get("/batch/:id", use: status)
        router.post("/batch/:id/start", use: start)
        router.post("/batch/:id/columns", use: recount)
        router.post("/batch/:id/columns/count", use: count)
        router.post("/batch/:id/columns/save", use: save)
        router.get("/batch/:id/status", use: counts)
        router.post("/batch/:id/mail", use: send)
        router.get("/batch/:id/zip", use: download)
    }

    private func page(_ context: PageContext, _ request: Request) -> BatchPage {
        BatchPage(text: UIText.forCode(request.uri.queryParameters["ui"].map(String.init)), session: context.session,
                  uploadLimit: uploadLimit, canMail: mail != nil, canSave: saved.file != nil, keep: batches.keep)
    }

    private func job(_ context: PageContext) -> BatchJob? {
        context.parameters.get("id").flatMap { batches.job($0, session: context.session.id) }
    }

    @Sendable func uploadPage(_ request: Request, context: PageContext) async throws -> Response {
        Pages.html(page(context, request).upload(problem: nil))
    }

    @Sendable func upload(_ request: Request, context: PageContext) async throws -> Response {
        let page = page(context, request)
        guard let data = context.form.file("csv"), !data.isEmpty else {
            return Pages.html(page.upload(problem: page.text.noFile), status: .unprocessableContent)
        }
        do {
            try batches.checkRoom()
        } catch {
            return Pages.html(page.upload(problem: page.text.batches.full(error)), status: .serviceUnavailable)
        }
        let (id, folder) = try batches.makeFolder()
        let session = context.session
        let runner = runner
        let outcome: Result<BatchJob.Check, any Error>
        do {
            outcome = try await files.run {
                Result {
                    try DurableFile.write(data, directory: folder.path, name: BatchFolder.inputName)
                    return try runner.check(input: folder.input, output: folder.output)
                }
            }
        } catch {
            batches.removeFolder(folder)
            return Pages.html(page.upload(problem: page.text.busy), status: .serviceUnavailable)
        }
        switch outcome {
        case let .success(check):
            let job = BatchJob(id: id, session: session.id, user: session.user, folder: folder, check: check, clock: batches.clock)
            batches.add(job)
            return .redirect(to: "/batch/\(id)?ui=\(page.text.code)", type: .normal)
        case let .failure(error):
            batches.removeFolder(folder)
            return Pages.html(page.upload(problem: ColumnWords(page.text).problem(error)), status: .unprocessableContent)
        }
    }

    @Sendable func status(_ request: Request, context: PageContext) async throws -> Response {
        let page = page(context, request)
        guard let job = job(context) else { return Pages.html(page.gone(), status: .notFound) }
        if case .finished = job.current, job.mail == nil, let mail {
            // A batch an earlier server kept: its mailing list is read again, with the columns it ran with.
            let mailing = try? await files.run { mail.mailing(for: job) }
            job.prepare(mailing ?? BatchJob.Mailing(problem: page.text.busy))
        }
        return Pages.html(page.status(job, ahead: await ahead(job)))
    }

    @Sendable func start(_ request: Request, context: PageContext) async throws -> Response {
        let page = page(context, request)
        guard let job = job(context) else { return Pages.html(page.gone(), status: .notFound) }
        let typed = context.form[PrintedOnField.name] ?? ""
        let printedOn: CalendarDate?
        switch PrintedOnField.read(typed) {
        case .notADay: return Pages.html(page.status(job, printedOn: (typed, PrintedOnField.problem(page.text))), status: .unprocessableContent)
        case .none: printedOn = nil
        case let .day(day): printedOn = day
        }
        if context.form[ColumnChoices.formName(0)] != nil {
            switch await recheck(job, context.form) {
            case let .failure(problem): return Pages.html(page.status(job, notice: ColumnWords(page.text).choiceProblem(problem)), status: .unprocessableContent)
            case let .success(check) where check?.problem != nil: return Pages.html(page.status(job), status: .unprocessableContent)
            case .success: break
            }
        }
        let ticket = await slots.ticket()
        if job.start(ticket: ticket) {
            let started = background.start { [self] in await run(job, printedOn: printedOn, ticket: ticket) }
            if !started { job.finish(.broken(page.text.busy)) }
        }
        return .redirect(to: "/batch/\(job.id)?ui=\(page.text.code)", type: .normal)
    }

    /// The check again with the columns the form chose (on the file threads): the new check, nil
    /// when the batch has started meanwhile, or why the choice cannot be used.
    private func recheck(_ job: BatchJob, _ form: FormFields) async -> Result<BatchJob.Check?, ColumnChoices.ChoiceProblem> {
        guard case let .checked(current) = job.current else { return .success(nil) }
        let chosen: ColumnChoices
        switch ColumnChoices.read(form, headers: current.columns.headers) {
        case let .failure(problem): return .failure(problem)
        case let .success(choices): chosen = choices
        }
        if chosen == current.columns { return .success(current) }
        let (runner, folder) = (runner, job.folder)
        let check: BatchJob.Check
        do {
            check = try await files.run { try runner.check(input: folder.input, output: folder.output, chosen: chosen) }
        } catch {
            return .failure(.busy)
        }
        return .success(job.recheck(check) ? check : nil)
    }

    /// "Check again": the page with the count for the columns chosen.
    @Sendable func recount(_ request: Request, context: PageContext) async throws -> Response {
        let page = page(context, request)
        guard let job = job(context) else { return Pages.html(page.gone(), status: .notFound) }
        if case let .failure(problem) = await recheck(job, context.form) {
            return Pages.html(page.status(job, notice: ColumnWords(page.text).choiceProblem(problem)), status: .unprocessableContent)
        }
        return .redirect(to: "/batch/\(job.id)?ui=\(page.text.code)", type: .normal)
    }

    /// The page's script, when a choice changes: the count and the problem, in the page's words.
    @Sendable func count(_ request: Request, context: PageContext) async throws -> ColumnCount {
        let page = page(context, request)
        guard let job = job(context) else { throw HTTPError(.notFound) }
        let words = ColumnWords(page.text)
        switch await recheck(job, context.form) {
        case let .failure(problem): return ColumnCount(count: "", problem: words.choiceProblem(problem))
        case .success(nil): return ColumnCount(count: "", problem: page.text.batchGone)
        case let .success(check?):
            return ColumnCount(count: check.countLine(page.text), problem: check.problem.map { words.problem($0) })
        }
    }

    /// What the page's script shows after a change of columns.
    struct ColumnCount: ResponseEncodable {
        var count: String
        var problem: String?
    }

    /// "Save this mapping": the check with the chosen columns, then the choices the detection
    /// would not make written into the settings file (and used for the next uploads).
    @Sendable func save(_ request: Request, context: PageContext) async throws -> Response {
        let page = page(context, request)
        guard let job = job(context) else { return Pages.html(page.gone(), status: .notFound) }
        let words = ColumnWords(page.text)
        let check: BatchJob.Check
        switch await recheck(job, context.form) {
        case let .failure(problem): return Pages.html(page.status(job, notice: words.choiceProblem(problem)), status: .unprocessableContent)
        case .success(nil): return .redirect(to: "/batch/\(job.id)?ui=\(page.text.code)", type: .normal)
        case let .success(current?): check = current
        }
        let entries = check.columns.unlikeDetection
        guard !entries.isEmpty else { return Pages.html(page.status(job, notice: words.nothingToSave)) }
        let saved = saved
        let outcome: Result<Void, SavedColumns.SaveProblem>
        do {
            outcome = try await files.run { Result { () throws(SavedColumns.SaveProblem) in try saved.save(entries) } }
        } catch {
            return Pages.html(page.status(job, notice: page.text.busy), status: .serviceUnavailable)
        }
        switch outcome {
        case .success:
            audit.record(.savedColumns, user: context.session.user, count: entries.count, batch: String(job.id.prefix(8)))
            return Pages.html(page.status(job, notice: words.saved))
        case let .failure(problem):
            return Pages.html(page.status(job, notice: words.saveProblem(problem)), status: .unprocessableContent)
        }
    }

    /// Waits for the batch's renderer slots (idle form renderers give way), runs it on a thread
    /// of its own, then lists who can be sent their handout. Cancelled at shutdown: the batch
    /// stops taking records.
    private func run(_ job: BatchJob, printedOn: CalendarDate?, ticket: RendererSlots.Ticket) async {
        let count = min(jobs, slots.capacity)
        do {
            if !(await slots.tryAcquire(count)) {
                await renderers.releaseIdle()
                try await slots.acquire(count, ticket: ticket)
            }
        } catch {
            job.finish(.broken(error is RendererSlots.Busy ? UIText.english.busy : "the server is stopping"))
            return
        }
        job.began()
        var state: BatchJob.State
        do {
            let batchRunner = try runner.runner(for: job, printedOn: printedOn)
            state = try await withTaskCancellationHandler {
                try await processWaits.run { BatchRun.run(batchRunner, job) }
            } onCancel: {
                batchRunner.requestStop()
            }
        } catch {
            state = .broken((error as? LocalizedError)?.errorDescription ?? "the batch could not run")
        }
        await slots.release(count)
        // Stopped by the server's shutdown: not finished, so not kept (its folder goes at the end).
        if Task.isCancelled { state = .broken("the server stopped before the batch finished") }
        if case .finished = state, let mail {
            let mailing = try? await files.run { mail.mailing(for: job) }
            job.prepare(mailing ?? BatchJob.Mailing(problem: UIText.english.busy))
        }
        // Its handouts are in the ledger (made) before the page says it has finished, so the lookup finds them.
        if case .finished = state { await recordMade(job) }
        job.finish(state)
        if case let .finished(produced, _, _) = state {
            // Beside its files, what the next server needs to keep it.
            _ = try? await files.run { try job.keepRecord() }
            audit.record(.ranBatch, user: job.user, count: produced, batch: String(job.id.prefix(8)))
        }
    }

    /// A finished batch's handouts into the ledger. A failure is not the batch's: the folder's
    /// manifest stays the truth, and the next round of sending imports it.
    private func recordMade(_ job: BatchJob) async {
        let (ledger, folder) = (ledger, job.folder.output)
        _ = try? await files.run { try BatchFolderImport(folder: folder, ledger: ledger).run(clock: Date()) }
    }

    /// How many wait for renderers before this batch, while it waits.
    private func ahead(_ job: BatchJob) async -> Int? {
        guard case let .waiting(_, ticket) = job.current else { return nil }
        return await slots.waitingAhead(of: ticket)
    }

    @Sendable func counts(_ request: Request, context: PageContext) async throws -> BatchCounts {
        guard let job = job(context) else { throw HTTPError(.notFound) }
        switch job.current {
        case let .running(done, failed, total): return BatchCounts(state: "running", done: done, failed: failed, total: total)
        case let .waiting(total, _): return BatchCounts(state: "waiting", done: 0, failed: 0, total: total, ahead: await ahead(job))
        case .finished where job.mail?.sending == true:
            let mail = job.mail!
            return BatchCounts(state: "mailing", done: mail.roundDone, failed: mail.notSent.count, total: mail.recipients.count)
        case let .finished(produced, failed, total): return BatchCounts(state: "finished", done: produced + failed, failed: failed, total: total)
        case .checked: return BatchCounts(state: "checked")
        case .broken: return BatchCounts(state: "broken")
        }
    }

    /// The counts the batch page's script shows while the batch runs or sends.
    struct BatchCounts: ResponseEncodable {
        var state: String
        var done: Int?
        var failed: Int?
        var total: Int?
        var ahead: Int?
    }

    /// A round of sending in the background, then the page with its progress. The ZIP is made
    /// again when it ends, with the journal of who was sent what.
    @Sendable func send(_ request: Request, context: PageContext) async throws -> Response {
        let page = page(context, request)
        guard let job = job(context) else { return Pages.html(page.gone(), status: .notFound) }
        if let mail, let recipients = job.startMailing() {
            let (audit, files) = (audit, files)
            let started = background.start {
                let (sent, stopReason) = await mail.send(recipients, for: job)
                _ = try? await files.run {
                    try BatchRun.zip(job.folder)
                    try job.keepRecord()
                }
                job.finishMailing(stopReason: stopReason)
                audit.record(.mailedBatch, user: job.user, count: sent, batch: String(job.id.prefix(8)))
            }
            if !started { job.finishMailing(stopReason: page.text.busy) }
        }
        return .redirect(to: "/batch/\(job.id)?ui=\(page.text.code)", type: .normal)
    }

    /// Streams the ZIP (not while sending: the round makes it again); the batch stays, so it can
    /// be downloaded again while it is kept.
    @Sendable func download(_ request: Request, context: PageContext) async throws -> Response {
        let page = page(context, request)
        guard let job = job(context), case let .finished(produced, _, _) = job.current, job.mail?.sending != true,
              let response = FileDownload(files: files).response(path: job.folder.zip, name: "handouts.zip", type: "application/zip")
        else { return Pages.html(page.gone(), status: .notFound) }
        audit.record(.downloadedBatch, user: context.session.user, count: produced, batch: String(job.id.prefix(8)))
        return response
    }
}
