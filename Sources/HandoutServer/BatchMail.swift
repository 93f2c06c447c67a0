import Foundation
import HandoutBatch
import HandoutConfig
import HandoutCore
import HandoutLedger
import HandoutMail
import HandoutSupport
import Logging

/// "Send by email" on the batch page: the settings file's mail server and sender, the same
/// mailing list, messages and journal (`mail-journal.csv` in the batch's folder) as `handout mail`,
/// and the same ledger: only new or changed handouts go, under the ledger's sending lock, and
/// what was sent is recorded there.
struct BatchMail: Sendable {
    let from: Mailbox
    let replyTo: Mailbox?
    let server: SMTPConfiguration
    let configuration: Configuration
    let ledger: Ledger

    /// Nil when the settings name no mail server or no sender; a setting that cannot work
    /// (an unreadable password file, a clinic name a header cannot carry) stops the server's start.
    init?(_ configuration: Configuration, ledger: Ledger) throws(ServerSetupError) {
        let mail = configuration.mail
        guard let sender = mail.from else { return nil }
        do {
            guard let server = try mail.server() else { return nil }
            self.server = server
            from = try Mailbox(parsing: sender)
            replyTo = try mail.replyTo.map { try Mailbox(parsing: $0) }
            if let clinic = configuration.clinic { try MailTemplate.checkHeaderSafe(ClinicContact(clinic)) }
        } catch {
            throw .unreadable(path: configuration.file ?? "settings", reason: "mail: \((error as? LocalizedError)?.errorDescription ?? "\(error)")")
        }
        self.configuration = configuration
        self.ledger = ledger
    }

    /// Who of a finished batch can be sent their handout, as `handout mail` reads it (with the
    /// columns the batch ran with).
    func mailing(for job: BatchJob) -> BatchJob.Mailing {
        do {
            let list = try MailingList(
                batch: job.folder.output, csv: job.folder.input, columnOverrides: job.chosenColumns.overrides,
                defaultClinic: configuration.clinic, languages: configuration.languages,
                fallbackLanguage: configuration.fallbackLanguage ?? "en", dateFormat: configuration.dateFormat,
                content: try ContentCatalog(clinicDirectory: configuration.contentDirectory), topic: configuration.topic,
                today: Self.today, names: (BatchFolder.outputName, BatchFolder.inputName), inputFormat: configuration.inputFormat(),
                unreviewedTranslations: configuration.unreviewedTranslations ?? .englishWithNotice).recipients()
            return BatchJob.Mailing(recipients: list.recipients, unmailed: list.unmailed.all)
        } catch {
            return BatchJob.Mailing(problem: (error as? LocalizedError)?.errorDescription ?? "the file cannot be read")
        }
    }

    /// The day an email is sent on: whether a visit is still ahead.
    private static var today: CalendarDate { CalendarDate(Date()) }

    /// "Make and send" on the form: the handout at `attachment` (in a private folder of its own,
    /// which gets the journal) to `address`, as a batch's round sends one: named `attachmentName`
    /// (the topic's, in the handout's language), about the visit the form gives, in the language the
    /// handout is made in for a patient asking for `language` (English with a notice in theirs, for
    /// a translation the run may not give). Whether it was sent; the server's reply is not shown (it
    /// may repeat the address).
    func send(_ attachment: URL, id: String, to address: String, topic: String, language asked: String, appointment: Appointment?) async -> Bool {
        guard let clinic = configuration.clinic else { return false }
        let catalog: ContentCatalog, translations: TranslationPolicy
        let fallback = configuration.fallbackLanguage ?? "en"
        do {
            catalog = try ContentCatalog(clinicDirectory: configuration.contentDirectory)
            translations = try TranslationPolicy(catalog: catalog, unreviewedTranslations: configuration.unreviewedTranslations ?? .englishWithNotice,
                                                 runLanguage: fallback)
        } catch {
            return false
        }
        let language = translations.allows(topic, in: asked) ? asked : fallback
        let notice = TranslationPolicy.noticeLanguage(asked: asked, made: language).flatMap { LanguageNotices.bundled.notice(for: $0, phone: clinic.phone)?.text }
        let attachmentName = catalog.attachmentName(topic: topic, language: language)
        let quiet = Logger(label: "handout.serve.mail") { _ in SwiftLogNoOpLogHandler() }
        do {
            let settings = try MailRunSettings(batchFolder: attachment.deletingLastPathComponent(), batchID: Token.make(), from: from,
                                               replyTo: replyTo, server: server)
            let delivery = MailDelivery(id: id, recipientName: nil, recipientAddress: address, attachmentPath: attachment,
                                        attachmentName: attachmentName, language: language, clinic: ClinicContact(clinic),
                                        visit: appointment.map { MailVisit($0, today: Self.today) }, notice: notice)
            return try await MailRun(settings: settings, logger: quiet).run([delivery]).count(.sent) == 1
        } catch {
            return false
        }
    }

    /// One round, as `handout mail` sends: each recipient whose handout is new, or changed since
    /// it was last sent (from any batch, by the server or the command), and those in `resend`
    /// again on purpose. Holds the ledger's sending lock for the round, so a `handout mail` at the
    /// same time never sends to a patient this one does; the ledger records what went. Results go
    /// to the job as they come.
    func send(_ recipients: [MailingList.Recipient], for job: BatchJob, resend: [String] = []) async -> (sent: Int, stopReason: String?) {
        let sending: ExclusiveLock
        do {
            sending = try ledger.sendingLock()
        } catch .held {
            return (0, "a handout mail (or deliver) is sending with the same ledger: nothing was sent; try again when it has ended")
        } catch {
            return (0, "cannot make the ledger's lock file")
        }
        defer { withExtendedLifetime(sending) {} }
        var options = MailRunOptions()
        options.onResult = { job.note($0) }
        // The run's events are the page's and the audit log's; nothing else is logged.
        let quiet = Logger(label: "handout.serve.mail") { _ in SwiftLogNoOpLogHandler() }
        let folderImport = BatchFolderImport(folder: job.folder.output, ledger: ledger)
        do {
            // The ledger first takes in what the folder's journal has that it lacks (a round that was stopped).
            try folderImport.run(clock: Date())
            let plan = try MailLedgerPlan(recipients.map { MailDelivery($0, today: Self.today) }, folder: folderImport,
                                          resend: resend, retryUncertain: false)
            options.sendAgain = plan.sendAgain
            for result in plan.notSent { job.note(result) }
            let settings = try MailRunSettings(batchFolder: URL(fileURLWithPath: job.folder.output), batchID: job.id, from: from, replyTo: replyTo,
                                               server: server)
            let summary = try await MailRun(settings: settings, options: options, logger: quiet).run(plan.toSend)
            // The journal is the round's crash-safe record: a failure here is caught up by the next import.
            try? folderImport.run(clock: Date(), sent: plan.sentFacts)
            return (summary.count(.sent), summary.stopReason)
        } catch {
            return (0, (error as? LocalizedError)?.errorDescription ?? "the mail run could not start")
        }
    }
}
