import HandoutCore

/// The language a patient's handout is made in and, when that is not the one their record asks
/// for (there is no content in it), the one it asks for: what a language warning says and what
/// `batch --check` counts (`LanguageCounts`).
public struct HandoutLanguage: Sendable, Hashable {
    /// The code of the content's language.
    public var made: String
    /// The record's language when the handout is made in the run's instead: a code
    /// `LanguageCode` knows, else the value as written.
    public var insteadOf: String?
    /// There is a translation in `insteadOf`, but no person has reviewed it and the run does not
    /// use unreviewed translations.
    public var unreviewed: Bool
    /// The handout carries a notice in `insteadOf` saying it is in English and free help is a call away.
    public var notice: Bool

    public init(made: String, insteadOf: String? = nil, unreviewed: Bool = false, notice: Bool = false) {
        self.made = made
        self.insteadOf = insteadOf
        self.unreviewed = unreviewed
        self.notice = notice
    }

    /// How staff's messages name a language: by its English name ("Vietnamese"), or a value
    /// Handout does not know as written, quoted and escaped ("\"Elvish\""). A language's name or
    /// code is no private value; `PatientFields` lets only name-like values through to here.
    public static func named(_ language: String) -> String {
        LanguageCode.englishName(of: language) ?? "\"\(EchoedText.escaped(language))\""
    }

    /// Why a record asking for `insteadOf` is not made in it, with the fix when there is one, and
    /// the notice it gets: "no handout in Vietnamese; a notice in Vietnamese at the top says free
    /// help is a call away"; "the Spanish translation is not reviewed by a person (…)"; "not a
    /// language Handout knows; to use it, …".
    var why: String {
        guard let asked = insteadOf else { return "" }
        let reason = unreviewed
            ? "the \(Self.named(asked)) translation is not reviewed by a person (to give it anyway: unreviewed-translations: use)"
            : Self.notMade(asked: asked)
        return notice ? reason + "; a notice in \(Self.named(asked)) at the top says free help is a call away" : reason
    }

    /// Why a record asking for `asked` has no content in it, with the fix when there is one: "no
    /// handout in Vietnamese"; "not a language Handout knows; to use it, …".
    private static func notMade(asked: String) -> String {
        guard let name = LanguageCode.englishName(of: asked) else {
            return "not a language Handout knows; to use it, add under languages: in handout.yaml a line like  "
                + "\"\(EchoedText.escaped(asked))\": es  (with the code of the language it means)"
        }
        return "no handout in \(name)"
    }
}
