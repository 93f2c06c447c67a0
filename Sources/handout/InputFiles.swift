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

/// A password kept in a file (never on the command line): its first line (LF or CRLF ends it).
/// PDF encryption (AES-256) uses at most 127 bytes of it, and C libraries stop at a NUL, so a
/// longer password or one with a control character is refused rather than silently cut.
enum PasswordFile {
    static let maximumBytes = 127

    static func read(_ path: String) throws -> String {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw InputError.unreadableFile(path: path, reason: "cannot read the password file")
        }
        var line = text.prefix { $0 != "\n" && $0 != "\r\n" }
        if line.last == "\r" { line.removeLast() }
        func refuse(_ problem: String) -> InputError {
            InputError.invalidField(source: "\(path):1", field: "password", problem: problem)
        }
        guard !line.isEmpty else { throw refuse("is empty; the password is the file's first line") }
        guard line.utf8.count <= maximumBytes else {
            throw refuse("is longer than \(maximumBytes) bytes (UTF-8); PDF encryption cannot use more, choose a shorter one")
        }
        guard !line.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw refuse("contains a control character (NUL, tab, ...); use letters, digits, spaces and punctuation only")
        }
        return String(line)
    }
}
