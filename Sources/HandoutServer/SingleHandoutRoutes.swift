import Foundation
import HandoutBatch
import HandoutConfig
import HandoutCore
import HandoutRender
import HandoutSupport
import Hummingbird

/// GET / (the form), POST /handout (the PDF, or the form again with its problems) and POST
/// /handout/preview (the form again, every value kept, with page 1 as it will print beside it)
/// and POST /handout/send ("Make and send": the handout emailed to the address typed, then the
/// form again saying so).
struct SingleHandoutRoutes {
    let setup: RenderSetup
    let renderers: FormRenderers
    let audit: AuditLog
    /// The settings file's mail server and sender; nil when email is not set up.
    let mail: BatchMail?
    /// A private folder for the handout while it is sent, and the threads that write it.
    let batches: BatchStore
    let files: BlockingWork

    func add(to router: RouterGroup<PageContext>) {
        router.get("/", use: form)
        router.post("/handout", use: create)
        router.post("/handout/preview", use: preview)
        router.post("/handout/send", use: send)
    }

    /// Page 1 at this resolution: sharp on a tablet beside the form, quick to draw.
    static let previewDPI = 72

    @Sendable func form(_ request: Request, context: PageContext) async throws -> Response {
        let text = UIText.forCode(request.uri.queryParameters["ui"].map(String.init))
        var form = HandoutForm(choices: setup.defaults)
        form.printedOn = PrintedOnField.today.description
        if let topic = request.uri.queryParameters["topic"].map(String.init), let known = setup.topics.first(where: { $0.topic == topic }) {
            form.choices.topic = topic
            if !known.languages.contains(form.choices.language) { form.choices.language = known.languages.first ?? form.choices.language }
        }
        return Pages.html(page(text, context.session).render(form))
    }

    private func page(_ text: UIText, _ session: Session) -> HandoutPage {
        HandoutPage(setup: setup, text: text, session: session, canMail: mail != nil)
    }

    /// The handout made and emailed to the address on the form (never logged), in a private
    /// folder removed at once; the form again, every value kept, saying whether it was sent.
    @Sendable func send(_ request: Request, context: PageContext) async throws -> Response {
        let text = UIText.forCode(request.uri.queryParameters["ui"].map(String.init))
        let session = context.session
        var form = HandoutForm(context.form, setup: setup)
        let address = (form.values[.email] ?? "").trimmingCharacters(in: .whitespaces)
        if mail == nil {
            form.errors["form"] = text.form.mailNotSetUp
        } else if !PatientFields.isPlausibleEmail(address) {
            form.errors[PatientField.email.rawValue] = text.form.emailNeeded
        }
        guard form.errors.isEmpty, let mail, let pdf = try await made(&form, text, previewDPI: nil) else { return refused(form, text, session) }
        let id = form.record[.id] ?? ""
        var sent = false
        if let made = try? batches.makeFolder() {
            let attachment = URL(fileURLWithPath: made.folder.path).appendingPathComponent(Self.fileName(for: id))
            let data = pdf.data
            if (try? await files.run { try DurableFile.write(data, directory: attachment.deletingLastPathComponent().path, name: attachment.lastPathComponent) }) != nil {
                // The visit as mail reads it from a record (its text rules; a date that is no day names none).
                let appointment = (try? PatientFields.contact(from: form.record, source: "form"))?.appointment
                sent = await mail.send(attachment, id: id, to: address, topic: form.choices.topic, language: form.choices.language,
                                       appointment: appointment)
            }
            _ = try? await files.run { [batches] in batches.removeFolder(made.folder) }
        }
        if sent { audit.record(.mailedHandout, user: session.user, recordID: RecordFileName.displayable(id), count: 1) }
        form.notice = sent ? text.form.sent : text.form.notSent
        return Pages.html(page(text, session).render(form), status: sent ? .ok : .unprocessableContent)
    }

    @Sendable func create(_ request: Request, context: PageContext) async throws -> Response {
        let text = UIText.forCode(request.uri.queryParameters["ui"].map(String.init))
        let session = context.session
        var form = HandoutForm(context.form, setup: setup)
        switch try await made(&form, text, previewDPI: nil) {
        case nil: return refused(form, text, session)
        case let pdf?:
            let id = form.record[.id] ?? ""
            audit.record(.madeHandout, user: session.user, recordID: RecordFileName.displayable(id), count: 1)
            return Response(status: .ok, headers: [
                .contentType: "application/pdf",
                .contentDisposition: "inline; filename=\"\(Self.fileName(for: id))\"",
                .cacheControl: "no-store",
                // The browser's PDF viewer shows it; nothing in it may load anything else.
                .csp: "default-src 'none'; frame-ancestors 'none'",
            ], body: .init(byteBuffer: ByteBuffer(bytes: pdf.data)))
        }
    }

    @Sendable func preview(_ request: Request, context: PageContext) async throws -> Response {
        let text = UIText.forCode(request.uri.queryParameters["ui"].map(String.init))
        let session = context.session
        var form = HandoutForm(context.form, setup: setup)
        guard let pdf = try await made(&form, text, previewDPI: Self.previewDPI), let page1 = pdf.previews.first else {
            return refused(form, text, session)
        }
        var response = Pages.html(page(text, session).render(form, preview: page1))
        response.headers[.cacheControl] = "no-store"
        return response
    }

    /// The handout the form describes, or nil with the form's errors noted.
    private func made(_ form: inout HandoutForm, _ text: UIText, previewDPI: Int?) async throws -> RenderedPDF? {
        let today = CalendarDate(Date())
        form.checkComplete(text)
        guard form.checkEveryField(text, today: today, languages: setup.configuration.languages) else { return nil }
        let password = form.choices.kind == .password ? form.password : nil
        do {
            let run = try setup.request(printedOn: form.printedDay, form: form.choices, previewDPI: previewDPI)
            let patient = try PatientFields.build(from: form.record, source: "form", today: today,
                                                  languages: setup.configuration.languages)
            return try await renderers.render(patient, run, password: password)
        } catch let error as InputError {
            form.note(error, text)
        } catch is RendererSlots.Busy {
            form.errors["form"] = text.form.busy
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            form.errors["form"] = text.form.rendererFailed
        }
        return nil
    }

    private func refused(_ form: HandoutForm, _ text: UIText, _ session: Session) -> Response {
        Pages.html(page(text, session).render(form), status: .unprocessableContent)
    }

    /// The record id's file name by the one rule batch and mail use (``RecordFileName``), else
    /// "handout.pdf": either is plain ASCII a header can carry.
    static func fileName(for id: String) -> String {
        RecordFileName.problem(with: id) == nil ? RecordFileName.pdfName(for: id) : "handout.pdf"
    }
}
