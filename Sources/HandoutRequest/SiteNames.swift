/// The names this server answers to, and whether a request comes from its own pages: the
/// defence against DNS rebinding (another site's name that resolves to this machine) and
/// against requests sent by other sites' pages.
public struct SiteNames: Sendable, Equatable {
    /// Host names, lower case, without ports; IPv6 addresses without brackets.
    public let names: Set<String>

    /// `listening`: the `--host` address; `loopback`: whether it is only this machine, which is
    /// then also reached as 127.0.0.1, localhost and [::1]; `allowed`: the names a reverse proxy
    /// passes on (`allowed-hosts:`).
    public init(listening: String, loopback: Bool, allowed: [String]) {
        var names = Set(([listening] + allowed).compactMap { Authority($0)?.host ?? Authority("[\($0)]")?.host })
        if loopback { names.formUnion(["127.0.0.1", "localhost", "::1"]) }
        self.names = names
    }

    /// Whether a request's `Host` (its authority: `name[:port]`) is one of ours.
    public func accepts(host: String?) -> Bool {
        guard let host, let authority = Authority(host) else { return false }
        return names.contains(authority.host)
    }

    /// Whether a state-changing request comes from this site's own pages: its `Origin`, or
    /// without one its `Referer`, names the same host and port as its `Host`. Neither: refused.
    public func isSameSite(host: String?, origin: String?, referer: String?) -> Bool {
        guard let host, let own = Authority(host), names.contains(own.host) else { return false }
        let from: String
        if let origin, origin != "null" {
            from = origin
        } else if origin == nil, let referer {
            from = referer
        } else {
            return false
        }
        guard let source = Authority(url: from) else { return false }
        return source.host == own.host && source.port(default: source.defaultPort) == own.port(default: source.defaultPort)
    }
}

/// `host[:port]` or `[v6address][:port]`, as a Host header or a URL's authority has it.
struct Authority: Equatable {
    let host: String
    let port: Int?
    var defaultPort: Int = 80

    init?(_ text: String) {
        let text = Substring(text)
        guard !text.isEmpty, text.utf8.count <= 255, text.allSatisfy({ $0.isASCII && !$0.isWhitespace && $0 != "/" && $0 != "@" }) else { return nil }
        var rest = text
        let host: Substring
        if rest.first == "[" {
            guard let close = rest.firstIndex(of: "]") else { return nil }
            host = rest[rest.index(after: rest.startIndex)..<close]
            rest = rest[rest.index(after: close)...]
            guard !host.isEmpty, host.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else { return nil }
        } else {
            let colon = rest.firstIndex(of: ":") ?? rest.endIndex
            host = rest[..<colon]
            rest = rest[colon...]
            guard !host.isEmpty, host.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." }) else { return nil }
        }
        if rest.isEmpty {
            port = nil
        } else {
            guard rest.first == ":", let number = Int(rest.dropFirst()), (0...65535).contains(number), rest.count <= 6 else { return nil }
            port = number
        }
        self.host = host.lowercased()
    }

    /// The authority of an absolute `http` or `https` URL (an Origin or a Referer).
    init?(url: String) {
        let lowered = url.lowercased()
        let scheme: (prefix: String, port: Int)
        if lowered.hasPrefix("http://") {
            scheme = ("http://", 80)
        } else if lowered.hasPrefix("https://") {
            scheme = ("https://", 443)
        } else {
            return nil
        }
        let rest = url.dropFirst(scheme.prefix.count)
        let end = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        guard var authority = Authority(String(rest[..<end])) else { return nil }
        authority.defaultPort = scheme.port
        self = authority
    }

    func port(default value: Int) -> Int { port ?? value }
}
