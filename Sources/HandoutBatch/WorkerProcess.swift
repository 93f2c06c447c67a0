import Foundation
import HandoutCore

/// The limits each renderer process runs under: one record's time, and the memory of the
/// process (a record that needs more fails alone).
public struct WorkerLimits: Sendable {
    public var secondsPerRecord: Double
    public var memoryBytes: Int

    public init(secondsPerRecord: Double = 120, memoryBytes: Int = 2 << 30) {
        self.secondsPerRecord = secondsPerRecord
        self.memoryBytes = memoryBytes
    }

    /// `--jobs` at most: 4 renderer processes per core (each holds its fonts and shaped text).
    public static var maxJobs: Int { 4 * ProcessInfo.processInfo.activeProcessorCount }
}

/// Renders each record in a child process (`command`, which serves `WorkerServer`), so a crash
/// in Cairo, Pango or any C library fails that one record: the child is replaced and the batch
/// goes on. Used from one batch worker thread only, like every `HandoutProducing`.
public final class WorkerProcessProducer: HandoutProducing {
    private let command: [String]
    private let limits: WorkerLimits
    private let hello: Data
    private var child: Child?
    private let encoder = JSONEncoder()

    /// Starts the first child, sends it `hello` (what the run is: its first frame) and waits
    /// until it is ready (its content and fonts loaded), so a run that cannot render stops
    /// before any record.
    public init(command: [String], hello: Data, limits: WorkerLimits = WorkerLimits()) throws {
        self.command = command
        self.hello = hello
        self.limits = limits
        child = try Child(command: command, hello: hello, limits: limits)
    }

    deinit { child?.stop() }

    public func render(_ patient: PatientProfile, password: String?, source: String) throws -> RenderedPDF {
        let child = try self.child ?? Child(command: command, hello: hello, limits: limits)
        self.child = child
        let request: [UInt8]
        do {
            request = Array(try encoder.encode(WorkerRequest(source: source, patient: patient, password: password)))
        } catch {
            throw WorkerFailure.failed("could not be rendered (\(error.localizedDescription))")
        }
        do {
            return try child.exchange(request)
        } catch let failure as WorkerFailure where failure.endsTheProcess {
            // The process is gone or stuck: say how it ended, and the next record gets a new one.
            self.child = nil
            throw child.stopAfter(failure)
        }
    }
}

/// One renderer process and the two pipes to it.
private final class Child {
    let process = Process()
    let requests: FileHandle
    let replies: FileHandle
    let limits: WorkerLimits

    init(command: [String], hello: Data, limits: WorkerLimits) throws {
        // A write to a pipe whose reader died must be an error (EPIPE), not the end of the batch.
        signal(SIGPIPE, SIG_IGN)
        self.limits = limits
        let input = Pipe()
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        var environment = ProcessInfo.processInfo.environment
        environment[WorkerServer.memoryLimitVariable] = String(limits.memoryBytes)
        process.environment = environment
        process.standardInput = input
        process.standardOutput = output
        requests = input.fileHandleForWriting
        replies = output.fileHandleForReading
        do {
            try process.run()
        } catch {
            throw WorkerFailure.couldNotStart("cannot start the renderer process \(command[0]) (\(error.localizedDescription))")
        }
        try? input.fileHandleForReading.close()
        try? output.fileHandleForWriting.close()
        let ready: Data?
        do {
            try WorkerFrame.write(Array(hello), to: requests.fileDescriptor)
            ready = try WorkerFrame.read(from: replies.fileDescriptor, deadline: deadline(seconds: 60))
        } catch {
            stop()
            throw WorkerFailure.couldNotStart("the renderer process did not start (\(error.errorDescription ?? "no answer"))")
        }
        guard let ready, let kind = ready.first.flatMap(WorkerFrame.Kind.init), kind == .ready else {
            stop()
            let reason = ready.map { String(decoding: $0.dropFirst(), as: UTF8.self) } ?? "it ended"
            throw WorkerFailure.couldNotStart(reason)
        }
    }

