import Foundation
import HandoutBatch
import HandoutCore
import HandoutLayout
import HandoutMail
import Yams

/// Finds, reads and checks the settings file: `--config FILE`, else `$HANDOUT_CONFIG`, else
/// `handout.yaml` in the working folder when there is one. Every setting is checked before the
/// command reads any record; the first problem stops the run (exit 2).
public enum ConfigurationFile {
    public static let defaultName = "handout.yaml"
    public static let environmentVariable = "HANDOUT_CONFIG"

    /// The settings the command runs with: the file's (if any), then the environment's mail settings over them.
    public static func load(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(ConfigurationError) -> Configuration {
        var configuration = Configuration()
        if let explicit {
            configuration = try read(path: explicit)
        } else if let named = environment[environmentVariable], !named.isEmpty {
            configuration = try read(path: named)
        } else if FileManager.default.fileExists(atPath: defaultName) {
            configuration = try read(path: defaultName)
        }
        try configuration.mail.apply(environment: environment)
        return configuration
    }

    public static func read(path: String) throws(ConfigurationError) -> Configuration {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw ConfigurationError(file: path, problem: "is a folder, not a settings file")
        }
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigurationError(file: path, problem: "cannot read the settings file (\(fileErrorReason(error)))")
        }
        let folder = URL(fileURLWithPath: path).standardizedFileURL.deletingLastPathComponent()
        var configuration = try parse(text, file: path, folder: folder)
        configuration.file = URL(fileURLWithPath: path).standardizedFileURL.path
        return configuration
    }

    /// `file` names the text in errors; relative paths in it are taken from `folder`.
    public static func parse(_ text: String, file: String, folder: URL) throws(ConfigurationError) -> Configuration {
        if let problem = YAMLAliases.problem(in: text, file: file) { throw problem }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw syntaxError(error, file: file)
        } catch {
            throw ConfigurationError(file: file, problem: "is not valid YAML")
        }
        var configuration = Configuration()
        guard let root, root.null == nil else { return configuration }
        let reader = SettingsReader(file: file, folder: folder)
        if let placeholder = Placeholders.first(in: root) {
            throw reader.failure(at: placeholder.node, placeholder.path, "still holds a placeholder (\(Placeholders.marker)) from `handout init`: put your clinic's own value here, or remove the line")
        }
        let entries = try reader.entries(of: root, at: nil, known: Key.allCases.map(\.rawValue))
        for entry in entries {
            try configuration.set(Key(rawValue: entry.key)!, entry, reader)
        }
        if configuration.content != nil, configuration.contentDirectory != nil || configuration.topic != nil,
           let content = entries.first(where: { $0.key == Key.content.rawValue }) {
            throw reader.failure(at: content.keyNode, content.path,
                                 "makes every handout from one file: it cannot go with `content-dir:` or `topic:`; keep one")
        }
        return configuration
    }

    /// The top-level keys, named as the flags they stand for.
    enum Key: String, CaseIterable {
        case clinic, columns, dateFormat = "date-format", separator, encoding, nameFormat = "name-format", languages
        case fallbackLanguage = "fallback-language", content, contentDir = "content-dir", topic, outputDir = "output-dir", paper
        case largePrint = "large-print", passwordFile = "password-file", mail, uploadLimit = "upload-limit-mb"
        case allowedHosts = "allowed-hosts", ledger, unreviewedTranslations = "unreviewed-translations"
        case keepDays = "keep-days", batchesDir = "batches-dir"
    }

    /// libyaml's own words for the problem (they never quote the text) at its position.
    static func syntaxError(_ error: YamlError, file: String) -> ConfigurationError {
        switch error {
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
            return ConfigurationError(file: file, line: mark.line, column: mark.column, problem: "not valid YAML: \(problem)")
        case let .duplicatedKeysInMapping(duplicates, context):
            return ConfigurationError(file: file, line: context.mark.line, column: context.mark.column, key: duplicates.first,
                                      problem: "is given twice in one section; keep one")
        case let .reader(_, offset, _, _):
            return ConfigurationError(file: file, problem: "is not UTF-8 text\(offset.map { " (at byte \($0))" } ?? "")")
        default:
            return ConfigurationError(file: file, problem: "is not valid YAML")
        }
    }
}

