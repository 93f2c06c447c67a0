import Foundation
import HandoutBatch
import HandoutCore
import HandoutPDF
import HandoutSupport

/// The render options per handout language, loaded once per language and shared by the
/// threads of a run. With a fixed language (--lang or --content) every handout uses the same.
///
/// Sendable by its lock: `loaded` and `digests` are read and written only while `lock` is
/// held, and `load` is only called then, so it never runs on two threads at once.
public final class LanguageOptions: @unchecked Sendable {
    private let lock = NSLock()
    private var loaded: [String: Result<RenderOptions, any Error>]
    private var digests: [String: String] = [:]
    private let load: (String) throws -> RenderOptions
    private let fixed: Bool
    /// The languages the built-in content is written in, read once (not per record).
    private let contentLanguages = Set(ContentLoader.builtInLanguages())
    /// The options of the default language (--lang, else en), loaded before the run.
    public let base: RenderOptions
    public let baseLanguage: String

    /// `base`: the options of `baseLanguage`, loaded already; `load` loads another language's.
    public init(base: RenderOptions, baseLanguage: String, fixed: Bool, load: @escaping (String) throws -> RenderOptions) {
        loaded = [baseLanguage: .success(base)]
        self.base = base
        self.baseLanguage = baseLanguage
        self.fixed = fixed
        self.load = load
    }

    /// The language of this patient's handout: theirs when there is content in it, else the
    /// run's default (`fellBack`, a warning for the summary, not a failure).
    public func language(for patient: PatientProfile) -> (language: String, fellBack: Bool) {
        guard !fixed, let wanted = patient.language, wanted != baseLanguage else { return (baseLanguage, false) }
        return contentLanguages.contains(wanted) ? (wanted, false) : (baseLanguage, true)
    }

    public func options(for patient: PatientProfile) throws -> (language: String, options: RenderOptions) {
        let language = language(for: patient).language
        return try lock.withLock {
            if let known = loaded[language] { return (language, try known.get()) }
            let result = Result { try load(language) }
            loaded[language] = result
            return (language, try result.get())
        }
    }

    /// The digest of everything but the record that shapes this patient's handout: the language,
    /// the content, the strings, the default clinic, paper, print size, date and the kind of PDF
    /// (a password as its SHA-256, never itself; an archive's colour profile). Nil when the options cannot be loaded (the record fails then).
    public func digest(for patient: PatientProfile) -> String? {
        guard let resolved = try? options(for: patient) else { return nil }
        let (language, options) = resolved
        return lock.withLock {
            if let known = digests[language] { return known }
            var shaping = options
            if case let .encrypted(password) = options.kind { shaping.kind = .encrypted(password: SHA256Hex.of(Data(password.utf8))) }
            let digest = SourceDigest.of(language, shaping)
            digests[language] = digest
            return digest
        }
    }
}
