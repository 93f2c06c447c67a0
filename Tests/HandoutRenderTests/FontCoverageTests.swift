import HandoutCore
import HandoutRender
import Testing

/// The fonts the setup installs (fonts-noto-core, fonts-noto-cjk) print every bundled language:
/// a renderer refuses content or strings with a glyph no font has (`GlyphCoverage`), so making
/// one per language, and a handout with it, shows there is none missing. Every content file
/// bundled is tried, translations added later included. One language after another: Cairo 1.16
/// crashed (SIGSEGV in its FreeType glyph code) with a dozen renderers drawing at once in one
/// process, which Handout itself never does (each renderer process draws one handout at a time).
@Test(.serialized, arguments: ContentLoader.builtInLanguages())
func everyBundledLanguageRendersWithNoMissingGlyph(language: String) throws {
    let comparison = try ContentLoader.builtIn(language: language)
    let options = RenderOptions(comparison: comparison, strings: try ContentLoader.strings(language: language), defaultClinic: nil,
                                date: CalendarDate(year: 2026, month: 1, day: 16)!)
    let renderer = try HandoutRenderer(options: options)
    let patient = PatientProfile(id: "P1", givenName: "Ana", familyName: "Ruiz", birthDate: CalendarDate(year: 1970, month: 1, day: 1)!,
                                 language: language, clinic: Clinic(name: "Riverside Spine & Pain Clinic", phone: "(555) 555-0142"))
    let pdf = try renderer.render(patient, source: "p")
    #expect(pdf.pages >= 3)
}