extension Configuration {
    fileprivate mutating func set(_ key: ConfigurationFile.Key, _ entry: SettingsReader.Entry, _ reader: SettingsReader) throws(ConfigurationError) {
        func bad(_ problem: String) -> ConfigurationError { reader.failure(at: entry.value, entry.path, problem) }
        switch key {
        case .clinic:
            clinic = try Self.clinic(entry, reader)
        case .columns:
            columns = try Self.columns(entry, reader)
        case .dateFormat:
            dateFormat = try reader.text(entry).map { pattern throws(ConfigurationError) in
                do { return try DateFormat(pattern) } catch { throw bad("use yyyy, MM and dd with separators, like MM/dd/yyyy or dd.MM.yyyy") }
            }
        case .separator:
            separator = try reader.text(entry).map { text throws(ConfigurationError) in
                guard let separator = Separator(name: text) else { throw bad("must be comma, semicolon, tab or pipe") }
                return separator
            }
        case .encoding:
            encoding = try reader.text(entry).map { text throws(ConfigurationError) in
                guard let encoding = InputEncoding(name: text) else { throw bad("must be utf-8, utf-16 or windows-1252") }
                return encoding
            }
        case .nameFormat:
            nameFormat = try reader.text(entry).map { text throws(ConfigurationError) in
                guard let format = NameFormat(rawValue: text.lowercased()) else { throw bad("must be auto, last-first or first-last") }
                return format
            }
        case .languages:
            languages = try Self.languages(entry, reader)
        case .fallbackLanguage:
            fallbackLanguage = try reader.text(entry).map { text throws(ConfigurationError) in
                let available = ContentLoader.builtInLanguages()
                guard let code = LanguageCode.code(for: text), available.contains(code) else {
                    throw bad("must be a language with handout content: \(available.joined(separator: ", "))")
                }
                return code
            }
        case .unreviewedTranslations:
            unreviewedTranslations = try reader.text(entry).map { text throws(ConfigurationError) in
                guard let choice = UnreviewedTranslations(rawValue: text.lowercased()) else {
                    throw bad("must be \(UnreviewedTranslations.allCases.map(\.rawValue).joined(separator: " or "))")
                }
                return choice
            }
        case .content: content = try reader.path(entry)
        case .contentDir: contentDirectory = try reader.path(entry)
        case .topic:
            topic = try reader.text(entry).map { text throws(ConfigurationError) in
                guard ContentCatalog.isTopicID(text.lowercased()) else {
                    throw bad("a topic id is letters, digits and -, like \(ContentLoader.defaultContentID) (`handout topics` lists them)")
                }
                return text.lowercased()
            }
        case .outputDir: outputDirectory = try reader.path(entry)
        case .ledger: ledger = try reader.path(entry)
        case .paper:
            paper = try reader.text(entry).map { text throws(ConfigurationError) in
                guard let paper = Paper(rawValue: text.lowercased()) else {
                    throw bad("must be \(Paper.allCases.map(\.rawValue).joined(separator: " or "))")
                }
                return paper
            }
        case .largePrint: largePrint = try reader.flag(entry)
        case .passwordFile: passwordFile = try reader.path(entry)
        case .mail: try mail.set(entry, reader)
        case .uploadLimit:
            uploadLimitMB = try reader.text(entry).map { text throws(ConfigurationError) in
                guard let megabytes = Int(text), (1...4096).contains(megabytes) else { throw bad("must be a whole number of megabytes, 1 to 4096") }
                return megabytes
            }
        case .keepDays:
            keepDays = try reader.text(entry).map { text throws(ConfigurationError) in
                guard let days = Int(text), Configuration.keepDaysRange.contains(days) else { throw bad("must be a whole number of days, 1 to 365") }
                return days
            }
        case .batchesDir: batchesDirectory = try reader.path(entry)
        case .allowedHosts:
            allowedHosts = try reader.list(entry).map { name throws(ConfigurationError) in
                guard HostName.isValid(name) else {
                    throw bad("names a host as a browser's address bar has it (clinic.example.org, 192.0.2.7 or [2001:db8::7]), without a scheme or path")
                }
                return name
            }
        }
    }

    /// The clinic keys and the record fields they fill.
    static let clinicKeys: [(key: String, field: PatientField)] = [
        ("name", .clinicName), ("phone", .clinicPhone), ("after-hours-phone", .clinicAfterHoursPhone),
        ("address", .clinicAddress), ("website", .clinicWebsite), ("email", .clinicEmail),
    ]

