import Foundation
import Yams

/// The notice a patient gets at the top of an English handout (and email) when their language has
/// no translation the run may use: "This handout is in English. Call {phone} for free help in
/// <their language>.", in their language (`Resources/Languages/notices.yaml`, one quoted line per
/// language tag). Read once, on the first lookup.
public struct LanguageNotices: Sendable {
    /// Language tag → notice, with `{phone}`.
    public let notices: [String: String]

    public static let placeholder = "{phone}"

    public static let bundled: LanguageNotices = {
        guard let url = Bundle.module.url(forResource: "notices", withExtension: "yaml", subdirectory: "Resources/Languages"),
              let text = try? String(contentsOf: url, encoding: .utf8) else {
            preconditionFailure("Resources/Languages/notices.yaml is missing from the HandoutCore bundle: the installation is incomplete")
        }
        do {
            return try LanguageNotices(yaml: text, source: url.path)
        } catch {
            preconditionFailure("Resources/Languages/notices.yaml: \(error.localizedDescription)")
        }
    }()

    /// Refuses a notice without `{phone}` (the help it promises needs the number) and a key that is
    /// no language tag ("es", "zh-Hant").
    public init(yaml text: String, source: String) throws(InputError) {
        let notices: [String: String] = try ContentLoader.decode(text: text, source: source)
        if let key = notices.keys.sorted().first(where: { !ContentCatalog.isLanguageTag($0) }) {
            throw .invalidYAML(source: source, line: nil, column: nil, problem: "key '\(EchoedText.escaped(key))' is not a language tag like es or zh-Hant")
        }
        if let key = notices.keys.sorted().first(where: { !notices[$0]!.contains(Self.placeholder) }) {
            throw .invalidYAML(source: source, line: nil, column: nil, problem: "key '\(key)': the notice must give the clinic's phone as \(Self.placeholder)")
        }
        self.notices = notices
    }

    /// The notice for `language` (a tag as the content is named by), with the clinic's phone; nil
    /// when there is none in that language. The phone is isolated (FSI…PDI), as `Strings` fills
    /// values, so that in an Arabic, Persian or Urdu notice "(555) 555-0142" keeps its order.
    public func notice(for language: String, phone: String) -> LanguageNotice? {
        notices[language].map { LanguageNotice(language: language, text: Template.fill($0, ["phone": "\u{2068}\(phone)\u{2069}"])) }
    }
}

/// A notice in another language than the handout's, with the tag of its own language, so that a
/// screen reader speaks it in that language and Pango picks that language's glyphs.
public struct LanguageNotice: Sendable, Hashable {
    public var language: String
    public var text: String

    public init(language: String, text: String) {
        self.language = language
        self.text = text
    }
}
