/// Which content a patient asking for a language may get in it, one rule for the handout
/// (`LanguageOptions`), the email (`MailingList`) and the form's email: an original or a reviewed
/// translation always; one no person has reviewed only when the run uses them
/// (`UnreviewedTranslations.use`); and the run's own language (`--lang`, the fallback) always,
/// since the clinic chose it.
public struct TranslationPolicy: Sendable, Hashable {
    /// Each topic's translations no person has reviewed.
    public var unreviewed: [String: Set<String>]
    public var unreviewedTranslations: UnreviewedTranslations
    public var runLanguage: String

    public init(unreviewed: [String: Set<String>] = [:], unreviewedTranslations: UnreviewedTranslations = .englishWithNotice,
                runLanguage: String = "en") {
        self.unreviewed = unreviewed
        self.unreviewedTranslations = unreviewedTranslations
        self.runLanguage = runLanguage
    }

    /// Every file of `catalog` loaded and checked for its review state.
    public init(catalog: ContentCatalog, unreviewedTranslations: UnreviewedTranslations, runLanguage: String) throws(InputError) {
        self.init(unreviewed: try catalog.unreviewedTranslations(), unreviewedTranslations: unreviewedTranslations, runLanguage: runLanguage)
    }

    /// Whether content of `topic` in `language`, when there is some, may be given.
    public func allows(_ topic: String, in language: String) -> Bool {
        language == runLanguage || unreviewedTranslations == .use || !isUnreviewed(topic, in: language)
    }

    public func isUnreviewed(_ topic: String, in language: String) -> Bool {
        unreviewed[topic]?.contains(language) == true
    }

    /// The notice a handout (or email) made in `made` carries for a patient asking for `asked`:
    /// theirs, when the handout is in English instead (the notices say "this handout is in
    /// English") and there is a notice in their language.
    public static func noticeLanguage(asked: String, made: String) -> String? {
        made == "en" && asked != made && LanguageNotices.bundled.notices[asked] != nil ? asked : nil
    }
}
