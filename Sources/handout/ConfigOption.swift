import ArgumentParser
import HandoutConfig

/// `--config FILE`, on every command: the settings file, whose values any flag overrides.
struct ConfigOption: ParsableArguments {
    @Option(name: .customLong("config"),
            help: ArgumentHelp("The settings file (default: $HANDOUT_CONFIG, else ./handout.yaml when there is one); flags override it.",
                               valueName: "handout.yaml"))
    var path: String?

    /// The settings file's values (none when there is no file), the HANDOUT_SMTP_* variables over them.
    func load() throws -> Configuration {
        try ConfigurationFile.load(explicit: path)
    }
}

/// A setting the run cannot do without, from its flag or else the settings file.
func required<Value>(_ value: Value?, _ flag: String, _ key: String) throws -> Value {
    guard let value else { throw ValidationError("give \(flag), or set `\(key):` in \(ConfigurationFile.defaultName)") }
    return value
}
