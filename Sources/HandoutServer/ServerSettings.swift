import Foundation
import HandoutBatch
import HandoutConfig
import HandoutLedger
import HandoutRequest

/// What `handout serve` is asked to do: where to listen, with which settings file, who may sign
/// in, and the limits. Tests make their own with short lifetimes.
public struct ServerSettings: Sendable {
    /// The certificate chain and private key (PEM files) of an HTTPS server.
    public struct TLSFiles: Sendable {
        public var certificate: String
        public var key: String

        public init(certificate: String, key: String) {
            self.certificate = certificate
            self.key = key
        }
    }

    /// The renderer process of the form and the batch page: `handout batch-worker` with the
    /// server's settings file, so that a record that crashes a C library fails alone, as in
    /// `handout batch`.
    public var rendererCommand: [String]
    public var host: String
    public var port: Int
    public var configuration: Configuration
    public var tls: TLSFiles?
    /// The users file (`name:bcrypt-hash` lines); sign-in is required when set.
    public var usersFile: String?
    /// The data folder where each upload and its results get a private folder of their own,
    /// kept ``batchKeeping`` once finished.
    public var batchesDirectory: String
    /// The ledger of what was made and sent, shared with `handout batch` and `mail`.
    public var ledgerPath: String
    /// The largest CSV upload, in bytes.
    public var uploadLimit: Int
    /// A session ends after this long without a request.
    public var sessionLifetime: TimeInterval
    /// An upload not started is removed after this long unused.
    public var batchLifetime: TimeInterval
    /// A finished batch is kept this long after it was made (`keep-days:`), then removed with its PDFs.
    public var batchKeeping: TimeInterval
    /// The kept batches at most, and their size at most: past either, an upload is refused.
    public var maximumKeptBatches = 1000
    public var maximumKeptBytes: Int64 = 20_000_000_000
    /// Sign-in failures in a row after which a user is locked out, and for how long.
    public var lockoutFailures: Int
    public var lockoutDuration: TimeInterval
    /// The audit log (JSON lines); standard error when nil.
    public var auditLog: String?
    /// Renderer processes a batch of the batch page uses (at most ``maximumRenderers``).
    public var batchJobs: Int
    /// Renderer processes of the whole server at most, batches and the form together (idle ones
    /// kept warm for the form included); further work waits its turn.
    public var maximumRenderers = WorkerLimits.maxJobs
    /// Batches and handouts that may wait for a renderer; past that the page says the server is busy.
    public var rendererQueueLimit = 64
    /// A request's head must arrive within this many seconds of the connection opening (or of the
    /// last answer on it), and its body within `bodyTimeout` after that: a client that sends
    /// slowly to hold connections open is cut off.
    public var headTimeout: TimeInterval = 10
    public var bodyTimeout: TimeInterval = 300
    /// A connection without a request in progress is closed after this long.
    public var idleTimeout: TimeInterval = 30
    /// The expiries' clock (tests move their own).
    public var clock = ServerClock.system
    /// How often unused batches are looked for (default: a quarter of their lifetime, at most 30 s).
    public var sweepInterval: TimeInterval?
    /// Connections open at once at most; one more is closed as soon as it is accepted.
    public var maximumConnections = ServerSettings.defaultConnectionLimit

    public static let defaultUploadLimit = 50_000_000
    public static let defaultKeepDays = 7
    /// The data folder's name beside the ledger, when no `batches-dir:` names one.
    public static let defaultBatchesFolder = "handout-batches"

