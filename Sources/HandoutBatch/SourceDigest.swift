import Foundation
import HandoutSupport

/// What a handout was made from, as recorded in the manifest (`record_sha256`,
/// `options_sha256`): `--resume` makes a record again when either differs from the last run's.
public struct SourceDigests: Sendable, Equatable {
    /// The patient's record: every field of the `PatientProfile`.
    public var record: String
    /// The options and content that shaped the handout (language, comparison, strings, paper...);
    /// nil when they cannot be loaded for this record (its rendering then fails too).
    public var options: String?

    public init(record: String, options: String?) {
        self.record = record
        self.options = options
    }
}

public enum SourceDigest {
    /// The SHA-256 (lowercase hex) of the values' canonical form: the same for equal values in
    /// every run and process, different for different values.
    public static func of(_ values: Any...) -> String {
        var form = CanonicalForm()
        for value in values { form.append(value) }
        return SHA256Hex.of(Data(form.bytes))
    }
}

/// A value as bytes for a digest, built by reflection so that a field added to the patient, the
/// content or the options takes part without anyone remembering to add it here. Every part is
/// written as its type, its kind and its length before its contents (so two different values
/// never give the same bytes); stored properties in declaration order; dictionary and set
/// entries sorted (their order depends on a hash seed that changes from process to process).
/// Meant for value types made of structs, enums, optionals, arrays, dictionaries, strings,
/// numbers and booleans, which is what patients, content and render options are.
struct CanonicalForm {
    private(set) var bytes: [UInt8] = []

    mutating func append(_ value: Any) {
        let mirror = Mirror(reflecting: value)
        text(String(reflecting: mirror.subjectType))
        switch mirror.displayStyle {
        case .dictionary?, .set?:
            let entries = mirror.children.map { child in
                var entry = CanonicalForm()
                entry.append(child.value)
                return entry.bytes
            }
            bytes.append(UInt8(ascii: "u"))
            number(entries.count)
            for entry in entries.sorted(by: { $0.lexicographicallyPrecedes($1) }) { bytes += entry }
        case nil where mirror.children.isEmpty, .enum? where mirror.children.isEmpty:
            // A string, number or boolean, or an enum case without a payload: its text.
            bytes.append(UInt8(ascii: "v"))
            text(String(describing: value))
        default:
            bytes.append(UInt8(ascii: "c"))
            number(mirror.children.count)
            for child in mirror.children {
                text(child.label ?? "")
                append(child.value)
            }
        }
    }

    private mutating func number(_ value: Int) {
        withUnsafeBytes(of: UInt64(value).bigEndian) { bytes += $0 }
    }

    private mutating func text(_ value: String) {
        number(value.utf8.count)
        bytes += value.utf8
    }
}

/// The secret of one output directory (`.handout-resume-key`, 32 random bytes, mode 0600) that
/// keys the manifest's source digests (HMAC-SHA256). Without it, a plain digest of a record or
/// of a password would let whoever reads the manifest confirm a guessed birth date or password.
struct ResumeKey {
    static let fileName = ".handout-resume-key"
    private let key: [UInt8]

    init(directory: String) throws(FileWriteError) {
        var generator = SystemRandomNumberGenerator()
        let fresh = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        key = try DurableFile.createOnce(fresh, directory: directory, name: Self.fileName)
    }

    /// The digest as recorded in the manifest (lowercase hex).
    func seal(_ digest: String) -> String {
        SHA256Hex.authentication(of: Array(digest.utf8), key: key)
    }

    func seal(_ digests: SourceDigests) -> SourceDigests {
        SourceDigests(record: seal(digests.record), options: digests.options.map(seal))
    }
}
