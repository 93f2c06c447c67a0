import Foundation
import HandoutBatch
import HandoutConfig
import HandoutCore
import HandoutLayout

/// The single-handout form: a small GET form choosing the topic (its factors and languages
/// follow), then the patient, the visit, the factors and the kind of handout. Values come back
/// as typed, errors next to their fields (`aria-describedby`, `aria-invalid`) and in a summary
/// announced on load (`role="alert"`).
struct HandoutPage {
    let setup: RenderSetup
    let text: UIText
    let session: Session
    /// Whether "Make and send" is offered (the settings file sets up email).
    let canMail: Bool

    /// `preview`: page 1 as a PNG, shown beside the form.
    func render(_ form: HandoutForm, preview: Data? = nil) -> String {
        let choices = form.choices
        var body = preview.map(previewFigure) ?? ""
        if !form.errors.isEmpty { body += errorSummary(form) }
        if let notice = form.notice { body += "<p class=\"notice\" role=\"status\">\(HTML.escape(notice))</p>" }
        body += topicForm(choices)
        body += "<form method=\"post\" action=\"/handout?ui=\(text.code)\" class=\"handout\" novalidate>"
        body += hidden("csrf", session.csrf) + hidden("topic", choices.topic)
        body += fieldset(text.patientLegend, HandoutForm.patientFields.map { input($0, form) }.joined())
        body += fieldset(text.visitLegend, HandoutForm.visitFields.map { input($0, form) }.joined())
        body += factors(form)
        body += options(form)
        body += clinic()
        body += "<p><button type=\"submit\" id=\"f-create\" class=\"primary\">\(HTML.escape(text.create))</button> "
            + "<button type=\"submit\" id=\"f-preview\" formaction=\"/handout/preview?ui=\(text.code)\">\(HTML.escape(text.previewPage))</button>"
        if canMail {
            body += " <button type=\"submit\" id=\"f-send\" formaction=\"/handout/send?ui=\(text.code)\">\(HTML.escape(text.form.makeAndSend))</button></p>"
        } else {
            body += "</p><p class=\"hint\">\(HTML.escape(text.form.mailNotSetUp))</p>"
        }
        body += "</form>"
        return HTML.page(title: text.singleTitle, text: text, signedIn: session.user, csrf: session.csrf, current: "/", body: body)
    }

    /// The image is inline (a data: URL): it exists only in this answer, never on disk.
    private func previewFigure(_ png: Data) -> String {
        "<figure class=\"preview\"><img src=\"data:image/png;base64,\(png.base64EncodedString())\" alt=\"\(HTML.escape(text.previewAlt))\">"
            + "<figcaption>\(HTML.escape(text.previewCaption))</figcaption></figure>"
    }

    private func hidden(_ name: String, _ value: String) -> String {
        "<input type=\"hidden\" name=\"\(name)\" value=\"\(HTML.escape(value))\">"
    }

    private func fieldset(_ legend: String, _ content: String) -> String {
        "<fieldset><legend>\(HTML.escape(legend))</legend>\(content)</fieldset>"
    }

    private func errorSummary(_ form: HandoutForm) -> String {
        let items = form.errors.keys.sorted { order($0) < order($1) }.map { key in
            let message = HTML.escape(message(for: key, form.errors[key]!))
            return key == "form" ? "<li>\(message)</li>" : "<li><a href=\"#\(id(key))\">\(message)</a></li>"
        }.joined()
        return "<div class=\"summary\" role=\"alert\" tabindex=\"-1\"><h2>\(HTML.escape(text.errorSummary))</h2><ul>\(items)</ul></div>"
    }

    /// The page's order: the patient and visit fields, the factors, the printed day, the password.
    private func order(_ key: String) -> Int {
        let keys = (HandoutForm.patientFields + HandoutForm.visitFields + [.factors]).map(\.rawValue) + ["printedOn", "password"]
        return keys.firstIndex(of: key) ?? -1
    }

    private func message(for key: String, _ problem: String) -> String {
        if key == "form" { return problem }
        if problem == text.isRequired { return "\(label(key)): \(problem)" }
        return text.form.message(label: label(key), problem: problem)
    }

    private func label(_ key: String) -> String {
        if key == "password" { return text.pdfPassword }
        if key == "printedOn" { return text.form.printedOn }
        return PatientField(rawValue: key).map(text.label) ?? key
    }

