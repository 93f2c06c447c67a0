import Foundation

/// The comparisons a run can make: the built-in ones and those of a clinic's content folder
/// (`--content-dir`), both named `<topic>.<lang>.yaml` ("spinal-fusion.es.yaml"). A clinic's
/// file replaces the built-in one of the same topic and language.
///
/// Files are found by listing the folders, never by building a path from a record's topic.
public struct ContentCatalog: Sendable {
    /// topic → language → file.
    private let files: [String: [String: String]]
    /// language → the strings of a clinic's locale file (`locales/<lang>.yaml` in its content
    /// folder): a language the built-in strings lack (Hebrew, Persian), or its own wording.
    private let locales: [String: Strings]

    /// `clinicDirectory`: every `.yaml` file in it must be named `<topic>.<lang>.yaml`, and is
    /// loaded and checked now, so a bad one stops the run before any handout.
    public init(clinicDirectory: String? = nil) throws(InputError) {
        var files: [String: [String: String]] = [:]
        for (name, path) in ContentLoader.builtInContentFiles() {
            guard let (topic, language) = Self.split(name) else { continue }
            files[topic, default: [:]][language] = path
        }
        if let clinicDirectory {
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: clinicDirectory)
            } catch {
                throw .unreadableFile(path: clinicDirectory, reason: "cannot list the content folder")
            }
            for name in names.sorted() where name.hasSuffix(".yaml") && !name.hasPrefix(".") {
                let path = (clinicDirectory as NSString).appendingPathComponent(name)
                guard let (topic, language) = Self.split(String(name.dropLast(".yaml".count))) else {
                    throw .invalidYAML(source: path, line: nil, column: nil,
                                       problem: "is not named <topic>.<lang>.yaml (like spinal-fusion.en.yaml; topic: letters, digits and -; lang: a code like es, or zh-Hant with its script)")
                }
                let comparison = try ContentLoader.comparison(at: path)
                guard comparison.language == language else {
                    throw .invalidYAML(source: path, line: nil, column: nil,
                                       problem: "key 'language' is '\(comparison.language)' but the file name says '\(language)'")
                }
                files[topic, default: [:]][language] = path
            }
        }
        self.files = files
        locales = if let clinicDirectory { try Self.clinicLocales(in: clinicDirectory) } else { [:] }
    }

    /// A clinic's locale files, each loaded and checked now, so a bad one stops the run.
    private static func clinicLocales(in directory: String) throws(InputError) -> [String: Strings] {
        let folder = (directory as NSString).appendingPathComponent("locales")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else { return [:] }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            throw .unreadableFile(path: folder, reason: "cannot list the locales folder")
        }
        var locales: [String: Strings] = [:]
        for name in names.sorted() where name.hasSuffix(".yaml") && !name.hasPrefix(".") {
            let path = (folder as NSString).appendingPathComponent(name)
            let language = String(name.dropLast(".yaml".count))
            guard !language.isEmpty, language.allSatisfy({ $0.isASCII && ($0.isLetter || $0 == "-") }) else {
                throw .invalidYAML(source: path, line: nil, column: nil, problem: "is not named <lang>.yaml (like he.yaml)")
            }
            locales[language] = try ContentLoader.strings(at: path, language: language)
        }
        return locales
    }

    /// The strings of `language`: the clinic's locale file when it has one, else the built-in one.
    public func strings(language: String) throws(InputError) -> Strings {
        if let strings = locales[language] { return strings }
        return try ContentLoader.strings(language: language)
    }

    /// Every topic, sorted, with its languages, sorted.
    public var topics: [(topic: String, languages: [String])] {
        files.keys.sorted().map { ($0, files[$0]!.keys.sorted()) }
    }

    /// The languages `topic` is written in; nil when there is no such topic.
    public func languages(of topic: String) -> Set<String>? {
        files[topic].map { Set($0.keys) }
    }

    /// The comparison of `topic` in `language`; the errors speak of `--topic` and `--lang`
    /// (a record's own topic and language are checked by the renderer before it gets here).
    public func comparison(topic: String, language: String) throws(InputError) -> Comparison {
        guard let languages = files[topic] else {
            throw .invalidField(source: "--topic", field: PatientField.topic.rawValue, problem: .unknownTopic)
        }
        guard let path = languages[language] else { throw .unknownLanguage(language, available: languages.keys.sorted()) }
        return try ContentLoader.comparison(at: path)
    }

    /// Where `topic` in `language` came from, when it is a translation; nil for an original or
    /// content there is not.
    public func translation(of topic: String, in language: String) throws(InputError) -> TranslationProvenance? {
        guard let path = files[topic]?[language] else { return nil }
        return try ContentLoader.comparison(at: path).translation
    }

    /// Each topic's translations no person has reviewed (their `translation:` block says
    /// `reviewed: false`), every file loaded and checked.
    public func unreviewedTranslations() throws(InputError) -> [String: Set<String>] {
        var unreviewed: [String: Set<String>] = [:]
        for (topic, languages) in files {
            for language in languages.keys where try translation(of: topic, in: language)?.isReviewed == false {
                unreviewed[topic, default: []].insert(language)
            }
        }
        return unreviewed
    }

    /// The name of `topic`'s PDF in an email, in `language` ("folleto-fusion-espinal.pdf"): the
    /// content's `fileName`, else the topic id; nil when there is no such content.
    public func attachmentName(topic: String, language: String) -> String? {
        guard let comparison = try? comparison(topic: topic, language: language) else { return nil }
        return (comparison.fileName ?? topic) + ".pdf"
    }

    /// Lowercase letters, digits and inner hyphens: "spinal-fusion".
    public static func isTopicID(_ text: String) -> Bool {
        !text.isEmpty && !text.hasPrefix("-") && !text.hasSuffix("-")
            && text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    /// "spinal-fusion.es" → ("spinal-fusion", "es"), "spinal-fusion.zh-Hant" → ("spinal-fusion", "zh-Hant");
    /// nil when the name does not follow the scheme.
    static func split(_ name: String) -> (topic: String, language: String)? {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2, isTopicID(parts[0]), isLanguageTag(parts[1]) else { return nil }
        return (parts[0], parts[1])
    }

    /// A language code, lowercase ("es", "hmn"), with a script subtag where the language is
    /// written in more than one, as BCP 47 spells it ("zh-Hans").
    public static func isLanguageTag(_ text: String) -> Bool {
        let subtags = text.split(separator: "-", omittingEmptySubsequences: false)
        guard let code = subtags.first, (2...3).contains(code.count), code.allSatisfy({ $0.isASCII && $0.isLowercase }) else { return false }
        guard subtags.count == 2 else { return subtags.count == 1 }
        let script = subtags[1]
        return script.count == 4 && script.allSatisfy({ $0.isASCII && $0.isLetter })
            && script.first!.isUppercase && script.dropFirst().allSatisfy(\.isLowercase)
    }
}
