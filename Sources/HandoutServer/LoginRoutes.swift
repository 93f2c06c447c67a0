import HandoutRequest
import Hummingbird

/// GET and POST /login, POST /logout: sign-in against the users file, a new session on
/// success (the pre-sign-in one is ended), a lockout after repeated failures.
struct LoginRoutes {
    let users: UsersFile
    let sessions: SessionStore
    let audit: AuditLog
    /// bcrypt's threads: a few at once, so sign-ins never take the server's threads.
    let hashing: BlockingWork
    let secureCookie: Bool

    func add(to router: RouterGroup<PageContext>) {
        router.get("/login", use: page)
        router.post("/login", use: signIn)
        router.post("/logout", use: signOut)
    }

    @Sendable func page(_ request: Request, context: PageContext) async throws -> Response {
        let text = UIText.forCode(request.uri.queryParameters["ui"].map(String.init))
        return Pages.html(Self.render(text: text, session: context.session, user: "", error: nil))
    }

    @Sendable func signIn(_ request: Request, context: PageContext) async throws -> Response {
        let text = UIText.forCode(request.uri.queryParameters["ui"].map(String.init))
        let session = context.session
        let user = context.form["user"] ?? ""
        let password = context.form["password"] ?? ""
        func refused(_ message: String, _ status: HTTPResponse.Status) -> Response {
            Pages.html(Self.render(text: text, session: session, user: UsersFile.isValidName(user) ? user : "", error: message), status: status)
        }
        // Not a name anyone can have: refused before any lookup, count or hash.
        guard UsersFile.isValidName(user) else {
            audit.record(.signInFailed, typedName: user, as: .unknown)
            return refused(text.wrongPassword, .unauthorized)
        }
        guard let attempt = await sessions.beginAttempt(user) else {
            audit.record(.signInFailed, typedName: user, as: .lockedOut)
            return refused(text.lockedOut, .tooManyRequests)
        }
        let verified: Bool
        do {
            let users = users
            verified = try await hashing.run { users.verify(user: user, password: password) }
        } catch is BlockingWork.Busy {
            return refused(text.busy, .serviceUnavailable)
        }
        guard verified else {
            let locked = attempt == .locks
            let action: AuditLog.Action = locked ? .lockedOut : .signInFailed
            if users.has(user) { audit.record(action, user: user) } else { audit.record(action, typedName: user, as: .unknown) }
            return refused(locked ? text.lockedOut : text.wrongPassword, .unauthorized)
        }
        await sessions.succeeded(user)
        await sessions.end(id: session.id)
        let signedIn = await sessions.create(user: user)
        audit.record(.signedIn, user: user)
        var response = Response.redirect(to: "/?ui=\(text.code)", type: .normal)
        response.setCookie(SessionMiddleware.cookie(signedIn.id, secure: secureCookie))
        return response
    }

    @Sendable func signOut(_ request: Request, context: PageContext) async throws -> Response {
        let text = UIText.forCode(request.uri.queryParameters["ui"].map(String.init))
        let session = context.session
        await sessions.end(id: session.id)
        audit.record(.signedOut, user: session.user)
        var response = Response.redirect(to: "/login?ui=\(text.code)", type: .normal)
        response.setCookie(SessionMiddleware.cookie("", secure: secureCookie, expired: true))
        return response
    }

    static func render(text: UIText, session: Session, user: String, error: String?) -> String {
        var body = ""
        if let error { body += "<p class=\"error\" id=\"login-error\" role=\"alert\">\(HTML.escape(error))</p>" }
        let describedBy = error == nil ? "" : " aria-describedby=\"login-error\" aria-invalid=\"true\""
        body += """
        <form method="post" action="/login?ui=\(text.code)" class="login">\
        <input type="hidden" name="csrf" value="\(HTML.escape(session.csrf))">\
        <div class="field"><label for="user">\(HTML.escape(text.userName))</label>\
        <input type="text" id="user" name="user" autocomplete="username" value="\(HTML.escape(user))"\(describedBy)></div>\
        <div class="field"><label for="password">\(HTML.escape(text.password))</label>\
        <input type="password" id="password" name="password" autocomplete="current-password"\(describedBy)></div>\
        <p><button type="submit" class="primary">\(HTML.escape(text.signIn))</button></p></form>
        """
        return HTML.page(title: text.loginTitle, text: text, signedIn: nil, csrf: nil, current: "/login", body: body)
    }
}