    /// 512, or half the open-file limit when that is lower: uploads, renderer pipes and logs need the rest.
    public static var defaultConnectionLimit: Int {
        var limit = rlimit()
        guard getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 128 }
        return max(16, min(512, Int(clamping: limit.rlim_cur) / 2))
    }

    public init(rendererCommand: [String], host: String = "127.0.0.1", port: Int = 8080, configuration: Configuration = Configuration(), tls: TLSFiles? = nil,
                usersFile: String? = nil, ledgerPath: String? = nil, batchesDirectory: String? = nil, keepDays: Int? = nil,
                uploadLimit: Int = defaultUploadLimit, sessionLifetime: TimeInterval = 30 * 60, batchLifetime: TimeInterval = 15 * 60,
                lockoutFailures: Int = 5, lockoutDuration: TimeInterval = 15 * 60, auditLog: String? = nil, batchJobs: Int = 1) {
        self.rendererCommand = rendererCommand
        self.host = host
        self.port = port
        self.configuration = configuration
        self.tls = tls
        self.usersFile = usersFile
        // The ledger: the given one, else the settings file's (`ledger:`, else beside the file);
        // the batches beside it unless the settings name their folder.
        let ledger = ledgerPath ?? configuration.ledgerPath(flag: nil, defaultName: Ledger.defaultFileName)
        self.ledgerPath = ledger
        self.batchesDirectory = batchesDirectory ?? configuration.batchesDirectory
            ?? URL(fileURLWithPath: ledger).deletingLastPathComponent().appendingPathComponent(Self.defaultBatchesFolder).path
        batchKeeping = TimeInterval((keepDays ?? configuration.keepDays ?? Self.defaultKeepDays) * 86_400)
        self.uploadLimit = uploadLimit
        self.sessionLifetime = sessionLifetime
        self.batchLifetime = batchLifetime
        self.lockoutFailures = lockoutFailures
        self.lockoutDuration = lockoutDuration
        self.auditLog = auditLog
        self.batchJobs = batchJobs
    }

    /// Health data stays on this machine unless the server is both encrypted and signed into.
    public func validate() throws(ServerSetupError) {
        if batchJobs < 1 || batchJobs > maximumRenderers { throw .tooManyJobs(batchJobs, maximum: maximumRenderers) }
        if !LoopbackAddress.isLoopback(host) {
            guard tls != nil else { throw .needsTLS(host: host) }
            guard usersFile != nil else { throw .needsUsers(host: host) }
        }
        if port < 0 || port > 65535 { throw .badPort(port) }
        guard let program = rendererCommand.first, FileManager.default.isExecutableFile(atPath: program) else {
            throw .unreadable(path: rendererCommand.first ?? "(none)", reason: "cannot start renderer processes: not a program")
        }
    }

    /// The names a request may carry in its Host: the listening address, on loopback also
    /// 127.0.0.1, localhost and [::1]; on every address (0.0.0.0, ::) the machine's own name and
    /// the loopback names; and the settings file's `allowed-hosts:`.
    var siteNames: SiteNames {
        guard ["0.0.0.0", "::", "[::]"].contains(host) else {
            return SiteNames(listening: host, loopback: LoopbackAddress.isLoopback(host), allowed: configuration.allowedHosts)
        }
        return SiteNames(listening: ProcessInfo.processInfo.hostName, loopback: true, allowed: configuration.allowedHosts)
    }
}

/// Why the server cannot start; one line each.
public enum ServerSetupError: Error, LocalizedError, Equatable {
    case needsTLS(host: String)
    case needsUsers(host: String)
    case badPort(Int)
    case unreadable(path: String, reason: String)
    case badUsersLine(path: String, line: Int)
    case badPassword(String)
    case tooManyJobs(Int, maximum: Int)

    public var errorDescription: String? {
        switch self {
        case let .needsTLS(host):
            return "--host \(host) would serve health data beyond this machine: give --tls-cert and --tls-key (or keep 127.0.0.1 behind a reverse proxy)"
        case let .needsUsers(host):
            return "--host \(host) needs sign-in: give --users FILE (add users with `handout user add NAME`)"
        case let .badPort(port):
            return "--port \(port): a port is 0 to 65535"
        case let .unreadable(path, reason):
            return "\(path): \(reason)"
        case let .tooManyJobs(jobs, maximum):
            return "--batch-jobs \(jobs): 1 to \(maximum) here (4 per core, as batch --jobs; each job is a renderer process with its own fonts and memory)"
        case let .badPassword(problem):
            return problem
        case let .badUsersLine(path, line):
            return "\(path):\(line): not a user line 'name:bcrypt-hash'; add users with `handout user add NAME`"
        }
    }
}
