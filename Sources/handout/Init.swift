import ArgumentParser
import Foundation
import HandoutConfig
import HandoutSupport

/// Writes a starter settings file. Mode 0600 like every file handout writes: it holds no health
/// data, but it names the mail account and where its password is kept.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a starter handout.yaml, every setting explained; never over an existing file.")

    @OptionGroup var configFile: ConfigOption

    func run() throws {
        let path = configFile.path ?? ConfigurationFile.defaultName
        try exitOnFailure {
            let url = URL(fileURLWithPath: path)
            let created: Bool
            do throws(FileWriteError) {
                created = try DurableFile.createNew(Array(StarterFile.text.utf8), directory: url.deletingLastPathComponent().path,
                                                    name: url.lastPathComponent)
            } catch {
                throw FileWriteError.unwritable(path: path, reason: error.reason)
            }
            guard created else {
                throw FileWriteError.refused(path: path, reason: "exists already; edit it, or move it away to start again")
            }
        }
        print("wrote \(path): replace the placeholders marked EDIT ME, then check your export with `handout batch EXPORT.csv --check`")
    }
}
