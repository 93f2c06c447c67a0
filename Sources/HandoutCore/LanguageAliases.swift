/// A clinic's own spellings of languages, from its settings file: what its EHR writes
/// ("Spanish (Mexico)") → an ISO 639-1 code ("es"). Consulted before `LanguageCode`'s table,
/// with the same folding (case, accents and surrounding spaces do not matter).
public struct LanguageAliases: Sendable, Hashable {
    private let codes: [String: String]

    public static let none = LanguageAliases([:])

    /// `codes`: spelling → code.
    public init(_ codes: [String: String]) {
        self.codes = Dictionary(codes.map { (LanguageCode.fold($0.key), $0.value) }, uniquingKeysWith: { $1 })
    }

    public var isEmpty: Bool { codes.isEmpty }

    /// The code for `text`: the clinic's spelling first, else `LanguageCode.code(for:)`.
    public func code(for text: String) -> String? {
        codes[LanguageCode.fold(text)] ?? LanguageCode.code(for: text)
    }
}
