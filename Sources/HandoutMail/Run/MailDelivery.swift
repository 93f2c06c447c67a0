import Foundation

/// One handout to email: which record, to whom, and which file.
public struct MailDelivery: Sendable {
    /// The record id (from the batch manifest); the journal's key.
    public var id: String
    public var recipientName: String?
    public var recipientAddress: String
    /// The rendered handout PDF for this record.
    public var attachmentPath: URL
    /// The name the patient sees; defaults to the PDF's file name. Made safe.
    public var attachmentName: String?
    /// `en`, `es`, ... (region suffixes are ignored); English when unknown.
    public var language: String
    /// Named in the subject and body: who sent the handout and whom to call.
    public var clinic: ClinicContact
    /// When given (lowercase hex, e.g. the manifest's sha256 column), the PDF must
    /// match it or the record fails: a guard against attaching the wrong file.
    public var expectedSHA256: String?
    /// The visit the email names; nil: it names none.
    public var visit: MailVisit?
    /// A notice in the patient's language the email starts with (their handout is in English for
    /// want of a translation they may get); nil: none.
    public var notice: String?
    /// The patient was sent another version of this handout before: the email says it is an
    /// updated one (and gets a Message-ID of its own).
    public var updated = false

    public init(
        id: String, recipientName: String?, recipientAddress: String, attachmentPath: URL,
        attachmentName: String? = nil, language: String, clinic: ClinicContact, expectedSHA256: String? = nil, visit: MailVisit? = nil,
        notice: String? = nil
    ) {
        self.id = id
        self.recipientName = recipientName
        self.recipientAddress = recipientAddress
        self.attachmentPath = attachmentPath
        self.attachmentName = attachmentName
        self.language = language
        self.clinic = clinic
        self.expectedSHA256 = expectedSHA256
        self.visit = visit
        self.notice = notice
    }
}

/// Bounded retries with exponential backoff for 4xx replies and lost connections.
public struct RetryPolicy: Sendable {
    /// Attempts per message, the first included.
    public var maxAttempts: Int
    public var initialDelay: Duration
    public var multiplier: Int
    public var maximumDelay: Duration

    public init(
        maxAttempts: Int = 3, initialDelay: Duration = .seconds(2), multiplier: Int = 2,
        maximumDelay: Duration = .seconds(60)
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.initialDelay = initialDelay
        self.multiplier = max(1, multiplier)
        self.maximumDelay = maximumDelay
    }

    /// The wait after failed attempt `attempt` (1-based).
    public func delay(afterAttempt attempt: Int) -> Duration {
        var delay = initialDelay
        for _ in 1..<max(1, attempt) { delay = min(delay * multiplier, maximumDelay) }
        return min(delay, maximumDelay)
    }
}

/// What the run does besides sending.
public struct MailRunOptions: Sendable {
    /// Send again the records whose last status is `uncertain` (they may already
    /// have been delivered: the patient may get two copies).
    public var retryUncertain: Bool
    /// Build and check every message, send nothing, write nothing.
    public var dryRun: Bool
    /// Write each message to `<dir>/<safe id>.eml` (mode 0600) instead of sending.
    /// The journal is not touched.
    public var outboxDirectory: URL?
    public var retry: RetryPolicy
    /// Send (or, dry or into the outbox, make) at most this many messages; the records after
    /// that are `held`: nothing is journaled for them, so the next run sends them.
    public var limit: Int?
    /// A pilot: every message goes to this one address instead of the patient's. The sends are
    /// journaled in ``MailRunSettings/testJournalURL`` only, so the patients' journal still has
    /// them unsent and a real run sends them.
    public var testRecipient: MailAddress?
    /// Told of each record's result as soon as it is known while sending (for a progress bar).
    public var onResult: (@Sendable (MailResult) -> Void)?
    /// Records to send even though the journal says `sent`: their handout changed since, or
    /// staff asked for it again (`mail --resend`).
    public var sendAgain: Set<String> = []

    public init(
        retryUncertain: Bool = false, dryRun: Bool = false, outboxDirectory: URL? = nil,
        retry: RetryPolicy = RetryPolicy(), limit: Int? = nil, testRecipient: MailAddress? = nil,
        onResult: (@Sendable (MailResult) -> Void)? = nil
    ) {
        self.retryUncertain = retryUncertain
        self.dryRun = dryRun
        self.outboxDirectory = outboxDirectory
        self.retry = retry
        self.limit = limit
        self.testRecipient = testRecipient
        self.onResult = onResult
    }
}

/// Who sends, for which batch, where the journal is, and how to reach the server.
public struct MailRunSettings: Sendable {
    public var from: Mailbox
    /// The Reply-To of every message, if any.
    public var replyTo: Mailbox?
    /// Names the batch in Message-IDs; the same batch and id give the same Message-ID.
    public var batchID: String
    /// The Date header of every message.
    public var date: Date
    /// Required unless `dryRun` or `outboxDirectory` is set.
    public var smtp: SMTPConfiguration?
    /// `mail-journal.csv`, usually in the batch directory.
    public var journalURL: URL
    /// Where a run with a test recipient journals its sends: beside the journal, never in it.
    public var testJournalURL: URL {
        journalURL.deletingLastPathComponent().appendingPathComponent("mail-journal-test.csv")
    }
    /// Per-language templates replacing the bundled ones (`en`, `es`).
    public var templates: [String: MailTemplate]

    public init(
        from: Mailbox, batchID: String, date: Date, smtp: SMTPConfiguration?, journalURL: URL,
        templates: [String: MailTemplate] = [:], replyTo: Mailbox? = nil
    ) {
        self.from = from
        self.replyTo = replyTo
        self.batchID = batchID
        self.date = date
        self.smtp = smtp
        self.journalURL = journalURL
        self.templates = templates
    }
}
