import Foundation

/// The subject and body of a handout email in one language.
///
/// Templates live in `Resources/Templates/<language>.txt`: a first line
/// `Subject: ...`, an empty line, then the body. The only placeholder is `{clinic}`
/// (the sender's display name). By design there is no placeholder for the patient's
/// name, diagnosis, procedure or birth date: the greeting is a plain "Hello," and
/// the subject stays generic, so nothing private shows in inbox lists, on lock
/// screens or in a mistyped address's mailbox. The handout itself carries the rest.
public struct MailTemplate: Sendable, Equatable {
    public var subject: String
    public var body: String

    public init(subject: String, body: String) {
        self.subject = subject
        self.body = body
    }

    /// Languages that have a bundled template.
    public static let bundledLanguages = ["en", "es"]

    /// The bundled template for `language` (`es`, `es-MX`, `ES` all give Spanish);
    /// English when there is none for that language.
    public static func bundled(language: String) throws(MailTemplateError) -> MailTemplate {
        let base = language.lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map(String.init) ?? ""
        let chosen = bundledLanguages.contains(base) ? base : "en"
        guard let url = Bundle.module.url(forResource: chosen, withExtension: "txt", subdirectory: "Templates"),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else { throw .missing(language: chosen) }
        return try parse(text)
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

    /// The template with `{clinic}` replaced.
    public func filled(clinic: String) -> MailTemplate {
        MailTemplate(
            subject: subject.replacingOccurrences(of: "{clinic}", with: clinic),
            body: body.replacingOccurrences(of: "{clinic}", with: clinic))
    }
}

public enum MailTemplateError: Error, Equatable, Sendable, LocalizedError {
    case missing(language: String)
    case malformed

    public var errorDescription: String? {
        switch self {
        case .missing(let language):
            "The email template for language '\(language)' is missing from the HandoutMail resources; reinstall handout."
        case .malformed:
            "The email template must start with 'Subject: ...', then an empty line, then the body."
        }
    }
}
