import Foundation
import HandoutBatch
import HandoutCore

/// The batch pages: the upload form, the check (mapping, rows that can be made), the progress
/// (updated by /static/batch.js, or by the Refresh link), the failed rows, sending by email and
/// the download.
struct BatchPage {
    let text: UIText
    let session: Session
    let uploadLimit: Int
    let canMail: Bool
    /// Whether the server has a settings file to save a mapping in.
    let canSave: Bool
    /// How long a finished batch is kept.
    let keep: TimeInterval

    private func page(_ body: String) -> String {
        HTML.page(title: text.batchTitle, text: text, signedIn: session.user, csrf: session.csrf, current: "/batch", body: body)
    }

    private var csrf: String { "<input type=\"hidden\" name=\"csrf\" value=\"\(HTML.escape(session.csrf))\">" }

    func upload(problem: String?) -> String {
        var body = ""
        var described = "csv-hint"
        if let problem {
            body += "<p class=\"error\" id=\"csv-error\" role=\"alert\">\(HTML.escape(problem))</p>"
            described += " csv-error"
        }
        body += """
        <form method="post" action="/batch?ui=\(text.code)" enctype="multipart/form-data" class="upload">\(csrf)\
        <div class="field"><label for="csv">\(HTML.escape(text.csvLabel))</label>\
        <p class="hint" id="csv-hint">\(HTML.escape(text.filled(text.uploadHint, uploadLimit / 1_000_000)))</p>\
        <input type="file" id="csv" name="csv" accept=".csv,text/csv" aria-describedby="\(described)"\(problem == nil ? "" : " aria-invalid=\"true\"")></div>\
        <p><button type="submit" id="f-check" class="primary">\(HTML.escape(text.checkFile))</button></p></form>
        """
        return page(body)
    }

    func gone() -> String {
        page("<p class=\"notice\" role=\"alert\">\(HTML.escape(text.batchGone))</p><p><a href=\"/batch?ui=\(text.code)\">\(HTML.escape(text.navBatch))</a></p>")
    }

    /// `printedOn`: the start form's day as typed and its problem, when it was refused.
    /// `ahead`: how many batches and handouts wait for renderers before this one, while it waits.
    /// `notice`: what saving the columns did.
    func status(_ job: BatchJob, printedOn: (typed: String, problem: String)? = nil, ahead: Int? = nil, notice: String? = nil) -> String {
        switch job.current {
        case let .checked(check):
            return page(checked(check, job: job, printedOn: printedOn, notice: notice))
        case let .waiting(total, _):
            return page(progress(job, done: 0, failed: 0, total: total, running: true, waiting: ahead ?? 0))
        case let .running(done, failed, total):
            return page(progress(job, done: done, failed: failed, total: total, running: true) + failures(job))
        case let .finished(produced, failed, total):
            let made = progress(job, done: produced + failed, failed: failed, total: total, running: false)
            if let mail = job.mail, mail.sending { return page(made + sending(job, mail) + failures(job)) }
            let download = "<p><a id=\"download\" class=\"button primary\" href=\"/batch/\(job.id)/zip?ui=\(text.code)\">\(HTML.escape(text.download))</a></p>"
            let kept = text.finished.replacingOccurrences(of: "%s", with: ShownTime.day(job.made.addingTimeInterval(keep)))
            return page(made + "<p>\(HTML.escape(kept)) <a href=\"/batches?ui=\(text.code)\">\(HTML.escape(text.batches.nav))</a></p>"
                        + mailPart(job) + download + failures(job))
        case let .broken(reason):
            return page("<p class=\"error\" role=\"alert\">\(HTML.escape(reason))</p><p><a href=\"/batch?ui=\(text.code)\">\(HTML.escape(text.navBatch))</a></p>")
        }
    }

