import Foundation
import ArgumentParser

@main
struct Handout: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print-ready, accessible patient handouts as PDF: one patient, a CSV of thousands, and email.",
        version: "0.1.0",
        subcommands: [Init.self, Render.self, Batch.self, Mail.self, Deliver.self, History.self, LedgerCommand.self, Check.self, Topics.self, Serve.self, User.self, BatchWorker.self])

    /// As ArgumentParser's own, but a usage error exits 2 ("the run could not start"), the
    /// code scripts already handle, rather than 64.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            Glibc.exit(said(error))
        }
    }

    /// Says why a command ended (help on standard output, a problem on standard error) and
    /// gives its exit code, a usage error's as 2.
    static func said(_ error: any Error) -> Int32 {
        let code = exitCode(for: error)
        let message = fullMessage(for: error)
        if code == .success {
            print(message)
        } else if !message.isEmpty {
            FileHandle.standardError.write(Data("handout: \(message)\n".utf8))
        }
        return code == .validationFailure ? 2 : code.rawValue
    }
}
