import Foundation
import HandoutBatch
import HandoutCore
import HandoutPDF
import HandoutSupport

/// Which content a handout is made from: a topic of the `ContentCatalog`, in one language.
public struct ContentChoice: Hashable, Sendable {
    public var topic: String
    public var language: String

    public init(topic: String, language: String) {
        self.topic = topic
        self.language = language
    }
}

/// The render options per topic and handout language, loaded once each and shared by the
/// threads of a run. A patient's topic and language choose (the run's `--topic` and `--lang`,
/// else en, for a patient without them); `--content` makes every handout from one file, and
/// `--lang` every handout in one language.
///
/// Sendable by its lock: `loaded` and `digests` are read and written only while `lock` is
/// held, and `load` is only called then, so it never runs on two threads at once.
public final class LanguageOptions: @unchecked Sendable {
    /// How the run chooses content: `fixedContent` (--content): always the base; `fixedLanguage`
    /// (--lang): the patient's topic, in the base language; `available`: each topic's languages;
    /// `translations`: which of them a patient may get (an unreviewed translation only when the
    /// run uses them).
    public struct Rules: Sendable {
        public var fixedContent: Bool
        public var fixedLanguage: Bool
        public var available: [String: Set<String>]
        public var translations: TranslationPolicy

        public init(fixedContent: Bool, fixedLanguage: Bool, available: [String: Set<String>], translations: TranslationPolicy = TranslationPolicy()) {
            self.fixedContent = fixedContent
            self.fixedLanguage = fixedLanguage
            self.available = available
            self.translations = translations
        }

        public init(catalog: ContentCatalog, fixedContent: Bool, fixedLanguage: Bool, translations: TranslationPolicy) {
            var available: [String: Set<String>] = [:]
            for (topic, languages) in catalog.topics { available[topic] = Set(languages) }
            self.init(fixedContent: fixedContent, fixedLanguage: fixedLanguage, available: available, translations: translations)
        }

        /// Whether a patient asking for `language` gets `topic` in it: there is content in it that
        /// the run may give.
        func gives(_ topic: String, in language: String) -> Bool {
            available[topic]?.contains(language) == true && translations.allows(topic, in: language)
        }
    }

    private let lock = NSLock()
    private var loaded: [ContentChoice: Result<RenderOptions, any Error>]
    private var digests: [ContentChoice: String] = [:]
    private let load: (ContentChoice) throws -> RenderOptions
    private let rules: Rules
    /// The options of the run's topic and language, loaded before the run.
    public let base: RenderOptions
    public let baseChoice: ContentChoice

    /// `base`: the options of `baseChoice`, loaded already; `load` loads another choice's.
    public init(base: RenderOptions, baseChoice: ContentChoice, rules: Rules, load: @escaping (ContentChoice) throws -> RenderOptions) {
        loaded = [baseChoice: .success(base)]
        self.base = base
        self.baseChoice = baseChoice
        self.rules = rules
        self.load = load
    }

    /// The content of this patient's handout: their topic in their language when there is
    /// content in it that the run may give (``Rules/gives(_:in:)``), else in the run's language
    /// (`fellBack`, a warning for the summary, not a failure). A topic there is no content for, or
    /// none in either language, fails the record.
    public func choice(for patient: PatientProfile, source: String) throws(InputError) -> (choice: ContentChoice, fellBack: Bool) {
        if rules.fixedContent { return (baseChoice, false) }
        let topic = patient.topic ?? baseChoice.topic
        guard let languages = rules.available[topic] else {
            throw .invalidField(source: source, field: PatientField.topic.rawValue, problem: .unknownTopic)
        }
        let wanted = rules.fixedLanguage ? baseChoice.language : patient.language ?? baseChoice.language
        if rules.gives(topic, in: wanted) {
            return (ContentChoice(topic: topic, language: wanted), false)
        }
        if languages.contains(baseChoice.language) { return (ContentChoice(topic: topic, language: baseChoice.language), true) }
        throw .invalidField(source: source, field: PatientField.topic.rawValue,
                            problem: .noContentInLanguage(baseChoice.language, available: languages.sorted()))
    }

    /// The language of this patient's handout, and theirs when it is made in another (`choice`).
    public func language(for patient: PatientProfile, source: String) throws(InputError) -> HandoutLanguage {
        let (choice, fellBack) = try choice(for: patient, source: source)
        guard fellBack, let asked = patient.language else { return HandoutLanguage(made: choice.language) }
        return HandoutLanguage(made: choice.language, insteadOf: asked, unreviewed: rules.translations.isUnreviewed(choice.topic, in: asked),
                               notice: TranslationPolicy.noticeLanguage(asked: asked, made: choice.language) != nil)
    }

    /// The language of the notice this patient's handout carries (``TranslationPolicy/noticeLanguage(asked:made:)``).
    public func noticeLanguage(for patient: PatientProfile) -> String? {
        guard let asked = patient.language, let made = try? choice(for: patient, source: "") else { return nil }
        return made.fellBack ? TranslationPolicy.noticeLanguage(asked: asked, made: made.choice.language) : nil
    }

    public func options(for patient: PatientProfile, source: String) throws -> (choice: ContentChoice, options: RenderOptions) {
        let choice = try choice(for: patient, source: source).choice
        return try lock.withLock {
            if let known = loaded[choice] { return (choice, try known.get()) }
            let result = Result { try load(choice) }
            loaded[choice] = result
            return (choice, try result.get())
        }
    }

    /// The digest of everything but the record that shapes this patient's handout: the topic, the
    /// language, the content, the strings, the default clinic, paper, print size, date and the kind
    /// of PDF (a password as its SHA-256, never itself; an archive's colour profile). Nil when the
    /// options cannot be loaded (the record fails then).
    public func digest(for patient: PatientProfile) -> String? {
        guard let resolved = try? options(for: patient, source: "") else { return nil }
        let (choice, options) = resolved
        return lock.withLock {
            if let known = digests[choice] { return known }
            let digest = SourceDigest.of(choice.topic, choice.language, Self.shaping(options))
            digests[choice] = digest
            return digest
        }
    }

    /// The options as a digest takes them: a password as its SHA-256, never itself.
    static func shaping(_ options: RenderOptions) -> RenderOptions {
        var shaping = options
        if case let .encrypted(password) = options.kind { shaping.kind = .encrypted(password: SHA256Hex.of(Data(password.utf8))) }
        return shaping
    }
}
