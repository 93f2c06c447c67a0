import Foundation
import HandoutLedger
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import NIOSSL

/// The server `handout serve` runs and the tests drive: the same router and services either way.
/// `onListening` gets the port it listens on (the one the system chose for `--port 0`).
public func buildApplication(_ settings: ServerSettings, logger: Logger = Logger(label: "handout.serve"),
                             onListening: @escaping @Sendable (Int) -> Void = { _ in }) async throws -> some ApplicationProtocol {
    try settings.validate()
    let services = try ServerServices(settings)
    let router = try buildRouter(services)
    let configuration = ApplicationConfiguration(address: .hostname(settings.host, port: settings.port), serverName: nil)
    let (head, body) = (TimeAmount.seconds(settings.headTimeout), TimeAmount.seconds(settings.bodyTimeout))
    let connections = ConnectionLimit(maximum: settings.maximumConnections)
    let listening: @Sendable (any Channel) async -> Void = { channel in onListening(channel.localAddress?.port ?? settings.port) }
    let http1 = HTTP1Channel.Configuration(additionalChannelHandlers: [ConnectionCap(connections), RequestDeadlines(head: head, body: body)],
                                           idleTimeout: .seconds(settings.idleTimeout))
    guard let tls = settings.tls else {
        return Application(router: router, server: .http1(configuration: http1), configuration: configuration,
                           services: [services.background], onServerRunning: listening, logger: logger)
    }
    return Application(router: router, server: try .tls(.http1(configuration: http1), tlsConfiguration: try TLSFiles.configuration(tls)),
                       configuration: configuration, services: [services.background], onServerRunning: listening, logger: logger)
}

extension TimeAmount {
    static func seconds(_ seconds: Double) -> TimeAmount { .milliseconds(Int64(seconds * 1000)) }
}

/// What the routes share: the settings file's render setup, the sessions, the batches and their
/// mail, the renderer processes and the threads that wait for slow work, the audit log.
struct ServerServices: Sendable {
    let settings: ServerSettings
    let setup: RenderSetup
    let sessions: SessionStore
    let users: UsersFile?
    let audit: AuditLog
    /// The one cap on renderer processes, and the form's own (kept warm between requests).
    let slots: RendererSlots
    let renderers: FormRenderers
    /// Threads that wait on renderer processes (never more than the processes).
    let processWaits: BlockingWork
    /// CSV checks, ZIPs, file writes, reads and removals.
    let files: BlockingWork
    /// bcrypt: two at once, so that a crowd signing in cannot take every core.
    let hashing: BlockingWork
    let batches: BatchStore
    /// What was made and sent, shared with `handout batch` and `mail` (opened at start: a damaged
    /// one stops the start).
    let ledger: Ledger
    let background: BackgroundWork
    /// "Send by email", when the settings file names a mail server and a sender.
    let mail: BatchMail?
    /// The settings file's column mapping, and what the batch page saves into it.
    let savedColumns: SavedColumns
    let staticFiles: StaticFiles

    init(_ settings: ServerSettings) throws {
        self.settings = settings
        setup = try RenderSetup(configuration: settings.configuration)
        sessions = SessionStore(lifetime: settings.sessionLifetime, lockoutFailures: settings.lockoutFailures,
                                lockoutDuration: settings.lockoutDuration, clock: settings.clock.now)
        users = try settings.usersFile.map { path throws(ServerSetupError) in try UsersFile(path: path) }
        audit = try AuditLog(path: settings.auditLog)
        slots = RendererSlots(capacity: settings.maximumRenderers, queueLimit: settings.rendererQueueLimit)
        processWaits = BlockingWork(width: settings.maximumRenderers, queueLimit: settings.maximumRenderers)
        renderers = FormRenderers(command: settings.rendererCommand, slots: slots, threads: processWaits)
        files = BlockingWork(width: 2, queueLimit: 64)
        hashing = BlockingWork(width: 2, queueLimit: 64)
        ledger = try Ledger(path: settings.ledgerPath)
        let batches = try BatchStore(root: settings.batchesDirectory, lifetime: settings.batchLifetime, keep: settings.batchKeeping,
                                     maximumBatches: settings.maximumKeptBatches, maximumBytes: settings.maximumKeptBytes, clock: settings.clock)
        self.batches = batches
        let files = files
        background = BackgroundWork(
            limit: settings.rendererQueueLimit + settings.maximumRenderers,
            sweepInterval: .milliseconds(Int64(1000 * (settings.sweepInterval ?? min(30, max(settings.batchLifetime / 4, 0.05))))),
            sweep: { _ = try? await files.run { batches.sweep() } },
            atEnd: { _ = try? await files.run { batches.removeUnfinished() } })
        mail = try BatchMail(settings.configuration, ledger: ledger)
        savedColumns = SavedColumns(settings.configuration)
        staticFiles = try StaticFiles()
    }
}

func buildRouter(_ services: ServerServices) throws -> Router<ServerContext> {
    let router = Router(context: ServerContext.self)
    let settings = services.settings
    router.add(middleware: SecurityHeadersMiddleware(tls: settings.tls != nil))
    router.add(middleware: SiteGuardMiddleware(names: settings.siteNames))
    router.add(middleware: SessionMiddleware(sessions: services.sessions, signInRequired: services.users != nil,
                                             secureCookie: settings.tls != nil, uploadLimit: settings.uploadLimit, files: services.files))
    services.staticFiles.add(to: router)
    let pages = router.group(context: PageContext.self)
    SingleHandoutRoutes(setup: services.setup, renderers: services.renderers, audit: services.audit, mail: services.mail,
                        batches: services.batches, files: services.files).add(to: pages)
    BatchRoutes(setup: services.setup, batches: services.batches, mail: services.mail, ledger: services.ledger, audit: services.audit,
                uploadLimit: settings.uploadLimit, jobs: settings.batchJobs, rendererCommand: settings.rendererCommand,
                slots: services.slots, renderers: services.renderers, files: services.files, processWaits: services.processWaits,
                background: services.background, saved: services.savedColumns).add(to: pages)
    BatchesRoutes(batches: services.batches, ledger: services.ledger, mail: services.mail, audit: services.audit, files: services.files).add(to: pages)
    if let users = services.users {
        LoginRoutes(users: users, sessions: services.sessions, audit: services.audit, hashing: services.hashing,
                    secureCookie: settings.tls != nil).add(to: pages)
    }
    return router
}

/// The certificate chain and key of an HTTPS server, read from their PEM files.
enum TLSFiles {
    static func configuration(_ files: ServerSettings.TLSFiles) throws -> TLSConfiguration {
        let chain: [NIOSSLCertificate]
        let key: NIOSSLPrivateKey
        do {
            chain = try NIOSSLCertificate.fromPEMFile(files.certificate)
        } catch {
            throw ServerSetupError.unreadable(path: files.certificate, reason: "not a PEM certificate chain")
        }
        do {
            key = try NIOSSLPrivateKey(file: files.key, format: .pem)
        } catch {
            throw ServerSetupError.unreadable(path: files.key, reason: "not a PEM private key")
        }
        return TLSConfiguration.makeServerConfiguration(certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
    }
}
