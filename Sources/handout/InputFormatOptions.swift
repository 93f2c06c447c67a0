import ArgumentParser
import HandoutBatch

extension Separator: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(name: argument)
    }
}

extension InputEncoding: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(name: argument)
    }
}

/// `--separator` and `--encoding`, on the commands that read a patient list (batch, mail): how
/// the CSV is written, when detecting it goes wrong. Each wins over its setting.
struct InputFormatOptions: ParsableArguments {
    @Option(help: "What separates the CSV's columns: comma, semicolon, tab or pipe (default: detected from the header and the first rows).")
    var separator: Separator?

    @Option(help: "The CSV's encoding: utf-8, utf-16 or windows-1252 (default: detected; a byte-order mark, else UTF-8, else Windows-1252).")
    var encoding: InputEncoding?

    var choice: InputFormat.Choice { InputFormat.Choice(separator: separator, encoding: encoding) }
}
