/// The names a message gets from its batch and record id alone, so that the same
/// handout sent again carries the same Message-ID and a resend is recognizable.
enum MessageIdentity {
    /// `<handout.{32 hex of sha256(batch NUL id)}@{domain}>`
    static func messageID(batchID: String, recordID: String, domain: String) -> String {
        "<handout.\(SafeFileName.hexDigest(batchID + "\u{0}" + recordID).prefix(32))@\(domain)>"
    }

    /// `=_handout_{32 hex}`: "=_" cannot occur in base64 or quoted-printable text,
    /// so the boundary never collides with the parts it separates.
    static func boundary(batchID: String, recordID: String) -> String {
        "=_handout_" + SafeFileName.hexDigest("boundary\u{0}" + batchID + "\u{0}" + recordID).prefix(32)
    }
}
