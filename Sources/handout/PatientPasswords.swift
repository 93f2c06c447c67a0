import ArgumentParser
import HandoutBatch

/// `batch` options that give every patient's PDF its own password (instead of one
/// `--password-file` for all).
struct PatientPasswords: ParsableArguments {
    @Option(help: ArgumentHelp("Encrypt each PDF (AES-256) with the password in this column of its row.", valueName: "header"))
    var passwordColumn: String?

    @Option(help: ArgumentHelp("Encrypt each PDF (AES-256) with a password made from the record: birth-date (YYYYMMDD; weak, see the README).",
                               valueName: "rule"),
            transform: { text in
                guard let rule = RecordPassword(rule: text) else {
                    throw ValidationError("--password-rule \(text): rules: \(RecordPassword.rules.joined(separator: ", "))")
                }
                return rule
            })
    var passwordRule: RecordPassword?

    func validate() throws {
        if passwordColumn != nil && passwordRule != nil {
            throw ValidationError("--password-column and --password-rule both give each PDF its password: use one")
        }
    }

    var recordPassword: RecordPassword? { passwordColumn.map(RecordPassword.column) ?? passwordRule }
}
