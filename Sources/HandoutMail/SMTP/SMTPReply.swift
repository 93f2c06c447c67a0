/// One SMTP reply: a three-digit code and its text lines (a multi-line reply such
/// as EHLO's keeps every line, without the `250-` prefixes).
public struct SMTPReply: Sendable, Equatable, CustomStringConvertible {
    public let code: Int
    public let lines: [String]

    public init(code: Int, lines: [String]) {
        self.code = code
        self.lines = lines
    }

    /// 4xx: try again later.
    public var isTransientFailure: Bool { (400..<500).contains(code) }
    /// 5xx: do not retry as it is.
    public var isPermanentFailure: Bool { (500..<600).contains(code) }

    /// `code text` of the first line, for journals and errors. Call
    /// ``redacted`` before showing a reply that may repeat an address.
    public var description: String {
        lines.first.map { $0.isEmpty ? "\(code)" : "\(code) \($0)" } ?? "\(code)"
    }

    /// ``description`` with anything that looks like an email address replaced by
    /// `<redacted>` and control characters removed, at most 200 characters.
    public var redacted: String { Redaction.redactAddresses(description) }
}

/// ESMTP extensions announced in a reply to EHLO (RFC 5321 §4.1.1.1).
public struct SMTPCapabilities: Sendable, Equatable {
    /// Keywords in upper case, mapped to their parameters.
    public let keywords: [String: [String]]

    public init(ehloReply: SMTPReply) {
        var keywords: [String: [String]] = [:]
        for line in ehloReply.lines.dropFirst() {
            let words = line.split(separator: " ").map(String.init)
            guard let keyword = words.first else { continue }
            keywords[keyword.uppercased()] = Array(words.dropFirst())
        }
        self.keywords = keywords
    }

    public var supportsStartTLS: Bool { keywords["STARTTLS"] != nil }

    /// Mechanisms from `AUTH PLAIN LOGIN ...`, upper case.
    public var authMechanisms: Set<String> { Set((keywords["AUTH"] ?? []).map { $0.uppercased() }) }

    /// The SIZE limit in octets; `nil` when not announced or announced as 0 (no limit).
    public var maximumMessageSize: Int? {
        guard let value = keywords["SIZE"]?.first.flatMap({ Int($0) }), value > 0 else { return nil }
        return value
    }

    public var supportsSize: Bool { keywords["SIZE"] != nil }
}
