import Foundation
import HandoutMail

/// A throwaway CA and a server certificate for localhost, made once per test run
/// with openssl (scripts/make_test_certs.sh).
struct TestCertificates: Sendable {
    let caFile: String
    let serverCertificate: String
    let serverKey: String

    static let shared: TestCertificates = {
        do {
            let directory = try TestPaths.temporaryDirectory("certs")
            try Subprocess.run("/bin/sh", [TestPaths.scripts.appendingPathComponent("make_test_certs.sh").path, directory.path])
            return TestCertificates(
                caFile: directory.appendingPathComponent("ca.pem").path,
                serverCertificate: directory.appendingPathComponent("server.pem").path,
                serverKey: directory.appendingPathComponent("server.key").path)
        } catch {
            fatalError("cannot make test certificates with openssl: \(error)")
        }
    }()
}

/// scripts/smtp_test_server.py (aiosmtpd) on 127.0.0.1 and a free port, with its
/// own maildir. Stopped (SIGTERM) by ``stop()`` or when released.
final class TestSMTPServer: @unchecked Sendable {
    // @unchecked: the process and fields are set once in init; stop() is idempotent.
    let port: Int
    let maildir: URL
    private let process: Process

    static let user = "clinic"
    static let password = "s3cret-pass"

    /// - Parameter arguments: extra options, e.g. `["--no-starttls"]`, `["--die-after", "3"]`.
    init(_ arguments: [String] = [], auth: Bool = true) throws {
        let certificates = TestCertificates.shared
        maildir = try TestPaths.temporaryDirectory("maildir")
        process = Process()
        process.executableURL = URL(fileURLWithPath: TestPaths.python)
        var all = [
            TestPaths.scripts.appendingPathComponent("smtp_test_server.py").path, "--port", "0",
            "--maildir", maildir.path, "--cert", certificates.serverCertificate, "--key", certificates.serverKey,
        ]
        if auth { all += ["--auth", "\(Self.user):\(Self.password)"] }
        process.arguments = all + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var text = ""
        while !text.contains("\n") {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        guard text.hasPrefix("READY "), let port = Int(text.dropFirst(6).prefix(while: \.isNumber)) else {
            process.terminate()
            throw Subprocess.Failure(
                description: "the aiosmtpd test server did not start (is python3-aiosmtpd installed for /usr/bin/python3?)")
        }
        self.port = port
    }

    deinit { stop() }

    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        let deadline = Date().addingTimeInterval(5)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// Waits for the server to exit on its own (the --die-after modes).
    func waitForExit() {
        process.waitUntilExit()
    }

    var messageFiles: [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: maildir.path)) ?? []
        return names.filter { $0.hasSuffix(".eml") }.sorted().map { maildir.appendingPathComponent($0) }
    }

    /// AUTH, MAIL and DATA as the server saw them, in order.
    var events: [String] {
        let text = (try? String(contentsOf: maildir.appendingPathComponent("events.log"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map(String.init)
    }

    func messages() throws -> [EmailSummary] { try EmailSummary.parse(files: messageFiles) }

    func configuration(
        security: SMTPConfiguration.Security = .startTLS, credentials: Bool = true, host: String = "localhost"
    ) -> SMTPConfiguration {
        SMTPConfiguration(
            host: host, port: port, security: security,
            credentials: credentials ? .init(user: Self.user, password: Self.password) : nil,
            caFile: TestCertificates.shared.caFile,
            timeouts: .init(connect: .seconds(5), greeting: .seconds(10), command: .seconds(10), dataTermination: .seconds(20)))
    }
}
