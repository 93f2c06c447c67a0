import Foundation
import HandoutSupport
import HummingbirdBcrypt

/// The people who may sign in: one `name:bcrypt-hash` line each (written by `handout user add`).
public struct UsersFile: Sendable {
    private let hashes: [String: String]

    public static let nameRule = "a user name is 1 to 64 letters, digits, '.', '-' or '_'"

    public init(path: String) throws(ServerSetupError) {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw .unreadable(path: path, reason: "cannot read the users file")
        }
        var hashes: [String: String] = [:]
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            let parts = line.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2, Self.isValidName(parts[0]), parts[1].hasPrefix("$2") else {
                throw .badUsersLine(path: path, line: number + 1)
            }
            hashes[parts[0]] = parts[1]
        }
        self.hashes = hashes
    }

    /// Whether `password` is this user's; false for an unknown user (after the same work, so the
    /// answer takes as long either way).
    func verify(user: String, password: String) -> Bool {
        guard let hash = hashes[user], Self.passwordProblem(password) == nil else {
            _ = Bcrypt.verify(password, hash: Self.unknownUserHash)
            return false
        }
        return Bcrypt.verify(password, hash: hash)
    }

    func has(_ user: String) -> Bool { hashes[user] != nil }

    /// bcrypt reads at most 72 bytes and stops at a NUL: a longer password, or one with a NUL,
    /// would be cut without a word (and any password sharing its first 72 bytes would match).
    public static func passwordProblem(_ password: String) -> String? {
        if password.count < 10 { return "the password is shorter than 10 characters; choose a longer one" }
        if password.utf8.count > 72 { return "the password is longer than 72 bytes (UTF-8), the most bcrypt reads; choose a shorter one" }
        if password.utf8.contains(0) { return "the password contains a NUL character; bcrypt would cut it there" }
        return nil
    }

    private static let unknownUserHash = Bcrypt.hash("no such user", cost: 12)

    public static func isValidName(_ name: String) -> Bool {
        (1...64).contains(name.count) && name.unicodeScalars.allSatisfy {
            CharacterSet.alphanumerics.contains($0) && $0.isASCII || "._-".unicodeScalars.contains($0)
        }
    }

    /// Adds `name` (or replaces their password), writing the file again atomically, 0600.
    public static func add(name: String, password: String, to path: String) throws {
        if let problem = passwordProblem(password) { throw ServerSetupError.badPassword(problem) }
        var lines: [String] = []
        if FileManager.default.fileExists(atPath: path) {
            _ = try UsersFile(path: path)
            let text = try String(contentsOfFile: path, encoding: .utf8)
            lines = text.split(separator: "\n").map(String.init).filter { !$0.hasPrefix(name + ":") }
        }
        lines.append("\(name):\(Bcrypt.hash(password, cost: 12))")
        let url = URL(fileURLWithPath: path)
        try DurableFile.write(Data((lines.joined(separator: "\n") + "\n").utf8),
                              directory: url.deletingLastPathComponent().path, name: url.lastPathComponent)
    }
}
