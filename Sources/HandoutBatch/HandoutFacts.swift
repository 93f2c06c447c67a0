/// What a handout tells its patient, beside the PDF's bytes (the manifest's `topic`, `language`,
/// `content_version` and `reads_sha256`): the ledger keeps them, and mail decides from
/// `readsSHA256` whether a patient's new handout says anything new.
public struct HandoutFacts: Sendable, Equatable {
    public var topic: String
    /// The language the handout is written in (a code such as `es`).
    public var language: String
    /// The content file's own version (its footer's).
    public var contentVersion: String
    /// A keyed digest (HMAC-SHA256, lowercase hex) of what the patient reads: the record, the
    /// topic, language, content and every option that shapes the handout, except the day printed
    /// on it, which moves every week while the handout says the same. Keyed by the ledger's
    /// key, not the folder's, so two folders' handouts compare.
    public var readsSHA256: String

    public init(topic: String = "", language: String = "", contentVersion: String = "", readsSHA256: String = "") {
        self.topic = topic
        self.language = language
        self.contentVersion = contentVersion
        self.readsSHA256 = readsSHA256
    }
}
