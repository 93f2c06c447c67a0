import HandoutCore
import HandoutRender
import Testing

private func options(_ language: String, password: String? = nil) throws -> RenderOptions {
    RenderOptions(comparison: try ContentLoader.builtIn(language: language), strings: try ContentLoader.strings(language: language),
                  defaultClinic: nil, date: CalendarDate(year: 2026, month: 1, day: 16)!,
                  kind: password.map { .encrypted(password: $0) } ?? .standard)
}

private func patient(language: String?) -> PatientProfile {
    PatientProfile(id: "P1", givenName: "Ana", familyName: "Ruiz", birthDate: CalendarDate(year: 1970, month: 1, day: 1)!, language: language)
}

/// Counts the loads, and fails (for the languages in `broken`) the way a broken file would, not
/// as an input error.
private final class Loader {
    struct Broken: Error {}
    var loads: [String] = []
    var broken: Set<String> = []

    func load(_ language: String) throws -> RenderOptions {
        loads.append(language)
        guard !broken.contains(language) else { throw Broken() }
        return try options(language)
    }
}

@Test func aLanguageIsLoadedOnceAndItsFailureKeepsItsOwnError() throws {
    let loader = Loader()
    let languages = LanguageOptions(base: try options("en"), baseLanguage: "en", fixed: false, load: loader.load)
    #expect(try languages.options(for: patient(language: nil)).language == "en")
    loader.broken = ["es"]
    #expect(throws: Loader.Broken.self) { try languages.options(for: patient(language: "es")) }
    #expect(throws: Loader.Broken.self) { try languages.options(for: patient(language: "es")) }
    #expect(loader.loads == ["es"])
    #expect(languages.digest(for: patient(language: "es")) == nil)
}

@Test func aLanguageWithoutContentFallsBackToTheRunsLanguage() throws {
    let loader = Loader()
    let languages = LanguageOptions(base: try options("en"), baseLanguage: "en", fixed: false, load: loader.load)
    #expect(languages.language(for: patient(language: "fr")) == ("en", true))
    #expect(languages.language(for: patient(language: "es")) == ("es", false))
    #expect(languages.language(for: patient(language: nil)) == ("en", false))
    #expect(try languages.options(for: patient(language: "fr")).options.comparison.language == "en")
    #expect(loader.loads.isEmpty)
}

@Test func aFixedLanguageServesEveryPatient() throws {
    let loader = Loader()
    let languages = LanguageOptions(base: try options("es"), baseLanguage: "es", fixed: true, load: loader.load)
    #expect(try languages.options(for: patient(language: "en")).language == "es")
    #expect(loader.loads.isEmpty)
}

@Test func theOptionsDigestFollowsThePasswordWithoutHoldingIt() throws {
    func digest(_ password: String?) throws -> String? {
        LanguageOptions(base: try options("en", password: password), baseLanguage: "en", fixed: true, load: { _ in throw Loader.Broken() })
            .digest(for: patient(language: nil))
    }
    let plain = try #require(try digest(nil))
    #expect(try digest(nil) == plain)
    #expect(try digest("open sesame") != plain)
    #expect(try digest("open sesame") != digest("another"))
}
