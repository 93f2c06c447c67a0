import ArgumentParser
import Foundation
import HandoutBatch
import HandoutConfig
import HandoutCore
import HandoutLedger
import HandoutMail
import HandoutRender
import HandoutSupport
import Logging

struct Mail: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Email each patient their handout from a batch: over TLS, once, with a journal of who got what.",
        discussion: """
        Recipients come from the CSV's email column (the same column names and --map as batch), joined by id \
        to DIR/manifest.csv and the shard manifests DIR/manifest-K-of-M.csv. Each patient gets DIR/<id>.pdf, \
        checked against the manifest's checksum. Records without an email, without an ok PDF, or repeating an \
        earlier row's id are reported and skipped. DIR/mail-journal.csv records every message; a rerun sends \
        only what is not sent yet, and an uncertain send only with --retry-uncertain. The ledger (--ledger) keeps what \
        each patient was sent across batch folders: a handout already sent is not sent again (unless --resend), one that \
        changed since is sent as an updated handout. \
        Exit 0: all sent; 1: some were not (or are uncertain); 2: the run could not start.
        """)

    @Option(help: ArgumentHelp("The folder `handout batch` wrote (PDFs and manifests); default: output-dir in the settings file.", valueName: "dir"))
    var batch: String?

    @Option(help: ArgumentHelp("The patient list the batch was made from.", valueName: "patients.csv"))
    var csv: String

    @Option(help: ArgumentHelp("The sender, like \"Spine Clinic <care@clinic.example>\".", valueName: "mailbox"))
    var from: String?

    @Option(name: .customLong("reply-to"), help: ArgumentHelp("Where patients' answers go, when not to the sender: a Reply-To header on every message.", valueName: "mailbox"))
    var replyTo: String?

    @Option(help: ArgumentHelp("Clinic details (JSON, as for batch) for records without clinic columns: the email names the clinic and gives its phone.", valueName: "clinic.json"))
    var clinic: String?

    @Option(help: ArgumentHelp("The mail server: smtp://host:587 (STARTTLS required) or smtps://host:465.", valueName: "url"))
    var smtp: String?

    @Option(help: "User name for the server (AUTH, only over TLS).")
    var user: String?

    @Option(help: ArgumentHelp("File whose first line is the server password.", valueName: "file"))
    var passwordFile: String?

    @Option(help: ArgumentHelp("Trust this CA (PEM) for the server certificate, for a private CA.", valueName: "file.pem"))
    var caFile: String?

    @Option(help: ArgumentHelp("Write one .eml file per message here instead of sending.", valueName: "dir"))
    var outbox: String?

    @Option(help: "Send at most this many messages; the rest stay unsent and the next run sends them.")
    var limit: Int?

    @Option(name: .customLong("test-to"), help: ArgumentHelp("A pilot: send every message to this one address instead of the patients'. The patients' journal is not touched, so a later run still sends to them.", valueName: "address"))
    var testTo: String?

    @Option(help: ArgumentHelp("Append one JSON line per record to this file (mode 0600): time, id, line, outcome, reason code; never a name, date or address.", valueName: "file"))
    var logFile: String?

    @Flag(help: "List who would get what (id, address shortened, file, language); send nothing, write nothing.")
    var dryRun = false

    @Flag(help: "Send again the messages whose delivery is uncertain (the connection dropped before the server's reply).")
    var retryUncertain = false

    @Option(parsing: .upToNextOption, help: ArgumentHelp("Send these patients their handout again, even when it is unchanged since it was sent.", valueName: "id"))
    var resend: [String] = []

    @OptionGroup var ledger: LedgerOption

    @Flag(help: "Allow plain SMTP to 127.0.0.1, ::1 or localhost only (for testing).")
    var allowPlaintextLoopback = false

    @Option(name: .customLong("map"), help: ArgumentHelp("Which column holds a field: --map email=\"Patient E-mail\". Repeatable.", valueName: "field=header"),
            transform: { try ColumnOverride(parsing: $0) })
    var map: [ColumnOverride] = []

    @Option(help: ArgumentHelp("How dates are written in the CSV, as the batch's --date-format: the email names the visit's day.", valueName: "format"),
            transform: { try DateFormat($0) })
    var dateFormat: DateFormat?

    func validate() throws {
        if let limit, limit < 0 { throw ValidationError("--limit must be 0 or more") }
    }

    @Option(help: "The language of the email when the patient's has no handout content, as the batch's --fallback-language (default: en).",
            transform: { LanguageCode.code(for: $0) ?? $0.lowercased() })
    var fallbackLanguage: String?

    @Option(help: ArgumentHelp("As the batch's --unreviewed-translations: a patient whose translation is not reviewed gets the English email with a notice in their language (english-with-notice, default), or one in their language (use).",
                               valueName: "use|english-with-notice"))
    var unreviewedTranslations: UnreviewedTranslations?

    @OptionGroup var configFile: ConfigOption

    @OptionGroup var inputFormat: InputFormatOptions

    /// What the flags say, else the settings file (mail: and the HANDOUT_SMTP_* variables over it).
    private func completed(by configuration: Configuration) throws -> Mail {
        var mail = self
        let file = configuration.mail
        mail.batch = try required(batch ?? configuration.outputDirectory, "--batch DIR", "output-dir")
        mail.from = try required(from ?? file.from, "--from MAILBOX", "mail.from")
        mail.replyTo = replyTo ?? file.replyTo
        mail.smtp = smtp ?? file.smtp
        mail.caFile = caFile ?? file.caFile
        // The account and its password come together, from the flags or from the file.
        if user == nil && passwordFile == nil { (mail.user, mail.passwordFile) = (file.user, file.passwordFile) }
        mail.fallbackLanguage = fallbackLanguage ?? configuration.fallbackLanguage
        if mail.smtp == nil && outbox == nil && !dryRun { throw ValidationError("give --smtp URL, --outbox DIR or --dry-run") }
        if (mail.user == nil) != (mail.passwordFile == nil) {
            throw ValidationError("the mail account needs a user and a password file together, and only the \(mail.user == nil ? "password file" : "user") is given: "
                                  + "--user and --password-file, mail.user and mail.password-file in the settings file, or HANDOUT_SMTP_USER and HANDOUT_SMTP_PASSWORD_FILE")
        }
        return mail
    }

    func run() async throws {
        var runSettings: MailRunSettings!
        var runOptions = MailRunOptions(retryUncertain: retryUncertain, dryRun: dryRun, outboxDirectory: outbox.map { URL(fileURLWithPath: $0) },
                                        limit: limit)
        var eventLog: EventLog?
        var deliveries: [MailDelivery] = []
        var lines: [String: Int] = [:]
        var unmailed = MailingList.Unmailed()
        var format: InputFormat?
        var plan: MailLedgerPlan!
        var sending: ExclusiveLock?
        var folderImport: BatchFolderImport!
        try exitOnFailure {
            // Every setting is checked before the first record is read.
            let configuration = try configFile.load()
            let mail = try completed(by: configuration)
            let defaultClinic = try clinic.map { try ClinicJSON.load(path: $0) } ?? configuration.clinic
            runSettings = try mail.settings()
            runOptions.testRecipient = try testTo.map(testRecipient)
            if let defaultClinic { try MailTemplate.checkHeaderSafe(ClinicContact(defaultClinic)) }
            // A dry run writes nothing, not even the log.
            if let logFile, !dryRun { eventLog = try EventLog(path: logFile) }
            let list = try MailingList(batch: mail.batch!, csv: csv, columnOverrides: try configuration.columns(overriddenBy: map),
                                       defaultClinic: defaultClinic, languages: configuration.languages,
                                       fallbackLanguage: mail.fallbackLanguage ?? "en", dateFormat: dateFormat ?? configuration.dateFormat,
                                       content: try ContentCatalog(clinicDirectory: configuration.contentDirectory), topic: configuration.topic,
                                       today: today, inputFormat: configuration.inputFormat(overriddenBy: inputFormat.choice),
                                       unreviewedTranslations: unreviewedTranslations ?? configuration.unreviewedTranslations ?? .englishWithNotice).recipients()
            unmailed = list.unmailed
            format = list.format
            if let unused = list.unusedColumns { print("warning: columns \(unused)") }
            // The ledger first takes in what the folder's journal has that it lacks (a run that was stopped);
            // a dry run's ledger is a copy in memory, so it tells the same and leaves the file as it was.
            let ledger = dryRun ? try Ledger.copyInMemory(of: self.ledger.path(configuration)) : try self.ledger.open(configuration)
            if !dryRun { sending = try Self.sendingLock(ledger) }
            folderImport = BatchFolderImport(folder: mail.batch!, ledger: ledger)
            try folderImport.run(clock: try ledgerClock())
            plan = try Self.plan(list.recipients.map { recipient in
                lines[recipient.id] = recipient.line
                return MailDelivery(recipient, today: today)
            }, folder: folderImport, resend: resend, retryUncertain: retryUncertain)
            deliveries = plan.toSend
            runOptions.sendAgain = plan.sendAgain
        }
        for skipped in unmailed.all {
            FileHandle.standardError.write(Data("handout: \(csv):\(skipped.line): \(skipped.message)\n".utf8))
            try? eventLog?.record(id: skipped.id, line: skipped.line, outcome: "not-mailed", reason: skipped.reason.code)
        }
        for result in plan.notSent {
            try? eventLog?.record(id: result.id, line: lines[result.id], outcome: result.outcome.rawValue, reason: result.reason)
        }
        let progress = ProgressReporter(total: deliveries.count)
        runOptions.onResult = { [lines, eventLog] result in
            progress.advance()
            try? eventLog?.record(id: result.id, line: lines[result.id], outcome: result.outcome.rawValue, reason: result.reason)
        }
        // swift-log writes to the terminal by default, through the progress bar: the run's events go to --log-file instead.
        let quiet = Logger(label: "handout.mail") { _ in SwiftLogNoOpLogHandler() }
        var summary: MailRunSummary
        do {
            summary = try await MailRun(settings: runSettings, options: runOptions, logger: quiet).run(deliveries)
            summary.results += plan.notSent
            progress.finish()
        } catch {
            progress.finish()
            FileHandle.standardError.write(Data("handout: error: \(error.errorDescription ?? "\(error)")\n".utf8))
            throw ExitCode(2)
        }
        if !dryRun { recordDeliveries(summary, plan, folderImport) }
        report(summary, unmailed, plan, format: format)
        // A patient without an email is reported, not a failure; a missing handout is.
        let someFailed = !summary.isComplete || !unmailed.withoutHandout.isEmpty || !unmailed.notMailable.isEmpty
        // The log's last line says how the run really ended: "complete" only with exit 0.
        try eventLog?.finish(summary.stopReason != nil ? "stopped" : someFailed ? "incomplete" : "complete")
        if let reason = summary.stopReason {
            // No TLS, a refused login, an unreachable server: the run itself failed.
            FileHandle.standardError.write(Data("handout: error: sending stopped: \(reason)\n".utf8))
            throw ExitCode(2)
        }
        withExtendedLifetime(sending) {}
        if someFailed { throw ExitCode(1) }
    }

    private static func plan(_ deliveries: [MailDelivery], folder: BatchFolderImport, resend: [String], retryUncertain: Bool) throws -> MailLedgerPlan {
        do {
            return try MailLedgerPlan(deliveries, folder: folder, resend: resend, retryUncertain: retryUncertain)
        } catch let .notMailable(id) {
            throw ValidationError("--resend \(id): not among the patients this batch can mail (an id of the list, with an email and an ok handout)")
        } catch let .ledger(error) {
            throw error
        }
    }

    /// One sending run at a time per ledger: two at once could each find a patient not yet sent.
    /// The lock is the ledger's path with `.lock`; the kernel drops it when the run ends.
    private static func sendingLock(_ ledger: Ledger) throws -> ExclusiveLock {
        do {
            return try ledger.sendingLock()
        } catch .held {
            throw ValidationError("another handout mail (or deliver, or the web page's send by email) is sending with the ledger \(ledger.path): nothing was sent; run again when it has ended")
        } catch let .cannotOpen(reason) {
            throw ValidationError("cannot make the ledger's lock file \(ledger.path).lock: \(reason)")
        }
    }

    /// Standard output: a dry run's listing, each record that needs attention, the counts.
    /// `format`: how the list was read, said when it is not plain comma-separated UTF-8.
    private func report(_ summary: MailRunSummary, _ unmailed: MailingList.Unmailed, _ plan: MailLedgerPlan, format: InputFormat?) {
        for result in summary.results {
            switch result.outcome {
            case .skipped where dryRun && result.reason == "unchanged":
                print("\(result.id): unchanged, not sent (sent before)")
            case .sent, .skipped, .held, .testSent, .written:
                continue
            case .wouldSend:
                if let preview = result.preview {
                    let news = plan.news[result.id].map { " (\($0.rawValue))" } ?? ""
                    print("would send \(result.id)\(news) to \(preview.redactedRecipient): \(preview.attachmentName), \(preview.language)")
                }
            case .deferred where result.stoppedByRun:
                // Said once, below.
                continue
            case .failed, .deferred, .uncertain:
                print("\(result.id): \(result.outcome.rawValue)\(result.detail.isEmpty ? "" : ": \(result.detail)")")
            }
        }
        if let limit, summary.count(.held) > 0 {
            print("held \(summary.count(.held)): over --limit \(limit); run the same command again to send them")
        }
        if let format, format != .plain { print("read as: \(format)") }
        print(summary.line + ", \(unmailed.withoutEmail.count) without an email, \(unmailed.notMailable.count) not mailable, \(unmailed.withoutHandout.count) without a handout")
        // Said on a dry run, and once there is history: a first run's counts are all in the line above.
        if dryRun || plan.count(.new) < plan.news.count {
            print("new \(plan.count(.new)), changed \(plan.count(.changed)), unchanged \(plan.count(.unchanged)) (sent before; not sent again unless --resend ID), "
                  + "uncertain \(plan.count(.uncertain)), without an address \(unmailed.withoutEmail.count)")
        }
        if let testTo, let address = try? MailAddress(testTo) {
            let count = summary.count(.testSent) + summary.count(.wouldSend) + summary.count(.written)
            print("test run: \(count) message\(count == 1 ? "" : "s") to \(Redaction.address(address.address)) instead of the patients; "
                  + "none counts as sent to a patient (mail-journal.csv is unchanged), so a run without --test-to still sends them")
        }
    }

    /// Tells the ledger what this run sent (from the journal) or wrote to the outbox. A pilot's
    /// messages are not the patients': its journal is not the ledger's.
    private func recordDeliveries(_ summary: MailRunSummary, _ plan: MailLedgerPlan, _ folderImport: BatchFolderImport) {
        recordInLedger(folderImport, sent: plan.sentFacts) { ledger, time in
            outbox != nil && testTo == nil ? plan.outboxDeliveries(summary.results, folder: folderImport.folder, ledger: ledger, at: time) : []
        }
    }

    private func testRecipient(_ text: String) throws -> MailAddress {
        do {
            return try MailAddress(text)
        } catch {
            throw ValidationError("--test-to: \(error.errorDescription ?? "not an email address")")
        }
    }

    private func answerAddress(_ text: String) throws -> Mailbox {
        do {
            return try Mailbox(parsing: text)
        } catch {
            throw ValidationError("--reply-to: \(error.errorDescription ?? "not an email address")")
        }
    }

    /// Called on the completed command: `batch` and `from` are set.
    private func settings() throws -> MailRunSettings {
        let mail = MailSettings(smtp: smtp, user: user, passwordFile: passwordFile, caFile: caFile, from: from, replyTo: replyTo)
        let batchURL = URL(fileURLWithPath: batch!).standardizedFileURL
        return try MailRunSettings(batchFolder: batchURL, batchID: batchURL.lastPathComponent, from: try Mailbox(parsing: from!),
                                   replyTo: try replyTo.map(answerAddress), server: try mail.server(allowPlaintextLoopback: allowPlaintextLoopback))
    }
}
