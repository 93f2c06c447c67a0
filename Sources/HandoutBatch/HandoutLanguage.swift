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

    public init(made: String, insteadOf: String? = nil) {
        self.made = made
        self.insteadOf = insteadOf
    }

    /// How staff's messages name a language: by its English name ("Vietnamese"), or a value
    /// Handout does not know as written, quoted and escaped ("\"Elvish\""). A language's name or
    /// code is no private value; `PatientFields` lets only name-like values through to here.
    public static func named(_ language: String) -> String {
        LanguageCode.englishName(of: language) ?? "\"\(EchoedText.escaped(language))\""
    }

    /// Why a record asking for `asked` is not made in it, with the fix when there is one: "no
    /// handout in Vietnamese"; "not a language Handout knows; to use it, …".
    static func notMade(asked: String) -> String {
        guard let name = LanguageCode.englishName(of: asked) else {
            return "not a language Handout knows; to use it, add under languages: in handout.yaml a line like  "
                + "\"\(EchoedText.escaped(asked))\": es  (with the code of the language it means)"
        }
        return "no handout in \(name)"
    }
}
