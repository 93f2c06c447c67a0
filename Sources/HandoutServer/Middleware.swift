import Foundation
import HTTPTypes
import Hummingbird

extension HTTPField.Name {
    static let csp = HTTPField.Name("Content-Security-Policy")!
    static let contentTypeOptions = HTTPField.Name("X-Content-Type-Options")!
    static let frameOptions = HTTPField.Name("X-Frame-Options")!
    static let referrer = HTTPField.Name("Referrer-Policy")!
    static let strictTransport = HTTPField.Name("Strict-Transport-Security")!
}

/// The headers that keep every page out of frames, other sites and caches: pages load only
/// this server's CSS and script, and nothing is stored (they carry health data).
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    let tls: Bool

    static var pagePolicy: String {
        "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        if response.headers[.csp] == nil { response.headers[.csp] = Self.pagePolicy }
        response.headers[.contentTypeOptions] = "nosniff"
        response.headers[.frameOptions] = "DENY"
        response.headers[.referrer] = "no-referrer"
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        if tls { response.headers[.strictTransport] = "max-age=31536000" }
        return response
    }
}

/// Sessions, sign-in and CSRF: every request gets its session (made on a first page view);
/// with sign-in required, pages other than the sign-in page need a signed-in one; every POST
/// has its body read here, within its size limit, and must carry the session's CSRF token.
struct SessionMiddleware: RouterMiddleware {
    typealias Context = ServerContext
    static let cookieName = "handout_session"
    static let formLimit = 1024 * 1024

    let sessions: SessionStore
    let signInRequired: Bool
    let secureCookie: Bool
    let uploadLimit: Int

    private func isPublic(_ path: String) -> Bool {
        path == "/login" || path.hasPrefix("/static/")
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let text = UIText.forCode(request.uri.queryParameters["ui"].map(String.init))
        let path = request.uri.path
        var session = await sessions.session(id: request.cookies[Self.cookieName]?.value)
        if signInRequired, session?.user == nil, !isPublic(path) {
            if request.method == .get { return .redirect(to: "/login?ui=\(text.code)", type: .normal) }
            return Pages.message(status: .forbidden, text.sessionEnded, text: text, link: ("/login?ui=\(text.code)", text.signIn))
        }
        var made: Session?
        if session == nil, request.method == .get, !path.hasPrefix("/static/") {
            made = await sessions.create(user: nil)
            session = made
        }
        if request.method == .post {
            guard let session else {
                return Pages.message(status: .forbidden, text.formExpired, text: text, link: (path + "?ui=\(text.code)", text.refresh))
            }
            switch try await Self.readForm(request, uploadLimit: uploadLimit) {
            case let .fields(form):
                guard Token.matches(form["csrf"], session.csrf) else {
                    return Pages.message(status: .forbidden, text.formExpired, text: text, link: (path + "?ui=\(text.code)", text.refresh))
                }
                context.form = form
            case .tooLarge:
                return Pages.message(status: .contentTooLarge, text.filled(text.tooLarge, uploadLimit / 1_000_000), text: text,
                                     link: ("/batch?ui=\(text.code)", text.refresh))
            case .unreadable:
                return Pages.message(status: .badRequest, text.formExpired, text: text, link: (path + "?ui=\(text.code)", text.refresh))
            }
        }
        context.session = session
        var response = try await next(request, context)
        if let made { response.setCookie(Self.cookie(made.id, secure: secureCookie)) }
        return response
    }

    static func cookie(_ value: String, secure: Bool, expired: Bool = false) -> Cookie {
        Cookie(name: cookieName, value: value, maxAge: expired ? 0 : nil, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }

    enum FormResult { case fields(FormFields), tooLarge, unreadable }

    /// The body, refused before it is read when its length says it is too large.
    static func readForm(_ request: Request, uploadLimit: Int) async throws -> FormResult {
        var request = request
        let contentType = request.headers[.contentType] ?? ""
        let boundary = FormFields.boundary(contentType: contentType)
        // The file plus its part headers and the other fields.
        let limit = boundary == nil ? formLimit : uploadLimit + 64 * 1024
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit { return .tooLarge }
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: limit)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            return .tooLarge
        }
        if let boundary {
            return FormFields.multipart(body, boundary: boundary).map { .fields($0) } ?? .unreadable
        }
        return .fields(.urlEncoded(body))
    }
}
