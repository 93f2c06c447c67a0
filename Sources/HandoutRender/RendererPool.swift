import HandoutBatch
import HandoutCore

/// One batch worker's renderers, one per language it meets; created and used on that worker's
/// thread only (Pango objects are not thread-safe).
public final class RendererPool: HandoutProducing {
    private let languages: LanguageOptions
    private var renderers: [ContentChoice: HandoutRenderer] = [:]

    /// Makes the default language's renderer now, so that content no installed font can print
    /// stops a batch before its first record (the worker cannot start) rather than failing each.
    public init(languages: LanguageOptions) throws(InputError) {
        self.languages = languages
        renderers[languages.baseChoice] = try HandoutRenderer(options: languages.base)
    }

    public func render(_ patient: PatientProfile, password: String?, source: String) throws -> RenderedPDF {
        let (choice, options) = try languages.options(for: patient, source: source)
        let renderer = try renderers[choice] ?? HandoutRenderer(options: options)
        renderers[choice] = renderer
        return try renderer.render(patient, source: source, password: password, noticeLanguage: languages.noticeLanguage(for: patient))
    }
}