    /// Every column of the upload with a choice of field (as the detection and the saved
    /// mapping found them), the count of rows that can be made (kept current by
    /// /static/batch.js; "Check again" without it), saving the choices, and the start.
    private func checked(_ check: BatchJob.Check, job: BatchJob, printedOn: (typed: String, problem: String)?, notice: String?) -> String {
        let words = ColumnWords(text)
        let query = "?ui=\(text.code)"
        // Past a form's field limit the columns are listed, not chosen: the start's form must stay readable.
        let choosing = check.columns.headers.count <= ColumnChoices.maximumColumns
        let rows = check.columns.headers.enumerated().map { column, header in
            let name = ColumnChoices.formName(column)
            let shown = header.isEmpty ? text.filled(words.unnamed, column + 1) : EchoedText.escaped(header)
            guard choosing else {
                let field = check.columns.fields[column].map { "\(words.label($0)) (\($0))" } ?? words.notUsed
                return "<tr><th scope=\"row\">\(HTML.escape(shown))</th><td>\(HTML.escape(field))</td></tr>"
            }
            let options = ([("", words.notUsed)] + ColumnChoices.choosable.map { ($0, "\(words.label($0)) (\($0))") }).map { value, label in
                let selected = (check.columns.fields[column] ?? "") == value ? " selected" : ""
                return "<option value=\"\(value)\"\(selected)>\(HTML.escape(label))</option>"
            }.joined()
            return "<tr><th scope=\"row\"><label for=\"\(name)\">\(HTML.escape(shown))</label></th>"
                + "<td><select id=\"\(name)\" name=\"\(name)\">\(options)</select></td></tr>"
        }.joined()
        let problem = check.problem.map { words.problem($0) } ?? ""
        let count = check.countLine(text)
        var body = """
        <h2>\(HTML.escape(text.mappingTitle))</h2>\
        <form method="post" action="/batch/\(job.id)/start\(query)" id="columns" data-count="/batch/\(job.id)/columns/count\(query)">\(csrf)\
        <p class="hint" id="columns-hint">\(HTML.escape(words.hint))</p>\
        <table aria-describedby="columns-hint"><thead><tr><th scope="col">\(HTML.escape(text.columnHeader))</th>\
        <th scope="col">\(HTML.escape(text.fieldHeader))</th></tr></thead><tbody>\(rows)</tbody></table>\
        <p id="row-count" role="status" aria-live="polite">\(HTML.escape(count))</p>\
        <p id="columns-problem" role="alert"\(problem.isEmpty ? " hidden" : " class=\"error\"")>\(HTML.escape(problem))</p>
        """
        if let notice { body += "<p class=\"notice\" role=\"status\">\(HTML.escape(notice))</p>" }
        if !choosing {
            body += "<p class=\"hint\">\(HTML.escape(text.filled(words.tooManyColumns, check.columns.headers.count)))</p>"
        } else {
            body += "<p><button type=\"submit\" id=\"recount\" formaction=\"/batch/\(job.id)/columns\(query)\">\(HTML.escape(words.recount))</button>"
            if canSave {
                body += " <button type=\"submit\" id=\"save-mapping\" formaction=\"/batch/\(job.id)/columns/save\(query)\" aria-describedby=\"save-hint\">"
                    + "\(HTML.escape(words.save))</button></p><p class=\"hint\" id=\"save-hint\">\(HTML.escape(words.saveHint))</p>"
            } else {
                body += "</p><p class=\"hint\">\(HTML.escape(words.noSettingsFile))</p>"
            }
        }
        if let printedOn { body += "<p class=\"error\" role=\"alert\">\(HTML.escape(printedOn.problem))</p>" }
        let notes = check.reasons + check.warnings
        if !notes.isEmpty { body += "<ul class=\"reasons\">" + notes.map { "<li>\(HTML.escape($0))</li>" }.joined() + "</ul>" }
        body += """
        \(PrintedOnField.html(text, value: printedOn?.typed ?? PrintedOnField.today.description, error: printedOn?.problem))\
        <p><button type="submit" id="start" class="primary"\(check.problem == nil ? "" : " disabled")>\(HTML.escape(text.startBatch))</button></p>\
        </form><script src="/static/batch.js"></script>
        """
        return body
    }

    private func progress(_ job: BatchJob, done: Int, failed: Int, total: Int, running: Bool, waiting: Int? = nil) -> String {
        let line = waiting.map { text.filled(text.queued, $0) } ?? text.filled(text.progress, done, total, failed)
        var html = "<h2>\(HTML.escape(text.progressTitle))</h2>"
        html += "<progress id=\"bar\" max=\"\(max(total, 1))\" value=\"\(done)\" aria-labelledby=\"counts\"></progress>"
        html += "<p id=\"counts\" role=\"status\" aria-live=\"polite\""
        if running {
            html += " data-status=\"/batch/\(job.id)/status\" data-while=\"\(waiting == nil ? "running" : "waiting")\" data-bar=\"bar\" data-template=\"\(HTML.escape(text.progress))\""
        }
        html += ">\(HTML.escape(line))</p>"
        if running {
            html += "<p><a href=\"/batch/\(job.id)?ui=\(text.code)\">\(HTML.escape(text.refresh))</a></p><script src=\"/static/batch.js\"></script>"
        }
        return html
    }

