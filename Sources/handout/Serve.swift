import ArgumentParser
import Foundation
import HandoutConfig
import HandoutCore
import HandoutServer
import Hummingbird
import Logging

/// `handout serve`: the form and batch pages in the browser, on this machine only unless TLS
/// and sign-in are set up.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the handout form and the batch page to browsers (http://127.0.0.1:8080).",
        discussion: """
        Reads the settings file like the other commands. Another --host than 127.0.0.1 needs \
        --tls-cert, --tls-key and --users (sign-in); or keep 127.0.0.1 behind the clinic's reverse proxy.
        """)

    @OptionGroup var configFile: ConfigOption

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on (0: one the system chooses, said when the server starts).")
    var port = 8080

    @Option(help: ArgumentHelp("The server's certificate chain (PEM), for HTTPS.", valueName: "cert.pem"))
    var tlsCert: String?

    @Option(help: ArgumentHelp("The certificate's private key (PEM).", valueName: "key.pem"))
    var tlsKey: String?

    @Option(help: ArgumentHelp("Who may sign in: the file `handout user add` writes; sign-in is required when given.", valueName: "file"))
    var users: String?

    @Option(help: ArgumentHelp("Append who made or sent what (user, time, record id, count) as JSON lines; default: standard error.",
                               valueName: "file"))
    var auditLog: String?

    @Option(help: "Handouts a batch renders at once: 1 to 4 per core (default: 1, leaving the other cores to the form).")
    var batchJobs = 1

    @Option(help: ArgumentHelp("What a patient gets when their language's translation is not reviewed by a person: use or english-with-notice (default), over the settings file's unreviewed-translations.",
                               valueName: "use|english-with-notice"))
    var unreviewedTranslations: UnreviewedTranslations?

    @Option(help: ArgumentHelp("Days a finished batch is kept (to download again, print again or resend), then removed with its PDFs; default: keep-days in the settings file, else 7.",
                               valueName: "days"))
    var keepDays: Int?

    @Option(help: ArgumentHelp("Where the batches are kept (a private folder); default: batches-dir in the settings file, else handout-batches beside the ledger.",
                               valueName: "dir"))
    var batchesDir: String?

    @OptionGroup var ledger: LedgerOption

    func validate() throws {
        if (tlsCert == nil) != (tlsKey == nil) { throw ValidationError("--tls-cert and --tls-key go together") }
        if let keepDays, !Configuration.keepDaysRange.contains(keepDays) { throw ValidationError("--keep-days \(keepDays): 1 to 365 days") }
    }

    func run() async throws {
        let settings: ServerSettings
        do {
            var configuration = try configFile.load()
            if let unreviewedTranslations { configuration.unreviewedTranslations = unreviewedTranslations }
            // The renderer processes of the form and the batch page: this program (each gets its run in its hello frame).
            let renderer = [try BatchWorker.executable(), BatchWorker.name]
            settings = ServerSettings(
                rendererCommand: renderer, host: host, port: port, configuration: configuration,
                tls: tlsCert.map { ServerSettings.TLSFiles(certificate: $0, key: tlsKey!) }, usersFile: users,
                ledgerPath: ledger.path(configuration), batchesDirectory: batchesDir, keepDays: keepDays,
                uploadLimit: (configuration.uploadLimitMB ?? ServerSettings.defaultUploadLimit / 1_000_000) * 1_000_000,
                auditLog: auditLog, batchJobs: batchJobs)
            try settings.validate()
        } catch {
            FileHandle.standardError.write(Data("handout: error: \((error as? LocalizedError)?.errorDescription ?? "\(error)")\n".utf8))
            throw ExitCode(2)
        }
        var logger = Logger(label: "handout.serve")
        logger.logLevel = .notice
        let scheme = settings.tls == nil ? "http" : "https"
        let shownHost = host.contains(":") ? "[\(host)]" : host
        let app = try await buildApplication(settings, logger: logger) { port in
            FileHandle.standardError.write(Data("handout: serving \(scheme)://\(shownHost):\(port) (Ctrl-C stops)\n".utf8))
        }
        try await app.runService()
    }
}
