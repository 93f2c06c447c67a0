import Foundation

/// aiosmtpd on 127.0.0.1 with a throwaway CA (scripts/smtp_test_server.py), for the
/// `handout mail` and `handout serve` tests: a real server, real TLS, real AUTH.
/// (`@unchecked Sendable`: every property is a `let`; the process is only ended, in `deinit`.)
public final class SMTPTestServer: @unchecked Sendable {
    public let process = Process()
    public let port: Int
    public let maildir: String
    public let caFile: String

    /// `tls`: "--starttls" or "--no-starttls".
    public init(in directory: String, tls: String = "--starttls", auth: String = "care:letmein") throws {
        let certificates = directory + "/certs"
        let made = try CLI.run("/bin/sh", [CLI.repository.appendingPathComponent("scripts/make_test_certs.sh").path, certificates])
        guard made.status == 0 else { throw ServerError.certificates(made.stderr) }
        caFile = certificates + "/ca.pem"
        maildir = directory + "/received"
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [CLI.repository.appendingPathComponent("scripts/smtp_test_server.py").path,
                             "--port", "0", tls, "--cert", certificates + "/server.pem", "--key", certificates + "/server.key",
                             "--auth", auth, "--maildir", maildir]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        var text = ""
        while !text.contains("\n") {
            let chunk = output.fileHandleForReading.availableData
            guard !chunk.isEmpty else { throw ServerError.didNotStart(text) }
            text += String(decoding: chunk, as: UTF8.self)
        }
        guard text.hasPrefix("READY "), let port = Int(text.dropFirst(6).prefix { $0.isNumber }) else {
            throw ServerError.didNotStart(text)
        }
        self.port = port
    }

    deinit {
        process.terminate()
        process.waitUntilExit()
    }

    /// Each received message: its envelope recipients and its raw bytes.
    public func received() throws -> [(recipients: [String], message: String)] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: maildir)) ?? []
        return try files.filter { $0.hasSuffix(".json") }.sorted().map { name in
            let envelope = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: maildir + "/" + name))) as! [String: Any]
            let message = try String(contentsOfFile: maildir + "/" + name.replacingOccurrences(of: ".json", with: ".eml"), encoding: .utf8)
            return (envelope["rcpt_tos"] as! [String], message)
        }
    }

    public enum ServerError: Error {
        case certificates(String)
        case didNotStart(String)
    }
}
