import Foundation

// What a run reads besides its records and settings, the same for every command: the
// reproducible-build date and secrets kept in files.

/// SOURCE_DATE_EPOCH (reproducible builds): the moment it names, or nil when unset.
public enum SourceDateEpoch {
    public struct Malformed: Error, LocalizedError, Equatable {
        public var errorDescription: String? { "environment: field 'SOURCE_DATE_EPOCH' must be a number of seconds" }
    }

    public static func date(in environment: [String: String] = ProcessInfo.processInfo.environment) throws(Malformed) -> Date? {
        guard let epoch = environment["SOURCE_DATE_EPOCH"] else { return nil }
        guard let seconds = TimeInterval(epoch) else { throw Malformed() }
        return Date(timeIntervalSince1970: seconds)
    }
}

/// A secret kept in a file (never on the command line): its first line, which LF or CRLF ends.
/// Each use holds it to its own rules (a PDF password's, an SMTP password's).
public enum SecretFile {
    /// Nil when the file cannot be read as UTF-8 text.
    public static func firstLine(_ path: String) -> String? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        var line = text.prefix { $0 != "\n" && $0 != "\r\n" }
        if line.last == "\r" { line.removeLast() }
        return String(line)
    }
}
