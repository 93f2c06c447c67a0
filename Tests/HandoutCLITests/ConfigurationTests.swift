import Foundation
import HandoutTestSupport
import Testing

/// The settings file (handout.yaml) end to end: found by `--config`, `HANDOUT_CONFIG` or the
/// working folder, each setting applied by each command that uses it, flags over the file.
@Suite struct ConfigurationTests {
    let scratch = Scratch()
    var directory: String { scratch.path }

    /// `handout ARGUMENTS` run in `folder`, with `environment` added (and no HANDOUT_* of the test run's).
    func handout(_ arguments: [String], in folder: String? = nil, environment: [String: String] = [:]) throws -> CLI.Result {
        var base = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("HANDOUT_CONFIG") && !$0.key.hasPrefix("HANDOUT_SMTP") }
        base.removeValue(forKey: "JOB_COMPLETION_INDEX")
        base.removeValue(forKey: "JOB_COMPLETIONS")
        return try CLI.run("/bin/sh", ["-c", "cd \"$0\" && exec \"$@\"", folder ?? directory, CLI.binary.path] + arguments,
                           environment: base.merging(environment) { _, new in new })
    }

    /// A clinic section named `name`.
    static func clinic(_ name: String) -> String {
        "clinic:\n  name: \"\(name)\"\n  phone: \"(555) 555-0100\"\n  website: \"https://lakeside.example.org\"\n"
    }

    /// The example patient without clinic details of its own.
    func patient(language: String = "en") throws -> String {
        try CLI.patientFile(in: directory) {
            $0.removeValue(forKey: "clinic")
            $0["language"] = language
        }
    }

    func render(_ patient: String, _ extra: [String] = [], in folder: String? = nil, environment: [String: String] = [:]) throws -> (CLI.Result, String) {
        let output = directory + "/render-\(UUID().uuidString).pdf"
        return (try handout(["render", "--patient", patient, "--output", output] + extra, in: folder, environment: environment), output)
    }

    @Test func renderTakesEveryHandoutSettingFromTheFile() throws {
        let folder = directory + "/settings"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try "open sesame\n".write(toFile: folder + "/pdf-password", atomically: true, encoding: .utf8)
        let config = scratch.write("settings/handout.yaml", Self.clinic("Lakeside Config Clinic") + """
            paper: a4
            large-print: true
            languages:
              "Spanish (Mexico)": es
            fallback-language: es
            password-file: pdf-password

            """)
        // Run from another folder: the password file is found beside the settings file.
        let (result, pdf) = try render(try patient(language: "Spanish (Mexico)"), ["--config", config])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try CLI.run("pdftotext", [pdf, "-"]).status != 0, "opened without the password")
        let text = try CLI.run("pdftotext", ["-upw", "open sesame", pdf, "-"]).stdout
        #expect(text.contains("Lakeside Config Clinic") && text.contains("Fecha de nacimiento"))
        let info = try CLI.run("pdfinfo", ["-upw", "open sesame", pdf]).stdout
        #expect(info.contains("(A4)"))

        // A language without content gets the fallback language of the file.
        let (german, germanPDF) = try render(try patient(language: "de"), ["--config", config])
        #expect(german.status == 0, "\(german.stderr)")
        #expect(german.stderr.contains("field 'language' is German, made in Spanish: no handout in German"), "\(german.stderr)")
        #expect(try CLI.run("pdftotext", ["-upw", "open sesame", germanPDF, "-"]).stdout.contains("Fecha de nacimiento"))

        // Flags win over the file.
        let otherPassword = scratch.write("other-password", "other\n")
        let (plain, plainPDF) = try render(try patient(language: "de"), ["--config", config, "--paper", "letter", "--no-large-print",
                                                                         "--clinic", CLI.clinic, "--fallback-language", "en",
                                                                         "--password-file", otherPassword])
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(plain.stderr.contains("made in English"))
        let plainText = try CLI.run("pdftotext", ["-upw", "other", plainPDF, "-"]).stdout
        #expect(plainText.contains("Riverside Spine & Pain Clinic") && plainText.contains("Date of birth"))
        #expect(try CLI.run("pdfinfo", ["-upw", "other", plainPDF]).stdout.contains("(letter)"))
    }

    @Test func largePrintAndContentComeFromTheFileAndFlagsUndoThem() throws {
        let content = scratch.write("mine.yaml", CLI.contentYAML(blocks: "      - paragraph: \"A short one.\""))
        let config = scratch.write("handout.yaml", Self.clinic("Lakeside Config Clinic") + "large-print: true\n")
        let patient = try patient()
        let (large, largePDF) = try render(patient, ["--config", config])
        let (normal, normalPDF) = try render(patient, ["--config", config, "--no-large-print"])
        #expect(large.status == 0 && normal.status == 0, "\(large.stderr)\(normal.stderr)")
        #expect(try CLI.pdfPages(largePDF) ?? 0 > CLI.pdfPages(normalPDF) ?? 0)

        let withContent = scratch.write("content.yaml", Self.clinic("Lakeside Config Clinic") + "content: mine.yaml\n")
        let small = try CLI.patientFile(in: directory) { $0.removeValue(forKey: "clinic"); $0["factors"] = [String]() }
        let (custom, customPDF) = try render(small, ["--config", withContent])
        #expect(custom.status == 0, "\(custom.stderr)")
        #expect(try CLI.pdfText(customPDF).contains("A short one."))
        // check reads the same content setting.
        let checked = try handout(["check", "--config", withContent])
        let builtIn = try handout(["check"])
        #expect(checked.stdout.contains("pieces of text checked") && checked.stdout != builtIn.stdout, "\(checked.stdout)\(checked.stderr)")
        #expect(try handout(["check", "--config", withContent, "--content", content]).stdout == checked.stdout)
    }

    @Test func theFileIsFoundByFlagThenEnvironmentThenWorkingFolder() throws {
        scratch.write("handout.yaml", Self.clinic("Working Folder Clinic"))
        let fromEnvironment = scratch.write("env.yaml", Self.clinic("Environment Clinic"))
        let fromFlag = scratch.write("flag.yaml", Self.clinic("Flag Clinic"))
        let patient = try patient()
        func clinic(_ extra: [String], _ environment: [String: String] = [:]) throws -> String {
            let (result, pdf) = try render(patient, extra, environment: environment)
            #expect(result.status == 0, "\(result.stderr)")
            let text = try CLI.pdfText(pdf, page: 1)
            return ["Working Folder Clinic", "Environment Clinic", "Flag Clinic"].first { text.contains($0) } ?? "none"
        }
        #expect(try clinic([]) == "Working Folder Clinic")
        #expect(try clinic([], ["HANDOUT_CONFIG": fromEnvironment]) == "Environment Clinic")
        #expect(try clinic(["--config", fromFlag], ["HANDOUT_CONFIG": fromEnvironment]) == "Flag Clinic")
        // Elsewhere, with none of them, the patient has no clinic and the run cannot start.
        let elsewhere = directory + "/elsewhere"
        try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
        #expect(try render(patient, in: elsewhere).0.status == 2)
        // A file asked for by name must be there.
        let missing = try render(patient, environment: ["HANDOUT_CONFIG": directory + "/nope.yaml"]).0
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("nope.yaml: cannot read the settings file"))
    }

    @Test func batchReadsColumnsDatesNamesLanguagesAndTheOutputFolder() throws {
        let input = scratch.write("export.csv", """
            "Patient MRN","Patient Name","Birth","Preferred Language"
            M-1,"Wei Torres","04/17/1961","Spanish (Mexico)"
            M-2,"Ana Silva","12/25/1970",ENG

            """)
        let folder = directory + "/clinic"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let config = scratch.write("clinic/handout.yaml", Self.clinic("Lakeside Config Clinic") + """
            columns:
              id: "Patient MRN"
              birthDate: Birth
            date-format: MM/dd/yyyy
            name-format: first-last
            languages:
              "Spanish (Mexico)": es
            unreviewed-translations: use
            output-dir: made

            """)
        let checked = try handout(["batch", input, "--check", "--config", config])
        #expect(checked.status == 0, "\(checked.stdout)\(checked.stderr)")
        #expect(checked.stdout.contains("column \"Patient MRN\" -> id") && checked.stdout.contains("column \"Birth\" -> birthDate"))
        let made = try handout(["batch", input, "--config", config])
        #expect(made.status == 0, "\(made.stdout)\(made.stderr)")
        // The output folder is beside the settings file, not in the working folder.
        #expect(scratch.files(in: "clinic/made") == ["M-1.pdf", "M-2.pdf", "manifest.csv"])
        let spanish = try CLI.pdfText(folder + "/made/M-1.pdf", page: 1)
        #expect(spanish.contains("Wei Torres") && spanish.contains("17 de abril de 1961") && spanish.contains("Lakeside Config Clinic"))
        #expect(try CLI.pdfText(folder + "/made/M-2.pdf", page: 1).contains("Ana Silva · Date of birth: December 25, 1970"))

        // Flags win: another output folder, another name format, another date format.
        let lastFirst = try handout(["batch", input, "--config", config, "--output-dir", directory + "/flags", "--name-format", "last-first"])
        #expect(lastFirst.status == 2)
        #expect(lastFirst.stderr.contains("all 2 rows fail the same way: column 'Patient Name' does not hold both a given and a family name"))
        let isoDates = try handout(["batch", input, "--config", config, "--output-dir", directory + "/iso", "--date-format", "yyyy-MM-dd"])
        #expect(isoDates.status == 2)
        #expect(isoDates.stderr.contains("all 2 rows fail the same way: column 'Birth' is not a real date in the form yyyy-MM-dd"))
        // A flag's column replaces the file's for that field only.
        let remapped = try handout(["batch", input, "--config", config, "--check", "--map", "id=Preferred Language"])
        #expect(remapped.stdout.contains("column \"Preferred Language\" -> id") && remapped.stdout.contains("column \"Birth\" -> birthDate"),
                "\(remapped.stdout)\(remapped.stderr)")
    }

    @Test func withoutAnOutputFolderAnywhereBatchSaysWhereToGiveOne() throws {
        let config = scratch.write("handout.yaml", Self.clinic("Lakeside Config Clinic"))
        let result = try handout(["batch", CLI.examples + "/patients.csv", "--config", config])
        #expect(result.status == 2)
        #expect(result.stderr.contains("give --output-dir DIR, or set `output-dir:` in handout.yaml"))
    }

    @Test func mailSaysWhatItStillNeedsFromFlagsOrTheFile() throws {
        let base = ["mail", "--batch", "b", "--csv", "p.csv"]
        for (extra, message) in [([String](), "give --from MAILBOX, or set `mail.from:` in handout.yaml"),
                                 (["--from", "c@x.example"], "give --smtp URL, --outbox DIR or --dry-run"),
                                 (["--from", "c@x.example", "--dry-run", "--user", "u"],
                                  "the mail account needs a user and a password file together, and only the user is given: --user and --password-file, "
                                  + "mail.user and mail.password-file in the settings file, or HANDOUT_SMTP_USER and HANDOUT_SMTP_PASSWORD_FILE")] {
            let result = try handout(base + extra)
            #expect(result.status == 2)
            #expect(result.stderr == "handout: error: \(message)\n", "\(result.stderr)")
        }
        let noBatch = try handout(["mail", "--csv", "p.csv", "--dry-run"])
        #expect(noBatch.stderr == "handout: error: give --batch DIR, or set `output-dir:` in handout.yaml\n")
    }

    /// Each kind of mistake: exit 2, the file, line, column and key path, never the value; and
    /// before any record (the input does not even exist) or any output.
    @Test(arguments: [
        ("date_format: MM/dd/yyyy\n", "1:1: date_format: unknown setting; did you mean 'date-format'?", "MM/dd"),
        ("mail:\n  pasword-file: secret-place\n", "2:3: mail.pasword-file: unknown setting; did you mean 'password-file'?", "secret-place"),
        ("paper: [a4]\n", "1:8: paper: must be a single value, not a list or a section", "[a4]"),
        ("paper: legal\n", "1:8: paper: must be letter or a4", "legal"),
        ("large-print: maybe\n", "1:14: large-print: must be true or false", "maybe"),
        ("clinic:\n  name: Lakeside\n  phone: \"(555) 555-0100\"\n  website: ftp://secret.example\n",
         "4:12: clinic.website: is not a web address", "secret.example"),
        ("clinic:\n  phone: \"(555) 555-0100\"\n", "2:3: clinic.name: is missing", "555"),
        ("clinic:\n  name: Lakeside\n  phone: call us\n", "3:10: clinic.phone: is not a phone number", "call us"),
        ("clinic: Lakeside\n", "1:9: clinic: must be a section of `key: value` lines", "Lakeside"),
        ("mail:\n  from: someone secret\n", "2:9: mail.from: must be a sender", "someone secret"),
        ("mail:\n  reply-to: \"Desk <desk@x.example>\\r\\nBcc: secret@x.example\"\n", "2:13: mail.reply-to: must be an address to answer", "secret"),
        ("mail:\n  smtp: ftp://secret.example\n", "2:9: mail.smtp: must be a mail server", "secret.example"),
        ("columns:\n  shoeSize: Shoe Number\n", "2:3: columns.shoeSize: not a field a column can hold", "Shoe Number"),
        ("columns:\n  givenName: Name\n  familyName: Name\n", "2:3: columns: two fields name the same column", "Name\""),
        ("date-format: MM/yy\n", "1:14: date-format: use yyyy, MM and dd", "MM/yy"),
        ("fallback-language: German\n", "1:20: fallback-language: must be a language with handout content: ar, en, es, fr, ht, ko, pt, ru, tl, vi, zh-Hans, zh-Hant", "German"),
        ("languages:\n  \"Spanish (Mexico)\": Elvish\n", "2:23: languages.Spanish (Mexico): must be a language code", "Elvish"),
        ("paper: a4\n  large-print: true\n", "2:14: not valid YAML: mapping values are not allowed in this context", "true"),
        ("paper: a4\npaper: letter\n", "1:1: paper: is given twice in one section; keep one", "letter"),
        ("- paper\n", "1:1: must be a section of `key: value` lines", "paper"),
        ("topic: ../secret\n", "1:8: topic: a topic id is letters, digits and -", "secret"),
        ("content: secret.yaml\ntopic: knee\n", "1:1: content: makes every handout from one file", "secret"),
        ("content-dir: [secret]\n", "1:14: content-dir: must be a single value", "secret"),
    ])
    func aMistakeIsReportedWithItsPlaceAndNeverItsValue(yaml: String, expected: String, value: String) throws {
        let config = scratch.write("handout.yaml", yaml)
        let out = directory + "/out"
        for arguments in [["batch", directory + "/missing.csv", "--output-dir", out], ["render", "--patient", "missing.json", "--output", out + ".pdf"],
                          ["mail", "--csv", "missing.csv", "--dry-run"], ["check"]] {
            let result = try handout(arguments + ["--config", config])
            #expect(result.status == 2, "\(arguments[0]): \(result.stderr)")
            #expect(result.stderr == "handout: error: \(config):\(expected)" + result.stderr.dropFirst("handout: error: \(config):\(expected)".count),
                    "\(arguments[0]): \(result.stderr)")
            // Not counting the settings file's own path: a random folder name may hold "555".
            let said = result.stderr.replacingOccurrences(of: config, with: "")
            #expect(!said.contains(value) && !said.contains("missing."), "\(arguments[0]): \(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: out) && !FileManager.default.fileExists(atPath: out + ".pdf"))
    }

    @Test func aSettingsFileThatCannotBeReadIsNamed() throws {
        let missing = try handout(["batch", "in.csv", "--config", directory + "/none.yaml"])
        #expect(missing.status == 2)
        #expect(missing.stderr.hasPrefix("handout: error: \(directory)/none.yaml: cannot read the settings file ("))
        let folder = try handout(["check", "--config", directory])
        #expect(folder.status == 2 && folder.stderr.contains("is a folder, not a settings file"))
        let badSMTP = try handout(["mail", "--csv", "in.csv", "--dry-run"], environment: ["HANDOUT_SMTP_URL": "gopher://secret"])
        #expect(badSMTP.status == 2)
        #expect(badSMTP.stderr.contains("environment: HANDOUT_SMTP_URL: must be a mail server") && !badSMTP.stderr.contains("secret"))
    }

    @Test func initWritesAStarterThatNoCommandUsesUntilItsPlaceholdersAreReplaced() throws {
        let made = try handout(["init"])
        #expect(made.status == 0, "\(made.stderr)")
        #expect(made.stdout.contains("wrote handout.yaml"))
        let path = directory + "/handout.yaml"
        let written = try String(contentsOfFile: path, encoding: .utf8)
        #expect(written.contains("EDIT ME") && written.contains("# --- Email (handout mail)"))
        for setting in ["# content-dir: content\n", "# topic: spinal-fusion\n", "# reply-to: \"Front Desk <desk@clinic.example.org>\"\n"] {
            #expect(written.contains(setting), "\(setting)")
        }
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        // Unedited, it stops every command at its first placeholder: none reaches a patient.
        for command in [["batch", CLI.examples + "/patients.csv", "--check"], ["render", "--patient", CLI.examples + "/patient.json", "--output", "x.pdf"],
                        ["mail", "--csv", CLI.examples + "/patients.csv", "--dry-run"], ["check"]] {
            let refused = try handout(command)
            #expect(refused.status == 2, "\(command)")
            #expect(refused.stderr.contains("handout.yaml:14:9: clinic.name: still holds a placeholder (EDIT ME)"), "\(command): \(refused.stderr)")
        }
        #expect(!scratch.files().contains("x.pdf"))
        // With every value its own, each command reads it: the export is checked and made with its clinic.
        try written.replacingOccurrences(of: "\"EDIT ME ", with: "\"").write(toFile: path, atomically: true, encoding: .utf8)
        let checked = try handout(["batch", CLI.examples + "/patients.csv", "--check"])
        #expect(checked.status == 0, "\(checked.stdout)\(checked.stderr)")
        let batch = try handout(["batch", CLI.examples + "/patients.csv", "--limit", "1", "--jobs", "1"])
        #expect(batch.status == 0, "\(batch.stdout)\(batch.stderr)")
        #expect(scratch.files(in: "handouts").contains("manifest.csv"))
        let dryRun = try handout(["mail", "--csv", CLI.examples + "/patients.csv", "--dry-run"])
        #expect(dryRun.status == 0 || dryRun.status == 1, "\(dryRun.stdout)\(dryRun.stderr)")
        #expect(!dryRun.stderr.contains("handout.yaml"), "\(dryRun.stderr)")
        #expect(try handout(["check"]).stderr.isEmpty)

        let again = try handout(["init"])
        #expect(again.status == 2)
        #expect(again.stderr == "handout: error: handout.yaml: exists already; edit it, or move it away to start again\n")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == written.replacingOccurrences(of: "\"EDIT ME ", with: "\""))
        let elsewhere = try handout(["init", "--config", directory + "/other.yaml"])
        #expect(elsewhere.status == 0 && scratch.files().contains("other.yaml"))
    }
}