    private func failures(_ job: BatchJob) -> String {
        rows(text.failedTitle, job.failures.map { ($0.line, $0.id, $0.reason) })
    }

    /// A titled table of rows by line, record id and reason (never a value of the row), the first
    /// `BatchJob.shownFailures` of them.
    private func rows(_ title: String, _ rows: [(line: Int, id: String, reason: String)]) -> String {
        guard !rows.isEmpty else { return "" }
        let shown = rows.prefix(BatchJob.shownFailures)
        let more = rows.count > shown.count ? "<p>\(HTML.escape(text.filled(text.mail.firstShown, shown.count, rows.count)))</p>" : ""
        let body = shown.map { "<tr><td>\($0.line)</td><td>\(HTML.escape($0.id))</td><td>\(HTML.escape($0.reason))</td></tr>" }.joined()
        return """
        <h2>\(HTML.escape(title))</h2>\
        <table><thead><tr><th scope="col">\(HTML.escape(text.lineHeader))</th><th scope="col">\(HTML.escape(text.idHeader))</th>\
        <th scope="col">\(HTML.escape(text.reasonHeader))</th></tr></thead><tbody>\(body)</tbody></table>\(more)
        """
    }

    /// Who can be sent their handout and the button, or what the last round did.
    private func mailPart(_ job: BatchJob) -> String {
        let words = text.mail
        var html = "<h2>\(HTML.escape(words.title))</h2>"
        guard canMail, let mail = job.mail else { return html + "<p>\(HTML.escape(words.notSetUp))</p>" }
        if let problem = mail.problem { return html + "<p class=\"error\">\(HTML.escape(words.noList + problem))</p>" }
        let notSent = mail.notSent
        if mail.rounds == 0 {
            let plan = mail.recipients.count == 1 ? words.planOne : text.filled(words.plan, mail.recipients.count)
            html += "<p>\(HTML.escape(plan))</p>"
            if !mail.recipients.isEmpty {
                html += "<p>\(HTML.escape(words.onlyNew))</p>"
                html += sendButton(job, mail.recipients.count == 1 ? words.sendOne : text.filled(words.sendMany, mail.recipients.count))
            }
        } else {
            html += "<p>\(HTML.escape(text.filled(words.summary, mail.sent, mail.recipients.count, notSent.count)))</p>"
            if let reason = mail.stopReason { html += "<p class=\"error\" role=\"alert\">\(HTML.escape(words.stopped + reason))</p>" }
            if notSent.isEmpty && mail.sent == mail.recipients.count { html += "<p>\(HTML.escape(words.allSent))</p>" }
            html += rows(words.notSentTitle, notSent)
            if mail.sent < mail.recipients.count { html += sendButton(job, words.sendAgain) }
            html += "<p>\(HTML.escape(words.downloadHasJournal))</p>"
        }
        return html + rows(words.unmailedTitle, mail.unmailed.map { ($0.line, $0.id ?? "", $0.message) })
    }

    private func sendButton(_ job: BatchJob, _ label: String) -> String {
        """
        <form method="post" action="/batch/\(job.id)/mail?ui=\(text.code)">\(csrf)\
        <p><button type="submit" id="send" class="primary">\(HTML.escape(label))</button></p></form>
        """
    }

    /// A round of sending under way: its counts, updated like the batch's.
    private func sending(_ job: BatchJob, _ mail: BatchJob.Mailing) -> String {
        let words = text.mail
        let line = text.filled(words.sending, mail.roundDone, mail.recipients.count, mail.notSent.count)
        return """
        <h2>\(HTML.escape(words.sendingTitle))</h2>\
        <progress id="mail-bar" max="\(max(mail.recipients.count, 1))" value="\(mail.roundDone)" aria-labelledby="mail-counts"></progress>\
        <p id="mail-counts" role="status" aria-live="polite" data-status="/batch/\(job.id)/status" data-while="mailing" data-bar="mail-bar" \
        data-template="\(HTML.escape(words.sending))">\(HTML.escape(line))</p>\
        <p><a href="/batch/\(job.id)?ui=\(text.code)">\(HTML.escape(text.refresh))</a></p><script src="/static/batch.js"></script>
        """
    }
}
