import Hummingbird

/// Responses that are pages: HTML, UTF-8, with the security headers added by the middleware.
enum Pages {
    static func html(_ html: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// A page with one message and one way on, for refusals (expired form, too large a file).
    static func message(status: HTTPResponse.Status, _ message: String, text: UIText, link: (href: String, label: String)) -> Response {
        let body = """
        <p class="notice" role="alert">\(HTML.escape(message))</p>
        <p><a href="\(HTML.escape(link.href))">\(HTML.escape(link.label))</a></p>
        """
        return html(HTML.page(title: text.navSingle, text: text, signedIn: nil, csrf: nil, current: "/", body: body), status: status)
    }
}
