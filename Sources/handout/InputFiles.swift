import Foundation
import HandoutCore

/// SOURCE_DATE_EPOCH (reproducible builds): the moment it names, or nil when unset.
enum SourceDateEpoch {
    static func date(in environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Date? {
        guard let epoch = environment["SOURCE_DATE_EPOCH"] else { return nil }
        guard let seconds = TimeInterval(epoch) else {
            throw InputError.invalidField(source: "environment", field: "SOURCE_DATE_EPOCH", problem: "must be a number of seconds")
        }
        return Date(timeIntervalSince1970: seconds)
    }
}

/// A password kept in a file (never on the command line): its first line.
enum PasswordFile {
    static func read(_ path: String) throws -> String {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw InputError.unreadableFile(path: path, reason: "cannot read the password file")
        }
        guard let password = text.split(whereSeparator: \.isNewline).first, !password.isEmpty else {
            throw InputError.invalidField(source: path, field: "password", problem: "is empty")
        }
        return String(password)
    }
}
