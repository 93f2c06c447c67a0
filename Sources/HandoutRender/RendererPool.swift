import HandoutBatch
import HandoutCore

/// One batch worker's renderers, one per language it meets; created and used on that worker's
/// thread only (Pango objects are not thread-safe).
public final class RendererPool: HandoutProducing {
    private let languages: LanguageOptions
    private var renderers: [String: HandoutRenderer] = [:]

    public init(languages: LanguageOptions) {
        self.languages = languages
    }

    public func render(_ patient: PatientProfile, source: String) throws -> RenderedPDF {
        let (language, options) = try languages.options(for: patient)
        let renderer = try renderers[language] ?? HandoutRenderer(options: options)
        renderers[language] = renderer
        return try renderer.render(patient, source: source)
    }
}
