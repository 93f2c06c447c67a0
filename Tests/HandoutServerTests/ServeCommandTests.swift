import Foundation
import HandoutTestSupport
import Testing

/// The `serve` and `user add` commands of the built binary.
@Suite struct ServeCommandTests {
    let scratch = Scratch()

    @Test func anotherHostWithoutTLSAndUsersDoesNotStart() throws {
        let result = try CLI.handout(["serve", "--host", "0.0.0.0", "--port", "0"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--host 0.0.0.0 would serve health data beyond this machine"), "\(result.stderr)")
    }

    /// Another host with TLS and users: the built binary serves HTTPS (curl checks the chain
    /// against the test CA) and the sign-in page; plain HTTP gets no page.
    @Test func anotherHostWithTLSAndUsersServesHTTPS() throws {
        let certificates = scratch.path + "/certs"
        #expect(try CLI.run("/bin/sh", [CLI.repository.path + "/scripts/make_test_certs.sh", certificates]).status == 0)
        let users = scratch.path + "/users.txt"
        #expect(try Self.handout(["user", "add", "maria", "--users", users], input: "a long passphrase\na long passphrase\n").status == 0)
        let (server, port) = try Self.serve(["--host", "0.0.0.0", "--tls-cert", certificates + "/server.pem",
                                             "--tls-key", certificates + "/server.key", "--users", users,
                                             "--audit-log", scratch.path + "/audit.jsonl", "--batches-dir", scratch.path + "/batches",
                                             "--ledger", scratch.path + "/ledger.sqlite"],
                                            environment: ["TMPDIR": scratch.path])
        defer {
            server.terminate()
            for _ in 0..<100 where server.isRunning { Thread.sleep(forTimeInterval: 0.1) }
            if server.isRunning { kill(server.processIdentifier, SIGKILL) }
            server.waitUntilExit()
        }
        var page: CLI.Result?
        for _ in 0..<100 where page?.status != 0 {
            Thread.sleep(forTimeInterval: 0.2)
            page = try CLI.run("curl", ["-sS", "--max-time", "5", "--cacert", certificates + "/ca.pem", "https://localhost:\(port)/login"])
        }
        #expect(page?.status == 0, "\(page?.stderr ?? "")")
        #expect(page?.stdout.contains("<label for=\"password\">") == true)
        let plain = try CLI.run("curl", ["-sS", "--max-time", "5", "http://localhost:\(port)/login"])
        #expect(!plain.stdout.contains("<label"))
    }

    /// Starts the built `handout serve --port 0` and reads the port it says it listens on.
    static func serve(_ arguments: [String], environment: [String: String]) throws -> (server: Process, port: Int) {
        let (server, _, errors) = try CLI.start(["serve", "--port", "0"] + arguments, environment: environment)
        var said = ""
        while !said.contains("(Ctrl-C stops)") {
            let chunk = errors.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            said += String(decoding: chunk, as: UTF8.self)
        }
        let port = said.firstMatch(of: #/serving https?://[^ ]*:([0-9]+) /#).flatMap { Int($0.1) }
        guard let port else {
            server.terminate()
            server.waitUntilExit()
            throw POSIXError(.ECONNREFUSED)
        }
        return (server, port)
    }

    @Test func userAddStoresABcryptHashPrivately() throws {
        let users = scratch.path + "/users.txt"
        let added = try Self.handout(["user", "add", "maria", "--users", users], input: "a long passphrase\na long passphrase\n")
        #expect(added.status == 0)
        let text = try String(contentsOfFile: users, encoding: .utf8)
        #expect(text.hasPrefix("maria:$2b$12$"))
        #expect(!text.contains("a long passphrase"))
        let mode = try FileManager.default.attributesOfItem(atPath: users)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let differing = try Self.handout(["user", "add", "maria", "--users", users], input: "a long passphrase\nanother one here\n")
        #expect(differing.status == 2)
        #expect(try String(contentsOfFile: users, encoding: .utf8) == text)
    }

    @Test(arguments: [String(repeating: "long pass ", count: 8), "a long pass\u{0}phrase"])
    func userAddRefusesPasswordsBcryptWouldCut(_ password: String) throws {
        let users = scratch.path + "/users.txt"
        let refused = try Self.handout(["user", "add", "maria", "--users", users], input: "\(password)\n\(password)\n")
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("72 bytes") || refused.stderr.contains("NUL"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: users))
    }

    @Test func aHostThatOnlyLooksLikeLoopbackIsNot() throws {
        let result = try CLI.handout(["serve", "--host", "127.attacker.example", "--port", "0"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--host 127.attacker.example would serve health data beyond this machine"), "\(result.stderr)")
    }

    @Test func batchJobsPastTheCapStopTheStart() throws {
        let result = try CLI.handout(["serve", "--batch-jobs", "999", "--port", "0"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--batch-jobs 999: 1 to"), "\(result.stderr)")
    }

    @Test func keepDaysOutsideOneTo365StopTheStart() throws {
        let result = try CLI.handout(["serve", "--keep-days", "0", "--port", "0"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--keep-days 0: 1 to 365 days"), "\(result.stderr)")
    }

    /// SIGTERM while a batch runs: the batch stops, and the upload (the whole patient list) and
    /// its handouts are removed before the server exits.
    @Test func aStopMidBatchLeavesNoPatientDataBehind() throws {
        let rows = (1...3000).map { "P\($0),Ana,Lopez,1961-04-17" }.joined(separator: "\n")
        let csv = scratch.write("export.csv", "id,first_name,last_name,birth_date\n" + rows + "\n")
        let settings = scratch.write("handout.yaml", "clinic:\n  name: \"Riverside Spine\"\n  phone: \"(555) 555-0142\"\n")
        let (server, port) = try Self.serve(["--config", settings, "--audit-log", scratch.path + "/audit.jsonl", "--batches-dir", scratch.path + "/batches",
                                             "--ledger", scratch.path + "/ledger.sqlite"],
                                            environment: ["TMPDIR": scratch.path])
        defer {
            if server.isRunning { kill(server.processIdentifier, SIGKILL) }
            server.waitUntilExit()
        }
        let site = "http://127.0.0.1:\(port)"
        let cookies = scratch.path + "/cookies"
        var page: CLI.Result?
        for _ in 0..<100 where page?.status != 0 {
            Thread.sleep(forTimeInterval: 0.2)
            page = try CLI.run("curl", ["-sS", "--max-time", "5", "-c", cookies, site + "/batch"])
        }
        let csrf = try #require(page.flatMap { Browser.csrfToken(in: $0.stdout) })
        let upload = try CLI.run("curl", ["-sS", "--max-time", "60", "-b", cookies, "-H", "Origin: \(site)", "-o", "/dev/null",
                                          "-w", "%{redirect_url}", "-F", "csrf=\(csrf)", "-F", "csv=@\(csv)", site + "/batch"])
        let batch = try #require(upload.stdout.split(separator: "?").first.map(String.init), "\(upload.stderr)")
        #expect(batch.hasPrefix(site + "/batch/"))
        let start = try CLI.run("curl", ["-sS", "--max-time", "30", "-b", cookies, "-H", "Origin: \(site)", "-o", "/dev/null",
                                         "--data-urlencode", "csrf=\(csrf)", batch + "/start"])
        #expect(start.status == 0)
        var uploads: [String] { (FileManager.default.enumerator(atPath: scratch.path)?.allObjects as? [String] ?? []).filter { $0.hasSuffix("/input.csv") } }
        #expect(uploads.count == 1)
        var made: [String] { (FileManager.default.enumerator(atPath: scratch.path)?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".pdf") } }
        for _ in 0..<300 where made.isEmpty { Thread.sleep(forTimeInterval: 0.1) }
        #expect(!made.isEmpty, "the batch is running")
        server.terminate()
        for _ in 0..<300 where server.isRunning { Thread.sleep(forTimeInterval: 0.1) }
        #expect(!server.isRunning, "the server stops within 30 s of SIGTERM")
        #expect(uploads.isEmpty, "\(uploads)")
        #expect(made.isEmpty, "\(made.prefix(3))")
    }

    static func handout(_ arguments: [String], input: String) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = arguments
        let stdin = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardError = stderr
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
    }
}
