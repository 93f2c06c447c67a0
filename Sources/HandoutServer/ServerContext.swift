import HandoutRequest
import Hummingbird

/// A request's context as it arrives: its session and form fields are set by
/// `SessionMiddleware` (a static file has neither).
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

/// The context of every page: after `SessionMiddleware`, a page always has its session (made on
/// a first view, required for a POST), so routes never unwrap one.
struct PageContext: ChildRequestContext {
    var coreContext: CoreRequestContextStorage
    let session: Session
    let form: FormFields

    init(context: ServerContext) throws {
        guard let session = context.session else { throw HTTPError(.forbidden) }
        coreContext = context.coreContext
        self.session = session
        form = context.form
    }

    var maxUploadSize: Int { .max }
}
