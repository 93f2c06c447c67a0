import ArgumentParser
import HandoutCore

struct Topics: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the handout topics (the comparisons a record's topic can name) and their languages.",
        discussion: """
            One line per topic, sorted: "spinal-fusion: en, es", then one indented line per translation with its review \
            state: "  es: machine-drafted from en 1.0, not reviewed". A clinic's folder adds topics, files named <topic>.<lang>.yaml.
            """)

    @OptionGroup var configFile: ConfigOption

    @Option(help: ArgumentHelp("A clinic's content folder, as for render and batch (default: the settings file's `content-dir:`).", valueName: "dir"))
    var contentDir: String?

    func run() throws {
        try exitOnFailure {
            let folder = try contentDir ?? configFile.load().contentDirectory
            let catalog = try ContentCatalog(clinicDirectory: folder)
            for (topic, languages) in catalog.topics {
                print("\(topic): \(languages.joined(separator: ", "))")
                for language in languages {
                    if let translation = try catalog.translation(of: topic, in: language) { print("  \(language): \(translation.state)") }
                }
            }
        }
    }
}
