import Foundation
import HandoutBatch
import HandoutConfig
import HandoutCore
import HandoutLayout
import Testing

/// The settings file read in-process: every setting lands where the commands read it, and every
/// mistake is reported at its line and column with its key path, never its value.
@Suite struct SettingsFileTests {
    static let folder = URL(fileURLWithPath: "/clinic/settings", isDirectory: true)

    static func parse(_ text: String) throws(ConfigurationError) -> Configuration {
        try ConfigurationFile.parse(text, file: "handout.yaml", folder: folder)
    }

    @Test func everySettingIsRead() throws {
        let configuration = try Self.parse("""
        clinic:
          name: "Lakeside Spine"
          phone: "(555) 555-0100"
          after-hours-phone: "(555) 555-0199"
          address: "1 Lake Road"
          website: "https://lakeside.example.org"
          email: "desk@lakeside.example.org"
          qr-code: true
        columns:
          id: "Patient MRN"
          birthDate: "DOB"
        date-format: MM/dd/yyyy
        separator: "\t"
        encoding: Windows-1252
        name-format: last-first
        languages:
          "Spanish (Mexico)": es
        fallback-language: es
        content-dir: topics
        topic: spinal-fusion
        output-dir: ../handouts
        paper: A4
        large-print: yes
        password-file: secrets/pdf.txt
        upload-limit-mb: 80
        keep-days: 14
        batches-dir: ../kept
        allowed-hosts: [handout.lakeside.example.org, "[2001:db8::7]"]
        mail:
          smtp: "smtps://mail.lakeside.example.org:465"
          user: desk
          password-file: secrets/smtp.txt
          ca-file: /etc/ssl/clinic-ca.pem
          from: "Lakeside Spine <care@lakeside.example.org>"
          reply-to: "Front Desk <desk@lakeside.example.org>"
        """)
        #expect(configuration.clinic?.name == "Lakeside Spine")
        #expect(configuration.clinic?.afterHoursPhone == "(555) 555-0199")
        #expect(configuration.clinic?.showsQRCode == true)
        #expect(configuration.columns == ColumnSpellings(fields: [.id: ["Patient MRN"], .birthDate: ["DOB"]]))
        #expect(configuration.dateFormat != nil)
        #expect(configuration.nameFormat == .lastFirst)
        #expect(configuration.inputFormat() == InputFormat.Choice(separator: .tab, encoding: .windows1252))
        #expect(configuration.inputFormat(overriddenBy: InputFormat.Choice(separator: .pipe)) == InputFormat.Choice(separator: .pipe, encoding: .windows1252))
        #expect(configuration.languages.code(for: "spanish (MEXICO)") == "es")
        #expect(configuration.fallbackLanguage == "es")
        #expect(configuration.contentDirectory == "/clinic/settings/topics")
        #expect(configuration.topic == "spinal-fusion")
        #expect(configuration.outputDirectory == "/clinic/handouts")
        #expect(configuration.paper == .a4)
        #expect(configuration.largePrint == true)
        #expect(configuration.passwordFile == "/clinic/settings/secrets/pdf.txt")
        #expect(configuration.uploadLimitMB == 80)
        #expect(configuration.keepDays == 14)
        #expect(configuration.batchesDirectory == "/clinic/kept")
        #expect(configuration.allowedHosts == ["handout.lakeside.example.org", "[2001:db8::7]"])
        #expect(configuration.mail.smtp == "smtps://mail.lakeside.example.org:465")
        #expect(configuration.mail.user == "desk")
        #expect(configuration.mail.passwordFile == "/clinic/settings/secrets/smtp.txt")
        #expect(configuration.mail.caFile == "/etc/ssl/clinic-ca.pem")
        #expect(configuration.mail.from == "Lakeside Spine <care@lakeside.example.org>")
        #expect(configuration.mail.replyTo == "Front Desk <desk@lakeside.example.org>")
    }

    @Test func anEmptyValueLeavesTheSettingUnset() throws {
        let configuration = try Self.parse("paper:\nlarge-print: null\nclinic:\nmail:\n")
        #expect(configuration.paper == nil)
        #expect(configuration.largePrint == nil)
        #expect(configuration.clinic == nil)
        #expect(configuration.mail == MailSettings())
    }