    /// Checked as a record's clinic columns are (the same rules for phone, website, email, length).
    /// The clinic's identity beyond its record fields: `logo` (a PNG or SVG file) with its
    /// `logo-alt`, and `qr-code`.
    static let identityKeys = (logo: "logo", logoAlt: "logo-alt", qrCode: "qr-code")

    private static func clinic(_ entry: SettingsReader.Entry, _ reader: SettingsReader) throws(ConfigurationError) -> Clinic? {
        if entry.value.null != nil { return nil }
        var fields: [PatientField: String] = [:]
        var nodes: [PatientField: Node] = [:]
        var identity: [String: SettingsReader.Entry] = [:]
        let known = clinicKeys.map(\.key) + [identityKeys.logo, identityKeys.logoAlt, identityKeys.qrCode]
        for item in try reader.entries(of: entry.value, at: entry.path, known: known) {
            guard let field = clinicKeys.first(where: { $0.key == item.key })?.field else {
                identity[item.key] = item
                continue
            }
            fields[field] = try reader.text(item)
            nodes[field] = item.value
        }
        var clinic: Clinic
        do {
            clinic = try ClinicJSON.clinic(fields, source: reader.file)
        } catch {
            let (fieldName, problem): (String, String)
            switch error {
            case let .missingField(_, field): (fieldName, problem) = (field, "is missing; a clinic needs a name and a phone number")
            case let .invalidField(_, field, why): (fieldName, problem) = (field, why.english)
            default: (fieldName, problem) = ("", error.errorDescription ?? "is not usable")
            }
            let field = PatientField(rawValue: fieldName)
            let key = clinicKeys.first { $0.field == field }?.key
            throw reader.failure(at: field.flatMap { nodes[$0] } ?? entry.value, key.map { "\(entry.path).\($0)" } ?? entry.path, problem)
        }
        try addIdentity(identity, to: &clinic, reader, section: entry)
        return clinic
    }

    private static func addIdentity(_ identity: [String: SettingsReader.Entry], to clinic: inout Clinic, _ reader: SettingsReader,
                                    section: SettingsReader.Entry) throws(ConfigurationError) {
        let keys = identityKeys
        let logo = try identity[keys.logo].flatMap { item throws(ConfigurationError) in try reader.path(item) }
        let alt = try identity[keys.logoAlt].flatMap { item throws(ConfigurationError) in try reader.text(item) }
        let qrCode = try identity[keys.qrCode].flatMap { item throws(ConfigurationError) in try reader.flag(item) }
        do {
            if let logo { clinic.logo = try ClinicLogo.read(path: logo, alt: alt, source: reader.file, field: keys.logo, altField: keys.logoAlt) }
            clinic.showsQRCode = qrCode ?? false
            try clinic.checkQRCode(source: reader.file, field: keys.qrCode)
        } catch {
            let (key, problem): (String, String)
            switch error {
            case let .invalidField(_, field, why): (key, problem) = (field, why.english)
            default: (key, problem) = (keys.logo, error.errorDescription ?? "is not usable")
            }
            // A missing key (the alt text) is pointed at by the logo that needs it.
            throw reader.failure(at: identity[key]?.value ?? identity[keys.logo]?.value ?? section.value, "\(section.path).\(key)", problem)
        }
    }

    /// `field: header` or `field: [header, ...]`: the clinic's own spellings of a field's column;
    /// `name` is the one column holding the whole name.
    private static func columns(_ entry: SettingsReader.Entry, _ reader: SettingsReader) throws(ConfigurationError) -> ColumnSpellings {
        if entry.value.null != nil { return ColumnSpellings() }
        let fields = ["name"] + PatientField.allCases.map(\.flatName)
        var spellings = ColumnSpellings()
        // Each header's field ("name" for the whole name): one header cannot stand for two.
        var fieldOfHeader: [String: String] = [:]
        for item in try reader.entries(of: entry.value, at: entry.path) {
            let headers = try reader.list(item).map { $0.trimmingCharacters(in: .whitespaces) }
            guard !headers.isEmpty, !headers.contains(where: \.isEmpty) else {
                throw reader.failure(at: item.value, item.path, "needs the column's header as the export writes it, or a list of them")
            }
            for header in headers {
                let field: PatientField?
                do {
                    field = try ColumnOverride(parsing: "\(item.key)=\(header)").field
                } catch {
                    let hint = SettingsReader.closest(to: item.key, in: fields).map { "did you mean '\($0)'?" } ?? "fields: \(fields.joined(separator: ", "))"
                    throw reader.failure(at: item.keyNode, item.path, "not a field a column can hold; \(hint)")
                }
                let key = HeaderKey.normalize(header), name = field?.flatName ?? "name"
                if let other = fieldOfHeader[key], other != name {
                    throw reader.failure(at: entry.value, entry.path, "two fields name the same column; for one column holding the whole name use `name:`")
                }
                fieldOfHeader[key] = name
                if let field { spellings.fields[field, default: []].append(header) } else { spellings.fullName.append(header) }
            }
        }
        return spellings
    }

