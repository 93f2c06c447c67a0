import HandoutCore
import HandoutRender
import Testing

private func options(_ language: String, password: String? = nil) throws -> RenderOptions {
    RenderOptions(comparison: try ContentLoader.builtIn(language: language), strings: try ContentLoader.strings(language: language),
                  defaultClinic: nil, date: CalendarDate(year: 2026, month: 1, day: 16)!,
                  kind: password.map { .encrypted(password: $0) } ?? .standard)
}

private func patient(language: String?, topic: String? = nil) -> PatientProfile {
    PatientProfile(id: "P1", givenName: "Ana", familyName: "Ruiz", birthDate: CalendarDate(year: 1970, month: 1, day: 1)!,
                   language: language, topic: topic)
}

private func choice(_ topic: String, _ language: String) -> ContentChoice { ContentChoice(topic: topic, language: language) }

/// The built-in topic in en and es, and a clinic's "knee" in en only.
private func rules(fixedContent: Bool = false, fixedLanguage: Bool = false) -> LanguageOptions.Rules {
    LanguageOptions.Rules(fixedContent: fixedContent, fixedLanguage: fixedLanguage,
                          available: [ContentLoader.defaultContentID: ["en", "es"], "knee": ["en"]])
}

/// Counts the loads, and fails (for the choices in `broken`) the way a broken file would, not
/// as an input error.
private final class Loader {
    struct Broken: Error {}
    var loads: [ContentChoice] = []
    var broken: Set<ContentChoice> = []

    func load(_ choice: ContentChoice) throws -> RenderOptions {
        loads.append(choice)
        guard !broken.contains(choice) else { throw Broken() }
        return try options(choice.language)
    }
}

private let base = choice(ContentLoader.defaultContentID, "en")

private func languages(_ loader: Loader, base: ContentChoice = base, rules: LanguageOptions.Rules = rules()) throws -> LanguageOptions {
    LanguageOptions(base: try options(base.language), baseChoice: base, rules: rules, load: loader.load)
}

@Test func aChoiceIsLoadedOnceAndItsFailureKeepsItsOwnError() throws {
    let loader = Loader()
    let languages = try languages(loader)
    #expect(try languages.options(for: patient(language: nil), source: "p").choice == base)
    loader.broken = [choice(ContentLoader.defaultContentID, "es")]
    #expect(throws: Loader.Broken.self) { try languages.options(for: patient(language: "es"), source: "p") }
    #expect(throws: Loader.Broken.self) { try languages.options(for: patient(language: "es"), source: "p") }
    #expect(loader.loads == [choice(ContentLoader.defaultContentID, "es")])
    #expect(languages.digest(for: patient(language: "es")) == nil)
}

@Test func aLanguageWithoutContentFallsBackToTheRunsLanguage() throws {
    let loader = Loader()
    let languages = try languages(loader)
    #expect(try languages.choice(for: patient(language: "fr"), source: "p") == (base, true))
    #expect(try languages.choice(for: patient(language: "es"), source: "p") == (choice(ContentLoader.defaultContentID, "es"), false))
    #expect(try languages.choice(for: patient(language: nil), source: "p") == (base, false))
    #expect(try languages.choice(for: patient(language: "es", topic: "knee"), source: "p") == (choice("knee", "en"), true))
    #expect(try languages.options(for: patient(language: "fr"), source: "p").options.comparison.language == "en")
    #expect(loader.loads.isEmpty)
}

/// A translation no person has reviewed goes to a patient only when the run uses them; else the
/// handout is in English with a notice in their language. The run's own language is always used.
@Test func anUnreviewedTranslationIsGivenOnlyWhenTheRunSaysSo() throws {
    let spinal = ContentLoader.defaultContentID
    func rules(_ use: UnreviewedTranslations, runLanguage: String = "en") -> LanguageOptions.Rules {
        LanguageOptions.Rules(fixedContent: false, fixedLanguage: false, available: [spinal: ["en", "es"]],
                              translations: TranslationPolicy(unreviewed: [spinal: ["es"]], unreviewedTranslations: use, runLanguage: runLanguage))
    }
    let noticed = try languages(Loader(), rules: rules(.englishWithNotice))
    let spanish = patient(language: "es")
    #expect(try noticed.choice(for: spanish, source: "p") == (base, true))
    let said = try noticed.language(for: spanish, source: "p")
    #expect(said.made == "en" && said.insteadOf == "es" && said.unreviewed && said.notice)
    #expect(noticed.noticeLanguage(for: spanish) == "es")
    #expect(noticed.noticeLanguage(for: patient(language: "en")) == nil)
    #expect(noticed.noticeLanguage(for: patient(language: "x-elvish")) == nil, "no notice in that language")
    let used = try languages(Loader(), rules: rules(.use))
    #expect(try used.choice(for: spanish, source: "p") == (choice(spinal, "es"), false))
    #expect(used.noticeLanguage(for: spanish) == nil)
    let spanishRun = try languages(Loader(), base: choice(spinal, "es"), rules: rules(.englishWithNotice, runLanguage: "es"))
    #expect(try spanishRun.choice(for: spanish, source: "p") == (choice(spinal, "es"), false), "the run's language is the clinic's choice")
}

@Test func anUnknownTopicOrOneWithoutTheRunsLanguageFailsTheRecordNamingTheField() throws {
    let languages = try languages(Loader(), base: choice(ContentLoader.defaultContentID, "es"))
    for record in [patient(language: nil, topic: "wrist9"), patient(language: "fr", topic: "knee")] {
        let error = #expect(throws: InputError.self) { try languages.choice(for: record, source: "p.csv:3") }
        guard case let .invalidField(source, field, _)? = error else {
            Issue.record("not a field error: \(String(describing: error))")
            continue
        }
        #expect(source == "p.csv:3" && field == "topic")
        let message = try #require(error?.errorDescription)
        #expect(!message.contains("wrist9"))
    }
}

@Test func aFixedLanguageServesEveryPatientInTheirTopic() throws {
    let loader = Loader()
    let languages = try languages(loader, base: choice(ContentLoader.defaultContentID, "es"), rules: rules(fixedLanguage: true))
    #expect(try languages.options(for: patient(language: "en"), source: "p").choice == choice(ContentLoader.defaultContentID, "es"))
    #expect(loader.loads.isEmpty)
    #expect(throws: InputError.self) { try languages.choice(for: patient(language: "es", topic: "knee"), source: "p") }
}

@Test func fixedContentServesEveryPatientWhateverTheirTopic() throws {
    let languages = try languages(Loader(), rules: rules(fixedContent: true))
    #expect(try languages.choice(for: patient(language: "es", topic: "hip"), source: "p") == (base, false))
}

@Test func theOptionsDigestFollowsTheTopicAndThePasswordWithoutHoldingIt() throws {
    func digest(_ password: String?, topic: String? = nil) throws -> String? {
        LanguageOptions(base: try options("en", password: password), baseChoice: base, rules: rules(),
                        load: { _ in try options("en", password: password) })
            .digest(for: patient(language: nil, topic: topic))
    }
    let plain = try #require(try digest(nil))
    #expect(try digest(nil) == plain)
    #expect(try digest(nil, topic: "knee") != plain)
    #expect(try digest("open sesame") != plain)
    #expect(try digest("open sesame") != digest("another"))
}