    /// (text, line, column, key, words in the problem). The value itself is never in the message.
    static let mistakes: [(String, Int, Int, String?, String)] = [
        ("papr: a4\n", 1, 1, "papr", "did you mean 'paper'"),
        ("paper: tabloid\n", 1, 8, "paper", "must be letter or a4"),
        ("large-print: maybe\n", 1, 14, "large-print", "must be true or false"),
        ("name-format: surname\n", 1, 14, "name-format", "must be auto, last-first or first-last"),
        ("date-format: MM/yy\n", 1, 14, "date-format", "use yyyy, MM and dd"),
        ("separator: colon\n", 1, 12, "separator", "must be comma, semicolon, tab or pipe"),
        ("encoding: latin9\n", 1, 11, "encoding", "must be utf-8, utf-16 or windows-1252"),
        ("fallback-language: klingon\n", 1, 20, "fallback-language", "must be a language with handout content"),
        ("topic: \"spinal fusion!\"\n", 1, 8, "topic", "a topic id is letters, digits and -"),
        ("upload-limit-mb: 99999\n", 1, 18, "upload-limit-mb", "1 to 4096"),
        ("keep-days: 0\n", 1, 12, "keep-days", "1 to 365"),
        ("allowed-hosts: [\"https://x.example/\"]\n", 1, 16, "allowed-hosts", "without a scheme or path"),
        ("allowed-hosts:\n  nested: x\n", 2, 3, "allowed-hosts", "must be a list of single values"),
        ("output-dir: \"\"\n", 1, 13, "output-dir", "is an empty path"),
        ("paper: [a4]\n", 1, 8, "paper", "must be a single value"),
        ("mail:\n  smtp: \"ftp://mail.example\"\n", 2, 9, "mail.smtp", "smtps://"),
        ("mail:\n  form: x\n", 2, 3, "mail.form", "unknown setting; known: smtp, user"),
        ("mail:\n  from: \"not an address\"\n", 2, 9, "mail.from", "must be a sender like"),
        ("clinic:\n  name: Lakeside\n", 2, 3, "clinic.phone", "needs a name and a phone number"),
        ("clinic:\n  name: Lakeside\n  phone: \"call us\"\n", 3, 10, "clinic.phone", "is not a phone number"),
        ("content: a.yaml\ntopic: spinal-fusion\n", 1, 1, "content", "cannot go with `content-dir:` or `topic:`"),
        ("paper: a4\npaper: letter\n", 1, 1, nil, "is given twice"),
        ("paper: [a4\n", 2, 1, nil, "not valid YAML"),
    ]

    @Test(arguments: 0..<mistakes.count)
    func aMistakeIsReportedAtItsPlace(_ index: Int) {
        let (text, line, column, key, words) = Self.mistakes[index]
        do {
            _ = try Self.parse(text)
            Issue.record("\(text) was accepted")
        } catch {
            #expect(error.file == "handout.yaml")
            #expect(error.line == line, "\(text): \(error.errorDescription ?? "")")
            #expect(error.column == column, "\(text): \(error.errorDescription ?? "")")
            if let key { #expect(error.key == key, "\(text): \(error.errorDescription ?? "")") }
            #expect(error.errorDescription?.contains(words) == true, "\(text): \(error.errorDescription ?? "")")
        }
    }

    @Test func theEnvironmentsMailSettingsGoOverTheFiles() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("handout-config-\(UUID().uuidString).yaml").path
        try "mail:\n  smtp: \"smtps://file.example:465\"\n  user: file-user\n".write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let configuration = try ConfigurationFile.load(explicit: file, environment: [
            "HANDOUT_SMTP_URL": "smtp://env.example:587", "HANDOUT_SMTP_USER": "env-user", "HANDOUT_SMTP_PASSWORD_FILE": "/run/secret",
        ])
        #expect(configuration.file == file)
        #expect(configuration.mail.smtp == "smtp://env.example:587")
        #expect(configuration.mail.user == "env-user")
        #expect(configuration.mail.passwordFile == "/run/secret")
        #expect(throws: ConfigurationError.self) {
            try ConfigurationFile.load(explicit: file, environment: ["HANDOUT_SMTP_URL": "http://env.example"])
        }
    }

    @Test func aMissingExplicitFileIsAnError() {
        #expect(throws: ConfigurationError.self) {
            try ConfigurationFile.load(explicit: "/no/such/handout.yaml", environment: [:])
        }
    }
}

@Test func aColumnsSpellingIsOneHeaderOrAListInTheOrderTried() throws {
    let configuration = try SettingsFileTests.parse("""
    columns:
      email: [Portal Email, "E-mail ID"]
      language:
        - Idioma
        - Lengua
      name: Paciente
      appointmentPlace: Sede
    """)
    #expect(configuration.columns == ColumnSpellings(
        fields: [.email: ["Portal Email", "E-mail ID"], .language: ["Idioma", "Lengua"], .appointmentPlace: ["Sede"]], fullName: ["Paciente"]))
    let overrides = try configuration.columns(overriddenBy: [try ColumnOverride(parsing: "email=Correo")])
    #expect(overrides.fields == [.email: "Correo"] && overrides.spellings == configuration.columns)
    #expect(throws: ConfigurationError.self) { try SettingsFileTests.parse("columns:\n  email: []\n") }
}