    /// `what the export writes: code`.
    private static func languages(_ entry: SettingsReader.Entry, _ reader: SettingsReader) throws(ConfigurationError) -> LanguageAliases {
        if entry.value.null != nil { return .none }
        var codes: [String: String] = [:]
        for item in try reader.entries(of: entry.value, at: entry.path) {
            guard let text = try reader.text(item), let code = LanguageCode.code(for: text) else {
                throw reader.failure(at: item.value, item.path, "must be a language code like en or es (ISO 639-1)")
            }
            codes[item.key] = code
        }
        return LanguageAliases(codes)
    }
}

extension MailSettings {
    enum Key: String, CaseIterable {
        case smtp, user, passwordFile = "password-file", caFile = "ca-file", from, replyTo = "reply-to"
    }

    fileprivate mutating func set(_ entry: SettingsReader.Entry, _ reader: SettingsReader) throws(ConfigurationError) {
        if entry.value.null != nil { return }
        for item in try reader.entries(of: entry.value, at: entry.path, known: Key.allCases.map(\.rawValue)) {
            func bad(_ problem: String) -> ConfigurationError { reader.failure(at: item.value, item.path, problem) }
            switch Key(rawValue: item.key)! {
            case .smtp:
                smtp = try reader.text(item)
                if let smtp, let problem = Self.problem(withServer: smtp) { throw bad(problem) }
            case .user: user = try reader.text(item)
            case .passwordFile: passwordFile = try reader.path(item)
            case .caFile: caFile = try reader.path(item)
            case .from:
                from = try reader.text(item)
                if let from, (try? Mailbox(parsing: from)) == nil {
                    throw bad("must be a sender like \"Spine Clinic <care@clinic.example>\"")
                }
            case .replyTo:
                replyTo = try reader.text(item)
                if let replyTo, (try? Mailbox(parsing: replyTo)) == nil {
                    throw bad("must be an address to answer, like \"Front Desk <desk@clinic.example>\"")
                }
            }
        }
    }

    /// HANDOUT_SMTP_URL, HANDOUT_SMTP_USER and HANDOUT_SMTP_PASSWORD_FILE, what a cron job sets,
    /// over the file's settings (a flag still wins over them).
    mutating func apply(environment: [String: String]) throws(ConfigurationError) {
        func value(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        if let url = value("HANDOUT_SMTP_URL") {
            if let problem = Self.problem(withServer: url) { throw ConfigurationError(file: "environment", key: "HANDOUT_SMTP_URL", problem: problem) }
            smtp = url
        }
        if let name = value("HANDOUT_SMTP_USER") { user = name }
        if let path = value("HANDOUT_SMTP_PASSWORD_FILE") { passwordFile = URL(fileURLWithPath: path).standardizedFileURL.path }
    }

    /// Only the form is checked here (plain SMTP to a loopback address still needs the flag).
    static func problem(withServer url: String) -> String? {
        (try? SMTPConfiguration(url: url, allowPlaintextLoopback: true)) == nil
            ? "must be a mail server like smtps://mail.example.org:465 or smtp://mail.example.org:587" : nil
    }
}

/// A host name or address as a `Host` header carries it, without a port.
enum HostName {
    static func isValid(_ name: String) -> Bool {
        guard (1...253).contains(name.utf8.count) else { return false }
        if name.hasPrefix("[") {
            return name.hasSuffix("]") && name.count > 2 && name.dropFirst().dropLast().allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." }
        }
        return name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") } && !name.hasPrefix(".") && !name.hasPrefix("-")
    }
}
