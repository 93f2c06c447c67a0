import Foundation

/// The subject and body of a handout email in one language, and its optional paragraphs.
///
/// Templates live in `Resources/Templates/<language>.txt`: a first line
/// `Subject: ...`, an empty line, then the body. The placeholders are `{clinic}` and `{phone}`
/// (from the clinic details, never from the sender's display name) and three paragraphs of
/// their own: `{visit}` (what the handout is for: the visit's day and time, before or after it,
/// from `<language>.visit.txt`), `{protected}` (how to open a password-protected PDF, from
/// `<language>.protected.txt`, or nothing) and `{noreply}` (from `<language>.noreply.txt`, only
/// when replies go to a no-reply address). By design there is no placeholder for the patient's
/// name, diagnosis, procedure, birth date or password: the greeting is a plain "Hello," and the
/// subject stays generic, so nothing private shows in inbox lists, on lock screens or in a
/// mistyped address's mailbox. The handout itself carries the rest.
public struct MailTemplate: Sendable, Equatable {
    public var subject: String
    public var body: String
    /// How to open a password-protected PDF (never the password).
    public var protectedNote: String
    /// What the handout is for, by kind of visit; nil: the `{visit}` paragraph is left out.
    public var visitParagraphs: VisitParagraphs?
    /// Asks the patient to call rather than reply, for a no-reply sender.
    public var noReplyNote: String
    /// The language the visit's day is written in.
    public var language: String

    public init(subject: String, body: String, protectedNote: String = "", visitParagraphs: VisitParagraphs? = nil,
                noReplyNote: String = "", language: String = "en") {
        self.subject = subject
        self.body = body
        self.protectedNote = protectedNote
        self.visitParagraphs = visitParagraphs
        self.noReplyNote = noReplyNote
        self.language = language
    }

