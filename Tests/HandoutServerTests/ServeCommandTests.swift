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
        let port = try Self.freePort()
        let (server, _, _) = try CLI.start(["serve", "--host", "0.0.0.0", "--port", "\(port)", "--tls-cert", certificates + "/server.pem",
                                            "--tls-key", certificates + "/server.key", "--users", users,
                                            "--audit-log", scratch.path + "/audit.jsonl"], environment: ["TMPDIR": scratch.path])
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

    static func freePort() throws -> Int {
        let probe = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(probe) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(probe, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(probe, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
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
