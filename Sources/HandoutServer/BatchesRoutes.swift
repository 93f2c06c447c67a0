import Foundation
import HandoutBatch
import HandoutLedger
import HandoutRequest
import HandoutSupport
import Hummingbird

/// The Batches page and the patient lookup: GET /batches (the kept batches), GET
/// /batches/lookup?id= (what the ledger has for one record id), GET /batches/:id/pdf?record=
/// (print again: that patient's PDF from a kept batch), POST /batches/:id/resend (that patient's
/// handout by email again, through the ledger and the batch's own export). Sign-in and CSRF are
/// the middleware's, as for every page.
struct BatchesRoutes {
    /// The longest record id the lookup takes (an export's ids are far shorter).
    static let maximumIDLength = 128

    let batches: BatchStore
    let ledger: Ledger
    let mail: BatchMail?
    let audit: AuditLog
    let files: BlockingWork

    func add(to router: RouterGroup<PageContext>) {
        router.get("/batches", use: list)
        router.get("/batches/lookup", use: lookup)
        router.get("/batches/:id/pdf", use: printAgain)
        router.post("/batches/:id/resend", use: resend)
    }

    private func page(_ context: PageContext, _ request: Request) -> BatchesPage {
        BatchesPage(text: UIText.forCode(request.uri.queryParameters["ui"].map(String.init)), session: context.session,
                    keep: batches.keep, canMail: mail != nil, root: batches.root)
    }

    @Sendable func list(_ request: Request, context: PageContext) async throws -> Response {
        Pages.html(page(context, request).list(batches.kept))
    }

    /// A record id as typed: trimmed; nil with the page's problem when empty or too long.
    private func recordID(_ typed: String?, _ words: BatchesText) -> Result<String, LookupProblem> {
        let id = (typed ?? "").trimmingCharacters(in: .whitespaces)
        if id.isEmpty { return .failure(LookupProblem(words.idMissing)) }
        if id.count > Self.maximumIDLength {
            return .failure(LookupProblem(words.idTooLong.replacingOccurrences(of: "%d", with: String(Self.maximumIDLength))))
        }
        return .success(id)
    }

    private struct LookupProblem: Error {
        let words: String
        init(_ words: String) { self.words = words }
    }

    @Sendable func lookup(_ request: Request, context: PageContext) async throws -> Response {
        let page = page(context, request)
        let typed = request.uri.queryParameters["id"].map(String.init)
        switch recordID(typed, page.text.batches) {
        case let .failure(problem):
            // Too long a value is not shown back whole.
            let shown = String((typed ?? "").prefix(Self.maximumIDLength))
            return Pages.html(page.refused(typed: shown, problem: problem.words), status: .unprocessableContent)
        case let .success(id):
            return try await history(of: id, page)
        }
    }

    /// The lookup's page for `id`: its events from the ledger (read on the file threads).
    private func history(of id: String, _ page: BatchesPage, notice: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let ledger = ledger
        let events = try await files.run { try ledger.events(recordID: id) }
        let kept = Dictionary(batches.kept.map { (URL(fileURLWithPath: $0.folder.output).standardizedFileURL.path, $0) }, uniquingKeysWith: { first, _ in first })
        return Pages.html(page.lookup(id: id, events: events, kept: kept, notice: notice), status: status)
    }

    /// That patient's PDF from a kept batch, as a download.
    @Sendable func printAgain(_ request: Request, context: PageContext) async throws -> Response {
        let page = page(context, request)
        guard let job = keptJob(context), case let .success(id) = recordID(request.uri.queryParameters["record"].map(String.init), page.text.batches),
              let file = try await files.run({ Self.handout(of: id, in: job.folder) }),
              let response = FileDownload(files: files).response(path: "\(job.folder.output)/\(file)", name: file, type: "application/pdf")
        else { return gone(page.text) }
        audit.record(.printedAgain, user: context.session.user, recordID: RecordFileName.displayable(id), count: 1, batch: String(job.id.prefix(8)))
        return response
    }

    /// The file of the record's handout in a batch folder, from its manifests (the last ok row).
    static func handout(of id: String, in folder: BatchFolder) -> String? {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.output)) ?? []).filter(ManifestReader.isManifestName).sorted()
        var file: String?
        for name in names {
            try? ManifestReader.read(path: "\(folder.output)/\(name)") { entry in
                if entry.id == id, entry.status != .failed, !entry.file.isEmpty { file = entry.file }
            }
        }
        // A manifest names a PDF in its own folder by the record file-name rule: never a path, nothing a header cannot carry.
        guard let file, file.hasSuffix(".pdf"), RecordFileName.problem(with: String(file.dropLast(4))) == nil,
              FileManager.default.fileExists(atPath: "\(folder.output)/\(file)") else { return nil }
        return file
    }

    /// That patient's handout by email again, from a kept batch: the address read from the
    /// batch's own export (never from the ledger), sent as `handout mail --resend` sends, under
    /// the ledger's lock, and recorded there; then the lookup with what happened.
    @Sendable func resend(_ request: Request, context: PageContext) async throws -> Response {
        let page = page(context, request)
        let words = page.text.batches
        guard let job = keptJob(context), let mail, case let .success(id) = recordID(context.form["record"], words) else {
            return gone(page.text)
        }
        let recipients = try await files.run { mail.mailing(for: job).recipients.filter { $0.id == id } }
        guard !recipients.isEmpty else {
            return try await history(of: id, page, notice: words.notResent + words.noAddress, status: .unprocessableContent)
        }
        let (sent, stopReason) = await mail.send(recipients, for: job, resend: [id])
        _ = try? await files.run { try job.keepRecord() }
        guard sent == 1 else {
            // Never the server's reply: it may repeat the address.
            return try await history(of: id, page, notice: words.notResent + (stopReason ?? words.notTaken), status: .unprocessableContent)
        }
        audit.record(.resentHandout, user: context.session.user, recordID: RecordFileName.displayable(id), count: 1, batch: String(job.id.prefix(8)))
        return try await history(of: id, page, notice: words.resent)
    }

    private func gone(_ text: UIText) -> Response {
        Pages.message(status: .notFound, text.batchGone, text: text, link: ("/batches?ui=\(text.code)", text.batches.nav))
    }

    /// A kept (finished) batch by the URL's id.
    private func keptJob(_ context: PageContext) -> BatchJob? {
        guard let job = context.parameters.get("id").flatMap({ batches.job($0, session: context.session.id) }),
              case .finished = job.current else { return nil }
        return job
    }
}
