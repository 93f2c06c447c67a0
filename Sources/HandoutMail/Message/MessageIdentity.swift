import HandoutSupport

/// The names a message gets from its batch and record id alone, so that the same
/// handout sent again carries the same Message-ID and a resend is recognizable; an updated
/// handout's message adds its revision, so that no mailbox takes it for the earlier one.
enum MessageIdentity {
    /// `<handout.{32 hex of sha256(batch NUL id [NUL revision])}@{domain}>`
    static func messageID(batchID: String, recordID: String, revision: String? = nil, domain: String) -> String {
        let name = [batchID, recordID] + (revision.map { [$0] } ?? [])
        return "<handout.\(SHA256Hex.of(Array(name.joined(separator: "\u{0}").utf8)).prefix(32))@\(domain)>"
    }

    /// `=_handout_{32 hex}`: "=_" cannot occur in base64 or quoted-printable text,
    /// so the boundary never collides with the parts it separates.
    static func boundary(batchID: String, recordID: String) -> String {
        "=_handout_" + SHA256Hex.of(Array(("boundary\u{0}" + batchID + "\u{0}" + recordID).utf8)).prefix(32)
    }
}
