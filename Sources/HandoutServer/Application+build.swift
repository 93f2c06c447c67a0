import Foundation
import Hummingbird
import HummingbirdTLS
import Logging
import NIOSSL

/// The server `handout serve` runs and the tests drive: the same router and services either way.
public func buildApplication(_ settings: ServerSettings, logger: Logger = Logger(label: "handout.serve")) async throws -> some ApplicationProtocol {
    try settings.validate()
    let services = try ServerServices(settings)
    let router = try buildRouter(services)
    let configuration = ApplicationConfiguration(address: .hostname(settings.host, port: settings.port), serverName: nil)
    guard let tls = settings.tls else {
        return Application(router: router, server: .http1(), configuration: configuration, services: [services.batches.sweeper], logger: logger)
    }
    return Application(router: router, server: try .tls(.http1(), tlsConfiguration: try TLSFiles.configuration(tls)),
                       configuration: configuration, services: [services.batches.sweeper], logger: logger)
}

/// What the routes share: the settings file's render setup, the sessions, the batches and their
/// mail, the renderer threads, the audit log.
struct ServerServices: Sendable {
    let settings: ServerSettings
    let setup: RenderSetup
    let sessions: SessionStore
    let users: UsersFile?
    let audit: AuditLog
    let rendering: BlockingWork
    /// The form's renderer processes (the batch page starts its own).
    let renderers: FormRenderers
    let batches: BatchStore
    /// "Send by email", when the settings file names a mail server and a sender.
    let mail: BatchMail?
    let staticFiles: StaticFiles

    init(_ settings: ServerSettings) throws {
        self.settings = settings
        setup = try RenderSetup(configuration: settings.configuration)
        sessions = SessionStore(lifetime: settings.sessionLifetime, lockoutFailures: settings.lockoutFailures,
                                lockoutDuration: settings.lockoutDuration)
        users = try settings.usersFile.map { path throws(ServerSetupError) in try UsersFile(path: path) }
        audit = try AuditLog(path: settings.auditLog)
        rendering = BlockingWork(width: ProcessInfo.processInfo.activeProcessorCount)
        renderers = FormRenderers(command: settings.rendererCommand)
        batches = try BatchStore(root: settings.workDirectory, lifetime: settings.batchLifetime)
        mail = try BatchMail(settings.configuration)
        staticFiles = try StaticFiles()
    }
}

func buildRouter(_ services: ServerServices) throws -> Router<ServerContext> {
    let router = Router(context: ServerContext.self)
    let settings = services.settings
    router.add(middleware: SecurityHeadersMiddleware(tls: settings.tls != nil))
    router.add(middleware: SessionMiddleware(sessions: services.sessions, signInRequired: services.users != nil,
                                             secureCookie: settings.tls != nil, uploadLimit: settings.uploadLimit))
    services.staticFiles.add(to: router)
    SingleHandoutRoutes(setup: services.setup, rendering: services.rendering, renderers: services.renderers, audit: services.audit).add(to: router)
    BatchRoutes(setup: services.setup, batches: services.batches, mail: services.mail, audit: services.audit,
                uploadLimit: settings.uploadLimit, jobs: settings.batchJobs, rendererCommand: settings.rendererCommand).add(to: router)
    if let users = services.users {
        LoginRoutes(users: users, sessions: services.sessions, audit: services.audit, secureCookie: settings.tls != nil).add(to: router)
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