/// An EHR-shaped export through `batch` and then `mail` with one settings file in the working
/// folder and no flags but the input: a real SMTP server (STARTTLS, AUTH), each patient mailed
/// in their language.
@Suite struct ConfiguredEHRRunTests {
    let scratch = Scratch()
    var directory: String { scratch.path }

    func handout(_ arguments: [String], environment: [String: String] = [:]) throws -> CLI.Result {
        try ConfigurationTests().handout(arguments, in: directory, environment: environment)
    }

    func settings(port: Int, passwordFile: String, user: String = "care") -> String {
        ConfigurationTests.clinic("Lakeside Spine Clinic") + """
            columns:
              id: "Patient MRN"
            date-format: MM/dd/yyyy
            languages:
              "Spanish (Mexico)": es
            fallback-language: es
            output-dir: out
            mail:
              smtp: "smtp://localhost:\(port)"
              user: \(user)
              password-file: \(passwordFile)
              ca-file: certs/ca.pem
              from: "Lakeside Spine Clinic <care@lakeside.example.org>"

            """
    }

    @Test func anEHRExportIsMadeAndMailedWithOneSettingsFile() throws {
        let server = try SMTPTestServer(in: directory)
        scratch.write("smtp-password", "letmein\n")
        scratch.write("handout.yaml", settings(port: server.port, passwordFile: "smtp-password"))
        scratch.write("export.csv", """
            "Patient MRN","Patient Name","DOB","Preferred Language","Appt Date","Provider","Patient Email"\r
            M-1,"Torres, Wei","04/17/1961","Spanish (Mexico)",12/08/2026,"Dr. Raman",wei@example.org\r
            M-2,"Ana Maria Silva","12/25/1970",ENG,12/09/2026,"Dr. Raman",ana@example.org\r
            M-3,"Nguyen, Lan","03/02/1955",Marshallese,12/10/2026,"Dr. Raman",lan@example.org\r
            M-4,"Lee, Bo","02/30/1970",ENG,12/10/2026,"Dr. Raman",bo@example.org\r
            M-5,"Khan, Sara","07/07/1980",ENG,12/11/2026,"Dr. Raman",\r

            """)
        let made = try handout(["batch", "export.csv"])
        #expect(made.status == 1, "\(made.stdout)\(made.stderr)")
        #expect(made.stdout.contains("4 handouts, 1 failed"))
        #expect(made.stdout.contains("column 'DOB' is not a real date in the form MM/dd/yyyy"))
        #expect(scratch.files(in: "out") == ["M-1.pdf", "M-2.pdf", "M-3.pdf", "M-5.pdf", "manifest.csv"])
        // Marshallese has no content (nor a notice): the file's fallback language, Spanish.
        for (id, words) in [("M-1", "17 de abril de 1961"), ("M-2", "December 25, 1970"), ("M-3", "2 de marzo de 1955"), ("M-5", "July 7, 1980")] {
            let text = try CLI.pdfText(directory + "/out/\(id).pdf", page: 1)
            #expect(text.contains(words) && text.contains("Lakeside Spine Clinic"), "\(id)")
        }

        let mailed = try handout(["mail", "--csv", "export.csv"])
        #expect(mailed.status == 1, "\(mailed.stdout)\(mailed.stderr)")
        #expect(mailed.stdout.contains("1 without an email, 0 not mailable, 1 without a handout"), "\(mailed.stdout)")
        let received = try server.received()
        let subjects = Dictionary(uniqueKeysWithValues: received.map { message in
            (message.recipients.joined(), message.message.split(separator: "\r\n").first { $0.hasPrefix("Subject: ") }.map(String.init) ?? "")
        })
        #expect(subjects == [
            "wei@example.org": "Subject: Su folleto de Lakeside Spine Clinic",
            "ana@example.org": "Subject: Your handout from Lakeside Spine Clinic",
            "lan@example.org": "Subject: Su folleto de Lakeside Spine Clinic",
        ], "\(subjects)")
        #expect(received.allSatisfy { $0.message.contains("From: Lakeside Spine Clinic <care@lakeside.example.org>") })
    }

    /// HANDOUT_SMTP_URL, HANDOUT_SMTP_USER and HANDOUT_SMTP_PASSWORD_FILE (what a cron job sets) over the file; a flag over both.
    @Test func theEnvironmentOverridesTheMailSettingsAndAFlagOverridesIt() throws {
        let server = try SMTPTestServer(in: directory)
        scratch.write("right", "letmein\n")
        // The file names a server nobody listens on, another account and a password file that is not there.
        scratch.write("handout.yaml", settings(port: 1, passwordFile: "absent", user: "nobody"))
        scratch.write("export.csv", "Patient MRN,First Name,Last Name,DOB,Email\nM-1,Wei,Torres,04/17/1961,wei@example.org\nM-2,Ana,Silva,12/25/1970,ana@example.org\n")
        #expect(try handout(["batch", "export.csv"]).status == 0)
        let url = ["HANDOUT_SMTP_URL": "smtp://localhost:\(server.port)"]
        let refused = try handout(["mail", "--csv", "export.csv"], environment: url)
        #expect(refused.status == 2, "\(refused.stdout)\(refused.stderr)")
        #expect(refused.stderr.contains("absent: cannot read the mail password file"), "\(refused.stderr)")
        #expect(try server.received().isEmpty)
        let sent = try handout(["mail", "--csv", "export.csv"], environment: url.merging(["HANDOUT_SMTP_USER": "care", "HANDOUT_SMTP_PASSWORD_FILE": directory + "/right"]) { $1 })
        #expect(sent.status == 0, "\(sent.stdout)\(sent.stderr)")
        #expect(try server.received().count == 2)
        let flagWins = try handout(["mail", "--csv", "export.csv", "--batch", "elsewhere", "--dry-run",
                                    "--user", "care", "--password-file", directory + "/right"], environment: url)
        #expect(flagWins.status == 2 && flagWins.stderr.contains("elsewhere"), "\(flagWins.stderr)")
    }
}