    func exchange(_ request: [UInt8]) throws -> RenderedPDF {
        try WorkerFrame.write(request, to: requests.fileDescriptor)
        guard let reply = try WorkerFrame.read(from: replies.fileDescriptor, deadline: deadline(seconds: limits.secondsPerRecord)),
              let kind = reply.first.flatMap(WorkerFrame.Kind.init) else { throw WorkerFailure.ended }
        let payload = reply.dropFirst()
        switch kind {
        case .rendered:
            return try RenderedReply.decode(Data(payload))
        case .inputError:
            guard let error = try? JSONDecoder().decode(InputError.self, from: Data(payload)) else { throw WorkerFailure.pipe("an unreadable reply") }
            throw error
        case .failure, .ready:
            throw WorkerFailure.failed(String(decoding: payload, as: UTF8.self))
        }
    }

    /// Ends the process (it may be alive but stuck) and says how it ended, for the record's error.
    func stopAfter(_ failure: WorkerFailure) -> WorkerFailure {
        if failure != .timedOut {
            // A crashed child has closed its end: wait for its status rather than kill it.
            let waitUntil = Date().addingTimeInterval(5)
            while process.isRunning && Date() < waitUntil { usleep(2_000) }
        }
        stop()
        guard failure != .timedOut, process.terminationReason == .uncaughtSignal else { return failure }
        return .crashed("signal \(process.terminationStatus)\(Self.signalName(process.terminationStatus))")
    }

    func stop() {
        try? requests.close()
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        try? replies.close()
    }

    private func deadline(seconds: Double) -> UInt64 {
        DispatchTime.now().uptimeNanoseconds + UInt64(seconds * 1e9)
    }

    private static func signalName(_ signal: Int32) -> String {
        switch signal {
        case SIGABRT: return ", an abort in the renderer"
        case SIGSEGV: return ", a memory fault in the renderer"
        case SIGKILL: return ", killed: the memory limit or an operator"
        case SIGBUS: return ", a bus error in the renderer"
        default: return ""
        }
    }
}

/// The child side: reads records from standard input, renders each with `producer`, answers on
/// standard output. Whatever else the process prints goes to standard error, never into a frame.
public enum WorkerServer {
    static let memoryLimitVariable = "HANDOUT_WORKER_MEMORY_BYTES"

    /// `makeProducer` loads the content and fonts; its error is sent back as the reason the
    /// worker could not start. Returns when the batch closes the pipe.
    /// `makeProducer` gets the hello frame: what the run is, the first frame the batch sends.
    public static func serve(_ makeProducer: (Data) throws -> any HandoutProducing) -> Int32 {
        let replies = dup(STDOUT_FILENO)
        dup2(STDERR_FILENO, STDOUT_FILENO)
        // Ctrl-C reaches the whole process group: the batch decides what stops, and this
        // process finishes its record, then ends when the batch closes the pipe.
        signal(SIGINT, SIG_IGN)
        if let bytes = ProcessInfo.processInfo.environment[memoryLimitVariable].flatMap(rlim_t.init) {
            var limit = rlimit(rlim_cur: bytes, rlim_max: bytes)
            setrlimit(Int32(RLIMIT_DATA.rawValue), &limit)
        }
        let producer: any HandoutProducing
        do {
            guard let hello = try WorkerFrame.read(from: STDIN_FILENO) else { return 2 }
            producer = try makeProducer(hello)
        } catch {
            try? reply(.failure, Array(((error as? LocalizedError)?.errorDescription ?? "\(error)").utf8), to: replies)
            return 2
        }
        do {
            try reply(.ready, [], to: replies)
            let decoder = JSONDecoder()
            while let frame = try WorkerFrame.read(from: STDIN_FILENO) {
                let request = try decoder.decode(WorkerRequest.self, from: frame)
                do {
                    let (head, body) = RenderedReply.encode(try producer.render(request.patient, password: request.password, source: request.source))
                    try reply(.rendered, head, body: body, to: replies)
                } catch let error as InputError {
                    try reply(.inputError, Array(try JSONEncoder().encode(error)), to: replies)
                } catch {
                    let message = (error as? LocalizedError)?.errorDescription ?? "could not be rendered (\(type(of: error)))"
                    try reply(.failure, Array(message.utf8), to: replies)
                }
            }
            return 0
        } catch {
            return 1
        }
    }

    private static func reply(_ kind: WorkerFrame.Kind, _ head: [UInt8], body: [Data] = [], to fd: Int32) throws(WorkerFailure) {
        try WorkerFrame.write([kind.rawValue] + head, body: body, to: fd)
    }
}
