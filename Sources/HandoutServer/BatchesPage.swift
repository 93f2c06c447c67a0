import Foundation
import HandoutCore
import HandoutLedger

/// The Batches page: every kept batch (who ran it, when, its counts, until when it is kept, open
/// and download again) and the patient lookup: what the ledger has for one record id (record id,
/// batch, times, statuses: never a name or an address, which the ledger does not hold), with
/// "Print again" and "Resend" for the kept batches that made it.
struct BatchesPage {
    let text: UIText
    let session: Session
    let keep: TimeInterval
    let canMail: Bool
    /// The data folder: a ledger's batch under it that is no longer kept was removed.
    let root: String

    private var words: BatchesText { text.batches }
    private var query: String { "?ui=\(text.code)" }

    private func page(_ body: String) -> String {
        HTML.page(title: words.nav, text: text, signedIn: session.user, csrf: session.csrf, current: "/batches", body: body)
    }

    /// The kept batches, newest first, and the lookup form.
    func list(_ batches: [BatchJob]) -> String {
        var body = "<p>\(HTML.escape(text.filled(words.intro, Int(keep / 86_400))))</p>"
        body += lookupForm(typed: "", problem: nil)
        guard !batches.isEmpty else { return page(body + "<h2>\(HTML.escape(words.title))</h2><p>\(HTML.escape(words.none))</p>") }
        let rows = batches.map { job -> String in
            guard case let .finished(produced, failed, _) = job.current else { return "" }
            let counts = text.filled(words.counts, produced, failed, job.emailedCount)
            return """
            <tr><td>\(ShownTime.minute(job.made))</td><td>\(HTML.escape(job.user ?? words.noUser))</td><td>\(HTML.escape(counts))</td>\
            <td>\(ShownTime.day(job.made.addingTimeInterval(keep)))</td>\
            <td><a href="/batch/\(job.id)\(query)">\(HTML.escape(words.open))<span class="visually-hidden"> \(job.id.prefix(8))</span></a> · \
            <a href="/batch/\(job.id)/zip\(query)">\(HTML.escape(words.downloadAgain))<span class="visually-hidden"> \(job.id.prefix(8))</span></a></td></tr>
            """
        }.joined()
        body += """
        <h2>\(HTML.escape(words.title))</h2>\
        <table><thead><tr><th scope="col">\(HTML.escape(words.madeHeader))</th><th scope="col">\(HTML.escape(words.userHeader))</th>\
        <th scope="col">\(HTML.escape(words.countsHeader))</th><th scope="col">\(HTML.escape(words.expiresHeader))</th>\
        <th scope="col">\(HTML.escape(words.actionsHeader))</th></tr></thead><tbody>\(rows)</tbody></table>
        """
        return page(body)
    }

    /// The lookup's form, with what was typed and its problem.
    private func lookupForm(typed: String, problem: String?) -> String {
        var described = "lookup-hint"
        var error = ""
        if let problem {
            error = "<p class=\"error\" id=\"lookup-error\" role=\"alert\">\(HTML.escape(problem))</p>"
            described += " lookup-error"
        }
        return """
        <h2>\(HTML.escape(words.lookupTitle))</h2>\(error)\
        <form method="get" action="/batches/lookup" class="lookup"><input type="hidden" name="ui" value="\(text.code)">\
        <div class="field"><label for="record">\(HTML.escape(words.lookupLabel))</label>\
        <p class="hint" id="lookup-hint">\(HTML.escape(words.lookupHint))</p>\
        <input type="text" id="record" name="id" value="\(HTML.escape(typed))" maxlength="\(BatchesRoutes.maximumIDLength)" \
        aria-describedby="\(described)"\(problem == nil ? "" : " aria-invalid=\"true\"")></div>\
        <p><button type="submit" class="primary">\(HTML.escape(words.lookupButton))</button></p></form>
        """
    }

    /// The lookup refused: no id, or too long a one.
    func refused(typed: String, problem: String) -> String {
        page(lookupForm(typed: typed, problem: problem))
    }

    /// One record id's events from the ledger, oldest first, and the kept batches that made its
    /// handout. `kept`: the batch of each kept folder, by the folder's path as the ledger names it.
    /// `notice`: what a resend did.
    func lookup(id: String, events: [LedgerEvent], kept: [String: BatchJob], notice: String? = nil) -> String {
        let shownID = EchoedText.escaped(id)
        var body = lookupForm(typed: id, problem: nil)
        if let notice { body += "<p class=\"notice\" role=\"status\">\(HTML.escape(notice))</p>" }
        body += "<h2>\(HTML.escape(words.historyTitle.replacingOccurrences(of: "%@", with: shownID)))</h2>"
        guard !events.isEmpty else { return page(body + "<p>\(HTML.escape(words.lookupEmpty))</p>") }
        let rows = events.map { event in
            """
            <tr><td>\(HTML.escape(ShownTime.minute(ledger: event.at)))</td><td>\(HTML.escape(words.kind(event.kind)))</td>\
            <td>\(batchCell(event.batch, kept))</td><td>\(HTML.escape(event.status))</td></tr>
            """
        }.joined()
        body += """
        <table><thead><tr><th scope="col">\(HTML.escape(words.whenHeader))</th><th scope="col">\(HTML.escape(words.whatHeader))</th>\
        <th scope="col">\(HTML.escape(words.batchHeader))</th><th scope="col">\(HTML.escape(words.statusHeader))</th></tr></thead>\
        <tbody>\(rows)</tbody></table>
        """
        var seen = Set<String>()
        let made = events.filter { $0.kind == "made" }.compactMap { kept[$0.batch] }.filter { seen.insert($0.id).inserted }
        guard !made.isEmpty else { return page(body) }
        let field = "<input type=\"hidden\" name=\"record\" value=\"\(HTML.escape(id))\">"
        let actions = made.map { job in
            var html = "<li>\(ShownTime.minute(job.made)) (\(job.id.prefix(8))): "
            html += "<a href=\"/batches/\(job.id)/pdf?record=\(URLQuery.escape(id))&amp;ui=\(text.code)\">\(HTML.escape(words.printAgain))</a>"
            if canMail {
                html += """
                 <form method="post" action="/batches/\(job.id)/resend\(query)" class="inline">\
                <input type="hidden" name="csrf" value="\(HTML.escape(session.csrf))">\(field)\
                <button type="submit">\(HTML.escape(words.resend))</button></form>
                """
            }
            return html + "</li>"
        }.joined()
        return page(body + "<h2>\(HTML.escape(words.keptTitle))</h2><ul class=\"kept\">\(actions)</ul>")
    }

    /// A batch as the lookup names it: a kept one by its time and short id (a link), one of this
    /// server's no longer kept by its short id and "removed", another (`handout batch`'s folder)
    /// by the folder's name.
    private func batchCell(_ folder: String, _ kept: [String: BatchJob]) -> String {
        if let job = kept[folder] {
            return "<a href=\"/batch/\(job.id)\(query)\">\(ShownTime.minute(job.made)) (\(job.id.prefix(8)))</a>"
        }
        let batch = URL(fileURLWithPath: folder).deletingLastPathComponent()
        if batch.deletingLastPathComponent().path == root {
            return HTML.escape("\(batch.lastPathComponent.prefix(8)) \(words.removed)")
        }
        return HTML.escape(EchoedText.escaped(URL(fileURLWithPath: folder).lastPathComponent))
    }
}

/// A value put into a link's query: every byte but letters, digits and `-._~` percent-encoded.
enum URLQuery {
    static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }

    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}
