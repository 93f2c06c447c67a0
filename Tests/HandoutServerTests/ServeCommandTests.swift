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