    /// "appointment.date" → "f-appointment-date".
    private func id(_ key: String) -> String {
        "f-" + key.replacingOccurrences(of: ".", with: "-")
    }

    private func input(_ field: PatientField, _ form: HandoutForm) -> String {
        let name = field.rawValue
        let fieldID = id(name)
        // The record id may be left empty (the medical record number stands for it).
        let required = PatientField.required.contains(field) && field != .id
        var hints: [String] = []
        var html = "<div class=\"field\"><label for=\"\(fieldID)\">\(HTML.escape(field == .id ? text.form.recordID : text.label(field)))"
        if required { html += " <span class=\"req\">(\(HTML.escape(text.required)))</span>" }
        html += "</label>"
        if field == .id || field == .email {
            html += "<p class=\"hint\" id=\"\(fieldID)-hint\">\(HTML.escape(field == .id ? text.form.recordIDHint : text.form.emailHint))</p>"
            hints.append("\(fieldID)-hint")
        }
        if field == .birthDate || field == .appointmentDate {
            let clinicFormat = setup.configuration.dateFormat.map { text.form.clinicDates.replacingOccurrences(of: "%@", with: $0.pattern) } ?? ""
            html += "<p class=\"hint\" id=\"\(fieldID)-hint\">\(HTML.escape(text.birthDateHint + clinicFormat))</p>"
            hints.append("\(fieldID)-hint")
        }
        if field == .appointmentTime {
            html += "<p class=\"hint\" id=\"\(fieldID)-hint\">\(HTML.escape(text.timeHint))</p>"
            hints.append("\(fieldID)-hint")
        }
        if let error = form.errors[name] {
            html += "<p class=\"error\" id=\"\(fieldID)-error\">\(HTML.escape(message(for: name, error)))</p>"
            hints.append("\(fieldID)-error")
        }
        var attributes = "id=\"\(fieldID)\" name=\"\(name)\""
        if required { attributes += " required aria-required=\"true\"" }
        if form.errors[name] != nil { attributes += " aria-invalid=\"true\"" }
        if !hints.isEmpty { attributes += " aria-describedby=\"\(hints.joined(separator: " "))\"" }
        // Staff type other people's details: the browser must not offer its own user's.
        attributes += " autocomplete=\"off\""
        let value = HTML.escape(form.values[field] ?? "")
        if field == .notes {
            html += "<textarea \(attributes) rows=\"5\">\(value)</textarea>"
        } else {
            html += "<input type=\"text\" \(attributes) value=\"\(value)\">"
        }
        return html + "</div>"
    }

    private func factors(_ form: HandoutForm) -> String {
        let comparison = try? setup.comparison(topic: form.choices.topic, language: form.choices.language)
        let checklists = (comparison?.sections ?? []).flatMap(\.blocks).compactMap { block -> ContentBlock.FactorChecklist? in
            guard case let .factors(checklist) = block else { return nil }
            return checklist
        }
        let name = PatientField.factors.rawValue
        var html = ""
        if let error = form.errors[name] { html += "<p class=\"error\" id=\"f-factors-error\">\(HTML.escape(message(for: name, error)))</p>" }
        let groups = checklists.flatMap(\.groups)
        if groups.isEmpty { html += "<p>\(HTML.escape(text.factorsNone))</p>" }
        for (groupIndex, group) in groups.enumerated() {
            html += "<fieldset class=\"group\"><legend>\(HTML.escape(group.title))</legend>"
            for (index, factor) in group.items.enumerated() {
                let factorID = "factor-\(groupIndex)-\(index)"
                let checked = form.factors.contains(factor.id) ? " checked" : ""
                html += "<div class=\"check\"><input type=\"checkbox\" id=\"\(factorID)\" name=\"factors\" value=\"\(HTML.escape(factor.id))\"\(checked)>"
                html += "<label for=\"\(factorID)\">\(HTML.escape(factor.label))</label></div>"
            }
            html += "</fieldset>"
        }
        let describedBy = form.errors[name] != nil ? " aria-describedby=\"f-factors-error\"" : ""
        return "<fieldset id=\"f-factors\"\(describedBy)><legend>\(HTML.escape(text.factorsLegend))</legend>\(html)</fieldset>"
    }

