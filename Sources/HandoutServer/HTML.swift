/// Server-rendered HTML: every text from outside (a typed value, a file name, an error) goes
/// through `escape`, so nothing a user or a record says becomes markup.
enum HTML {
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// A whole page: the language, a skip link, the navigation and the main content.
    static func page(title: String, text: UIText, signedIn user: String?, csrf: String?, current: String, body: String) -> String {
        var nav = [
            ("/", text.navSingle), ("/batch", text.navBatch), ("/batches", text.batches.nav),
        ].map { path, label in
            "<li><a href=\"\(path)?ui=\(text.code)\"\(path == current ? " aria-current=\"page\"" : "")>\(escape(label))</a></li>"
        }.joined()
        let other = text.other
        nav += "<li><a href=\"\(current)?ui=\(other.code)\" lang=\"\(other.code)\" hreflang=\"\(other.code)\">\(escape(other.languageName))</a></li>"
        var signOut = ""
        if let user, let csrf {
            signOut = """
            <form method="post" action="/logout" class="signout"><input type="hidden" name="csrf" value="\(escape(csrf))">\
            <span>\(escape(text.signedInAs)) \(escape(user))</span> <button type="submit">\(escape(text.signOut))</button></form>
            """
        }
        return """
        <!DOCTYPE html>
        <html lang="\(text.code)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title)) · Handout</title>
        <link rel="stylesheet" href="/static/style.css">
        </head>
        <body>
        <a class="skip" href="#main">\(escape(text.skipToContent))</a>
        <header><p class="brand">Handout</p><nav aria-label="\(escape(text.navLabel))"><ul>\(nav)</ul></nav>\(signOut)</header>
        <main id="main" tabindex="-1">
        <h1>\(escape(title))</h1>
        \(body)
        </main>
        </body>
        </html>
        """
    }
}
