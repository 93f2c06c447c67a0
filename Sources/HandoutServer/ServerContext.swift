import HandoutRequest
import Hummingbird

/// A request's context: its session (set by `SessionMiddleware`) and its form fields (read
/// once, by the middleware that checks the CSRF token).
public struct ServerContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    var session: Session?
    var form = FormFields()

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }

    /// The form pages and the CSV upload read their bodies with their own limits.
    public var maxUploadSize: Int { .max }
}