    private func topicForm(_ choices: HandoutChoices) -> String {
        let options = setup.topics.map { topic, languages in
            let title = (try? setup.comparison(topic: topic, language: languages.contains(text.code) ? text.code : languages.first ?? "en").title) ?? topic
            let selected = topic == choices.topic ? " selected" : ""
            return "<option value=\"\(HTML.escape(topic))\"\(selected)>\(HTML.escape(title))</option>"
        }.joined()
        return """
        <form method="get" action="/" class="topic"><input type="hidden" name="ui" value="\(text.code)">\
        <fieldset><legend>\(HTML.escape(text.topicLegend))</legend><div class="field"><label for="topic">\(HTML.escape(text.topicLabel))</label>\
        <select id="topic" name="topic">\(options)</select></div>\
        <button type="submit">\(HTML.escape(text.showTopic))</button></fieldset></form>
        """
    }

    private func options(_ form: HandoutForm) -> String {
        let choices = form.choices
        let languages = setup.topics.first { $0.topic == choices.topic }?.languages ?? [choices.language]
        let languageOptions = languages.map { code in
            // By the whole tag, so the two Chinese scripts are told apart ("Chinese (Traditional)").
            let name = Locale(identifier: text.code).localizedString(forIdentifier: code) ?? code
            return "<option value=\"\(HTML.escape(code))\"\(code == choices.language ? " selected" : "")>\(HTML.escape(name))</option>"
        }.joined()
        let paperOptions = [(Paper.letter, text.paperLetter), (.a4, text.paperA4)].map { paper, label in
            "<option value=\"\(paper.rawValue)\"\(paper == choices.paper ? " selected" : "")>\(HTML.escape(label))</option>"
        }.joined()
        let kinds = [(HandoutChoices.Kind.standard, text.kindStandard), (.archive, text.kindArchive), (.password, text.kindPassword)].map { kind, label in
            let checked = kind == choices.kind ? " checked" : ""
            return "<div class=\"check\"><input type=\"radio\" id=\"kind-\(kind.rawValue)\" name=\"kind\" value=\"\(kind.rawValue)\"\(checked)>"
                + "<label for=\"kind-\(kind.rawValue)\">\(HTML.escape(label))</label></div>"
        }.joined()
        var passwordAttributes = "aria-describedby=\"f-password-hint\(form.errors["password"] != nil ? " f-password-error" : "")\""
        var passwordError = ""
        if let error = form.errors["password"] {
            passwordAttributes += " aria-invalid=\"true\""
            passwordError = "<p class=\"error\" id=\"f-password-error\">\(HTML.escape(message(for: "password", error)))</p>"
        }
        return """
        <fieldset><legend>\(HTML.escape(text.handoutLegend))</legend>\
        <div class="field"><label for="f-language">\(HTML.escape(text.handoutLanguage))</label><select id="f-language" name="language">\(languageOptions)</select></div>\
        <div class="field"><label for="f-paper">\(HTML.escape(text.paper))</label><select id="f-paper" name="paper">\(paperOptions)</select></div>\
        <div class="check"><input type="checkbox" id="f-large" name="largePrint"\(choices.largePrint ? " checked" : "")><label for="f-large">\(HTML.escape(text.largePrint))</label></div>\
        \(printedOn(form))\
        <fieldset class="group"><legend>\(HTML.escape(text.kindLegend))</legend>\(kinds)</fieldset>\
        <div class="field"><label for="f-password">\(HTML.escape(text.pdfPassword))</label>\
        <p class="hint" id="f-password-hint">\(HTML.escape(text.pdfPasswordHint))</p>\(passwordError)\
        <input type="password" id="f-password" name="password" autocomplete="new-password" \(passwordAttributes)></div>\
        </fieldset>
        """
    }

    /// The day in the footer; the server's clock only prefills it (see `SingleHandoutRoutes.form`).
    private func printedOn(_ form: HandoutForm) -> String {
        PrintedOnField.html(text, value: form.printedOn, error: form.errors[PrintedOnField.name].map { message(for: PrintedOnField.name, $0) })
    }

    private func clinic() -> String {
        guard let clinic = setup.configuration.clinic else {
            return "<p class=\"notice\">\(HTML.escape(text.noClinic))</p>"
        }
        return "<p class=\"clinic\"><span>\(HTML.escape(text.clinicFromSettings)):</span> \(HTML.escape(clinic.name)), \(HTML.escape(clinic.phone))</p>"
    }
}