    /// Languages that have a bundled template: every `Templates/<language>.txt`, sorted (the
    /// folder is found by the English one, which every installation has).
    public static let bundledLanguages: [String] = {
        guard let english = Bundle.module.url(forResource: "en", withExtension: "txt", subdirectory: "Templates") else { return [] }
        let folder = english.deletingLastPathComponent().path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".txt") }.map { String($0.dropLast(".txt".count)) }.filter { !$0.contains(".") }.sorted()
    }()

    /// The bundled language used for `language`: the tag itself in any case (`zh-hant` gives
    /// `zh-Hant`), else its first subtag (`es`, `es-MX`, `ES` all give `es`); `en` when there is
    /// none for that language.
    public static func bundledLanguage(for language: String) -> String {
        let tag = language.replacingOccurrences(of: "_", with: "-").lowercased()
        if let same = bundledLanguages.first(where: { $0.lowercased() == tag }) { return same }
        let base = tag.split(separator: "-").first.map(String.init) ?? ""
        return bundledLanguages.contains(base) ? base : "en"
    }

    /// The bundled template for `language`; English when there is none for that language.
    public static func bundled(language: String) throws(MailTemplateError) -> MailTemplate {
        let chosen = bundledLanguage(for: language)
        func resource(_ name: String) throws(MailTemplateError) -> String {
            guard let url = Bundle.module.url(forResource: name, withExtension: "txt", subdirectory: "Templates"),
                let text = try? String(contentsOf: url, encoding: .utf8)
            else { throw .missing(language: chosen) }
            return text
        }
        var template = try parse(try resource(chosen))
        template.protectedNote = try resource(chosen + ".protected").trimmingCharacters(in: .whitespacesAndNewlines)
        template.noReplyNote = try resource(chosen + ".noreply").trimmingCharacters(in: .whitespacesAndNewlines)
        template.visitParagraphs = try VisitParagraphs.parse(try resource(chosen + ".visit"))
        template.language = chosen
        return template
    }

    /// Parses template text (`Subject: ...`, empty line, body).
    public static func parse(_ text: String) throws(MailTemplateError) -> MailTemplate {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n")
        guard normalized.hasPrefix("Subject:"), let end = normalized.range(of: "\n\n") else {
            throw .malformed
        }
        let subject = normalized[normalized.index(normalized.startIndex, offsetBy: 8)..<end.lowerBound]
        return MailTemplate(
            subject: subject.trimmingCharacters(in: .whitespaces),
            body: String(normalized[end.upperBound...]).trimmingCharacters(in: .newlines) + "\n")
    }

    /// The template filled in, each paragraph on its own so that an inserted value is never
    /// scanned again: `{clinic}` and `{phone}` replaced; the `{visit}` paragraph the one for
    /// `visit` (with `{day}` and `{time}`); the `{protected}` paragraph the note when
    /// `passwordProtected`, the `{noreply}` paragraph the note when `noReply`, else removed; an
    /// `updated` handout's `{visit}` paragraph says so first.
    public func filled(clinic: ClinicContact, passwordProtected: Bool, visit: MailVisit? = nil, noReply: Bool = false,
                       updated: Bool = false) -> MailTemplate {
        let values = ["clinic": clinic.name, "phone": clinic.phone]
        var visitValues = values
        visitValues["day"] = visit?.dayWords(language: language)
        visitValues["time"] = visit?.time
        let paragraphs = body.components(separatedBy: "\n\n").compactMap { paragraph -> String? in
            switch paragraph.trimmingCharacters(in: .whitespacesAndNewlines) {
            case "{protected}": passwordProtected ? Self.fill(protectedNote, values) : nil
            case "{noreply}": noReply ? Self.fill(noReplyNote, values) : nil
            case "{visit}": visitParagraphs.map { Self.fill($0.paragraph(for: visit, updated: updated), visitValues) }
            default: Self.fill(paragraph, values)
            }
        }
        return MailTemplate(
            subject: Self.fill(subject, values), body: paragraphs.joined(separator: "\n\n"),
            protectedNote: Self.fill(protectedNote, values), visitParagraphs: visitParagraphs, noReplyNote: noReplyNote, language: language)
    }

    /// Refuses a clinic whose name could not stand in a header (the subject names it): a
    /// control character, written out or RFC 2047-encoded.
    public static func checkHeaderSafe(_ clinic: ClinicContact) throws(MailTemplateError) {
        do {
            try HeaderText.check(clinic.name)
        } catch {
            throw .clinicNameNotHeaderSafe
        }
    }

    /// An inserted value stays inside its line: control characters (line breaks included) become spaces.
    private static func oneLine(_ value: String) -> String {
        String(String.UnicodeScalarView(value.unicodeScalars.map { HeaderText.control(in: [$0]) == nil ? $0 : " " }))
    }

    private static func fill(_ text: String, _ values: [String: String]) -> String {
        var output = ""
        var rest = text[...]
        while let open = rest.firstIndex(of: "{") {
            output += rest[..<open]
            let afterOpen = rest.index(after: open)
            if let close = rest[afterOpen...].firstIndex(of: "}"), let value = values[String(rest[afterOpen..<close])] {
                output += oneLine(value)
                rest = rest[rest.index(after: close)...]
            } else {
                output.append("{")
                rest = rest[afterOpen...]
            }
        }
        return output + rest
    }
}

/// Who the patient should call: the clinic's name and phone, from the clinic details
/// (`--clinic` or the record's clinic columns).
public struct ClinicContact: Sendable, Equatable {
    public var name: String
    public var phone: String

    public init(name: String, phone: String) {
        self.name = name
        self.phone = phone
    }
}

public enum MailTemplateError: Error, Equatable, Sendable, LocalizedError {
    case missing(language: String)
    case malformed
    case clinicNameNotHeaderSafe

    public var errorDescription: String? {
        switch self {
        case .missing(let language):
            "The email template for language '\(language)' is missing from the HandoutMail resources; reinstall handout."
        case .malformed:
            "The email template must start with 'Subject: ...', then an empty line, then the body."
        case .clinicNameNotHeaderSafe:
            "The clinic name holds a line break or control character (written out or RFC 2047-encoded, =?...?=); the email subject names the clinic, so fix the clinic details."
        }
    }
}
