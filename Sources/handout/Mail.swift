import ArgumentParser
import Foundation
import HandoutBatch
import HandoutConfig
import HandoutCore
import HandoutMail

struct Mail: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Email each patient their handout from a batch: over TLS, once, with a journal of who got what.",
        discussion: """
        Recipients come from the CSV's email column (the same column names and --map as batch), joined by id \
        to DIR/manifest.csv and the shard manifests DIR/manifest-K-of-M.csv. Each patient gets DIR/<id>.pdf, \
        checked against the manifest's checksum. Records without an email, without an ok PDF, or repeating an \
        earlier row's id are reported and skipped. DIR/mail-journal.csv records every message; a rerun sends \
        only what is not sent yet, and an uncertain send only with --retry-uncertain. \
        Exit 0: all sent; 1: some were not (or are uncertain); 2: the run could not start.
        """)

    @Option(help: ArgumentHelp("The folder `handout batch` wrote (PDFs and manifests); default: output-dir in the settings file.", valueName: "dir"))
    var batch: String?

    @Option(help: ArgumentHelp("The patient list the batch was made from.", valueName: "patients.csv"))
    var csv: String

    @Option(help: ArgumentHelp("The sender, like \"Spine Clinic <care@clinic.example>\".", valueName: "mailbox"))
    var from: String?

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

    @Flag(help: "List who would get what; send nothing.")
    var dryRun = false

    @Flag(help: "Send again the messages whose delivery is uncertain (the connection dropped before the server's reply).")
    var retryUncertain = false

    @Flag(help: "Allow plain SMTP to 127.0.0.1, ::1 or localhost only (for testing).")
    var allowPlaintextLoopback = false

    @Option(name: .customLong("map"), help: ArgumentHelp("Which column holds a field: --map email=\"Patient E-mail\". Repeatable.", valueName: "field=header"),
            transform: { try ColumnOverride(parsing: $0) })
    var map: [ColumnOverride] = []

    @Option(help: "The language of the email when the patient's has no handout content, as the batch's --fallback-language (default: en).",
            transform: { LanguageCode.code(for: $0) ?? $0.lowercased() })
    var fallbackLanguage: String?

    @OptionGroup var configFile: ConfigOption

    /// What the flags say, else the settings file (mail: and the HANDOUT_SMTP_* variables over it).
    private func completed(by configuration: Configuration) throws -> Mail {
        var mail = self
        let file = configuration.mail
        mail.batch = try required(batch ?? configuration.outputDirectory, "--batch DIR", "output-dir")
        mail.from = try required(from ?? file.from, "--from MAILBOX", "mail.from")
        mail.smtp = smtp ?? file.smtp
        mail.caFile = caFile ?? file.caFile
        // The account and its password come together, from the flags or from the file.
        if user == nil && passwordFile == nil { (mail.user, mail.passwordFile) = (file.user, file.passwordFile) }
        mail.fallbackLanguage = fallbackLanguage ?? configuration.fallbackLanguage
        if mail.smtp == nil && outbox == nil && !dryRun { throw ValidationError("give --smtp URL, --outbox DIR or --dry-run") }
        if (mail.user == nil) != (mail.passwordFile == nil) { throw ValidationError("--user and --password-file go together") }
        return mail
    }

    func run() async throws {
        var runSettings: MailRunSettings!
        var deliveries: [MailDelivery] = []
        var unmailed = MailingList.Unmailed()
        try exitOnFailure {
            let configuration = try configFile.load()
            let mail = try completed(by: configuration)
            runSettings = try mail.settings()
            let list = try MailingList(batch: mail.batch!, csv: csv, columnOverrides: try ColumnOverride.table(configuration.columns(overriddenBy: map)),
                                       languages: configuration.languages, fallbackLanguage: mail.fallbackLanguage ?? "en", today: today).recipients()
            unmailed = list.unmailed
            deliveries = list.recipients.map { recipient in
                MailDelivery(id: recipient.id, recipientName: nil, recipientAddress: recipient.address, attachmentPath: recipient.attachmentPath,
                             language: recipient.language, expectedSHA256: recipient.expectedSHA256)
            }
        }
        for line in unmailed.withoutEmail + unmailed.notMailable + unmailed.withoutHandout { FileHandle.standardError.write(Data("handout: \(line)\n".utf8)) }
        let progress = ProgressReporter(total: deliveries.count)
        let options = MailRunOptions(retryUncertain: retryUncertain, dryRun: dryRun, outboxDirectory: outbox.map { URL(fileURLWithPath: $0) },
                                     onResult: { _ in progress.advance() })
        let summary: MailRunSummary
        do {
            summary = try await MailRun(settings: runSettings, options: options).run(deliveries)
            progress.finish()
        } catch {
            progress.finish()
            FileHandle.standardError.write(Data("handout: error: \(error.errorDescription ?? "\(error)")\n".utf8))
            throw ExitCode(2)
        }
        for result in summary.results where result.outcome != .sent && result.outcome != .skipped {
            print("\(result.id): \(result.outcome.rawValue)\(result.detail.isEmpty ? "" : ": \(result.detail)")")
        }
        print(summary.line + ", \(unmailed.withoutEmail.count) without an email, \(unmailed.notMailable.count) not mailable, \(unmailed.withoutHandout.count) without a handout")
        if let reason = summary.stopReason {
            // No TLS, a refused login, an unreachable server: the run itself failed.
            FileHandle.standardError.write(Data("handout: error: sending stopped: \(reason)\n".utf8))
            throw ExitCode(2)
        }
        // A patient without an email is reported, not a failure; a missing handout is.
        if !summary.isComplete || !unmailed.withoutHandout.isEmpty || !unmailed.notMailable.isEmpty { throw ExitCode(1) }
    }

    /// Called on the completed command: `batch` and `from` are set.
    private func settings() throws -> MailRunSettings {
        var configuration = try smtp.map { try SMTPConfiguration(url: $0, allowPlaintextLoopback: allowPlaintextLoopback) }
        if let user, let passwordFile {
            configuration?.credentials = .init(user: user, password: try PasswordFile.read(passwordFile))
        }
        configuration?.caFile = caFile
        let batchURL = URL(fileURLWithPath: batch!).standardizedFileURL
        return MailRunSettings(
            from: try Mailbox(parsing: from!), batchID: batchURL.lastPathComponent, date: try SourceDateEpoch.date() ?? Date(),
            smtp: configuration, journalURL: batchURL.appendingPathComponent("mail-journal.csv"))
    }
}
