import ArgumentParser
import Foundation
import HandoutSupport

extension EventLog {
    /// The `--log-file`'s last line, how the run ended; a log that cannot take it fails the run (exit 2).
    func finish(_ reason: String) throws {
        do {
            try record(id: nil, line: nil, outcome: "run-finished", reason: reason)
        } catch {
            FileHandle.standardError.write(Data("handout: error: \(error.errorDescription ?? "\(error)")\n".utf8))
            throw ExitCode(2)
        }
    }
}
