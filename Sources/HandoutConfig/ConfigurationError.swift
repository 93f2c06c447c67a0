import Foundation
import HandoutCore

/// A settings file that cannot be used: where (file, line, column), which setting (its key
/// path, like `mail.smtp`) and what is wrong. Never the value: a file may hold a password path,
/// an address, anything.
public struct ConfigurationError: Error, LocalizedError, Equatable {
    public var file: String
    public var line: Int?
    public var column: Int?
    public var key: String?
    public var problem: String

    public init(file: String, line: Int? = nil, column: Int? = nil, key: String? = nil, problem: String) {
        self.file = file
        self.line = line
        self.column = column
        self.key = key
        self.problem = problem
    }

    /// The keys in the path and the file's name come from the input: shown escaped.
    public var errorDescription: String? {
        let place = line.map { ":\($0)" + (column.map { ":\($0)" } ?? "") } ?? ""
        return EchoedText.escaped("\(file)\(place): \(key.map { "\($0): " } ?? "")\(problem)")
    }
}
