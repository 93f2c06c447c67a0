/// The batch pages: the upload form, the check (mapping, rows that can be made), the progress
/// (updated by /static/batch.js, or by the Refresh link), the failed rows and the download.
struct BatchPage {
    let text: UIText
    let session: Session
    let uploadLimit: Int

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

    func status(_ job: BatchJob) -> String {
        switch job.current {
        case let .checked(check):
            return page(checked(check, job: job))
        case let .running(done, failed, total):
            return page(progress(job, done: done, failed: failed, total: total, running: true) + failures(job))
        case let .finished(produced, failed, total):
            let download = "<p><a id=\"download\" class=\"button primary\" href=\"/batch/\(job.id)/zip?ui=\(text.code)\">\(HTML.escape(text.download))</a></p>"
            return page(progress(job, done: produced + failed, failed: failed, total: total, running: false)
                + "<p>\(HTML.escape(text.finished))</p>" + download + failures(job))
        case let .broken(reason):
            return page("<p class=\"error\" role=\"alert\">\(HTML.escape(reason))</p><p><a href=\"/batch?ui=\(text.code)\">\(HTML.escape(text.navBatch))</a></p>")
        }
    }

    private func checked(_ check: BatchJob.Check, job: BatchJob) -> String {
        let rows = check.mapping.map { "<tr><td>\(HTML.escape($0.header))</td><td>\(HTML.escape($0.field))</td></tr>" }.joined()
        var body = """
        <h2>\(HTML.escape(text.mappingTitle))</h2>\
        <table><thead><tr><th scope="col">\(HTML.escape(text.columnHeader))</th><th scope="col">\(HTML.escape(text.fieldHeader))</th></tr></thead>\
        <tbody>\(rows)</tbody></table>\
        <p>\(HTML.escape(text.filled(text.rowsValid, check.valid, check.records)))</p>
        """
        let notes = check.reasons + check.warnings
        if !notes.isEmpty { body += "<ul class=\"reasons\">" + notes.map { "<li>\(HTML.escape($0))</li>" }.joined() + "</ul>" }
        body += """
        <form method="post" action="/batch/\(job.id)/start?ui=\(text.code)">\(csrf)\
        <p><button type="submit" id="start" class="primary">\(HTML.escape(text.startBatch))</button></p></form>
        """
        return body
    }

    private func progress(_ job: BatchJob, done: Int, failed: Int, total: Int, running: Bool) -> String {
        let line = text.filled(text.progress, done, total, failed)
        var html = "<h2>\(HTML.escape(text.progressTitle))</h2>"
        html += "<progress id=\"bar\" max=\"\(max(total, 1))\" value=\"\(done)\" aria-labelledby=\"counts\"></progress>"
        html += "<p id=\"counts\" role=\"status\" aria-live=\"polite\""
        if running {
            html += " data-status=\"/batch/\(job.id)/status\" data-template=\"\(HTML.escape(text.progress))\""
        }
        html += ">\(HTML.escape(line))</p>"
        if running {
            html += "<p><a href=\"/batch/\(job.id)?ui=\(text.code)\">\(HTML.escape(text.refresh))</a></p><script src=\"/static/batch.js\"></script>"
        }
        return html
    }

    private func failures(_ job: BatchJob) -> String {
        let failures = job.failures
        guard !failures.isEmpty else { return "" }
        let rows = failures.map { "<tr><td>\($0.line)</td><td>\(HTML.escape($0.id))</td><td>\(HTML.escape($0.reason))</td></tr>" }.joined()
        return """
        <h2>\(HTML.escape(text.failedTitle))</h2>\
        <table><thead><tr><th scope="col">\(HTML.escape(text.lineHeader))</th><th scope="col">\(HTML.escape(text.idHeader))</th>\
        <th scope="col">\(HTML.escape(text.reasonHeader))</th></tr></thead><tbody>\(rows)</tbody></table>
        """
    }
}
