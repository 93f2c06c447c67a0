import Foundation
import HTTPTypes
import HandoutCore
import HandoutRequest
import Hummingbird
import Logging

extension HTTPField.Name {
    static let csp = HTTPField.Name("Content-Security-Policy")!
    static let contentTypeOptions = HTTPField.Name("X-Content-Type-Options")!
    static let frameOptions = HTTPField.Name("X-Frame-Options")!
    static let referrer = HTTPField.Name("Referrer-Policy")!
    static let strictTransport = HTTPField.Name("Strict-Transport-Security")!
    static let origin = HTTPField.Name("Origin")!
}

/// The headers that keep every page out of frames, other sites and caches: pages load only
/// this server's CSS and script, and nothing is stored (they carry health data). Every answer
/// gets them, a 404 or an error thrown by a route included.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    let tls: Bool

    static var pagePolicy: String {
        "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            context.logger.error("request failed: \(type(of: error))")
            response = Response(status: .internalServerError)
        }
        if response.headers[.csp] == nil { response.headers[.csp] = Self.pagePolicy }
        response.headers[.contentTypeOptions] = "nosniff"
        response.headers[.frameOptions] = "DENY"
        // Not no-referrer: under it a browser sends "Origin: null" with every POST, and the
        // Origin is how a POST shows it comes from this site (`SiteGuardMiddleware`).
        response.headers[.referrer] = "same-origin"
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        if tls { response.headers[.strictTransport] = "max-age=31536000" }
        return response
    }
}

/// Only this site may drive the server: a request under another name (DNS rebinding: another
/// site's name that resolves to this machine) is refused, and so is a state-changing request
/// whose Origin (or, without one, Referer) is not this site. With or without sign-in.
struct SiteGuardMiddleware<Context: RequestContext>: RouterMiddleware {
    let names: SiteNames

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let text = UIText.forCode(request.uri.queryParameters["ui"].map(String.init))
        let host = request.head.authority
        guard names.accepts(host: host) else {
            context.logger.notice("refused a request for another host name", metadata: ["host": .string(EchoedText.escaped(host ?? ""))])
            return Pages.message(status: .misdirectedRequest, text.otherSite, text: text, link: ("/?ui=\(text.code)", text.refresh))
        }
        if request.method != .get, request.method != .head,
           !names.isSameSite(host: host, origin: request.headers[.origin], referer: request.headers[.referer]) {
            return Pages.message(status: .forbidden, text.otherSite, text: text, link: ("/?ui=\(text.code)", text.refresh))
        }
        return try await next(request, context)
    }
}

/// Sessions, sign-in and CSRF: every request gets its session (made on a first page view);
/// with sign-in required, pages other than the sign-in page need a signed-in one; every POST
/// has its body read here, within its size limit, and must carry the session's CSRF token.
struct SessionMiddleware: RouterMiddleware {
    typealias Context = ServerContext
    static let cookieName = "handout_session"
    /// The form's fields (a 600-word note is about 4 KB).
    static let formLimit = 256 * 1024
    /// A user name, a password and the CSRF token.
    static let signInLimit = 4 * 1024
    /// The one route that takes a file.
    static let uploadPath = "/batch"

    let sessions: SessionStore
    let signInRequired: Bool
    let secureCookie: Bool
    let uploadLimit: Int
    /// Reads an upload's parts (tens of MB) off the request threads.
    let files: BlockingWork

    private func isPublic(_ path: String) -> Bool {
        path == "/login" || path.hasPrefix("/static/")
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let text = UIText.forCode(request.uri.queryParameters["ui"].map(String.init))
        let path = request.uri.path
        let cookie = CookieHeader.value(named: Self.cookieName, in: request.headers[values: .cookie])
        var session = await sessions.session(id: cookie)
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
            switch try await readForm(request, limits: limits(path)) {
            case let .fields(form):
                guard Token.matches(form["csrf"], session.csrf) else {
                    return Pages.message(status: .forbidden, text.formExpired, text: text, link: (path + "?ui=\(text.code)", text.refresh))
                }
                context.form = form
            case .tooLarge:
                return Pages.message(status: .contentTooLarge, text.filled(text.tooLarge, uploadLimit / 1_000_000), text: text,
                                     link: ("/batch?ui=\(text.code)", text.refresh))
            case .unreadable:
                return Pages.message(status: .badRequest, text.badRequest, text: text, link: (path + "?ui=\(text.code)", text.refresh))
            case .busy:
                return Pages.message(status: .serviceUnavailable, text.busy, text: text, link: (path + "?ui=\(text.code)", text.refresh))
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

    /// What a POST to `path` may carry: only the upload route takes a file.
    struct Limits {
        var form: Int
        var upload: Int?
    }

    private func limits(_ path: String) -> Limits {
        switch path {
        case "/login": Limits(form: Self.signInLimit, upload: nil)
        case Self.uploadPath: Limits(form: Self.formLimit, upload: uploadLimit + 64 * 1024)
        default: Limits(form: Self.formLimit, upload: nil)
        }
    }

    enum FormResult { case fields(FormFields), tooLarge, unreadable, busy }

    /// The body, refused before it is read when its length says it is too large, and refused
    /// when it is not a form this route takes.
    func readForm(_ request: Request, limits: Limits) async throws -> FormResult {
        var request = request
        let contentType = request.headers[.contentType] ?? ""
        let boundary: String?
        do {
            boundary = try FormFields.boundary(contentType: contentType)
        } catch {
            return .unreadable
        }
        if boundary != nil && limits.upload == nil { return .unreadable }
        let limit = boundary == nil ? limits.form : limits.upload ?? limits.form
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit { return .tooLarge }
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: limit)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            return .tooLarge
        }
        do {
            if let boundary { return .fields(try await files.run { try FormFields.multipart(body, boundary: boundary) }) }
            return .fields(try FormFields.urlEncoded(body))
        } catch is FormError {
            return .unreadable
        } catch is BlockingWork.Busy {
            return .busy
        }
    }
}
