import Foundation
import HandoutCore

/// `K/M`: this run takes the records whose index (0-based, blank lines not counted) is K mod M,
/// so M machines or pods can split one file.
public struct Shard: Sendable, Equatable {
    public let index: Int
    public let count: Int

    public static let whole = Shard(checkedIndex: 0, count: 1)

    private init(checkedIndex index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    public init(index: Int, count: Int) throws(BatchError) {
        guard count >= 1, index >= 0, index < count else { throw .badShard("\(index)/\(count)") }
        self.init(checkedIndex: index, count: count)
    }

    /// Parses `K/M`.
    public init(parsing text: String) throws(BatchError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0].trimmingCharacters(in: .whitespaces)),
              let m = Int(parts[1].trimmingCharacters(in: .whitespaces)) else { throw .badShard(text) }
        do {
            try self.init(index: k, count: m)
        } catch {
            throw .badShard(text)
        }
    }

    /// A Kubernetes Indexed Job's own: `JOB_COMPLETION_INDEX` of `JOB_COMPLETIONS`; nil when unset.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws(BatchError) -> Shard? {
        guard let index = environment["JOB_COMPLETION_INDEX"] else { return nil }
        return try Shard(parsing: "\(index)/\(environment["JOB_COMPLETIONS"] ?? "1")")
    }

    /// `manifest.csv`, or `manifest-K-of-M.csv` for a shard (shards may share a directory).
    public var manifestName: String {
        count > 1 ? "manifest-\(index)-of-\(count).csv" : "manifest.csv"
    }

    /// Whether the record at `recordIndex` (0-based) is this shard's.
    func takes(_ recordIndex: Int) -> Bool { recordIndex % count == index }
}

/// One `--map field=Header`: which column holds a patient field.
public struct ColumnOverride: Sendable, Equatable {
    public let field: PatientField
    public let header: String

    /// Parses `field=Header`; the field is matched like a header (case, spaces, `_`, `-` ignored).
    public init(parsing spec: String) throws(BatchError) {
        guard let equals = spec.firstIndex(of: "=") else { throw .badMapping(spec) }
        let name = String(spec[..<equals]).trimmingCharacters(in: .whitespaces)
        let header = String(spec[spec.index(after: equals)...]).trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, !header.isEmpty else { throw .badMapping(spec) }
        guard let field = PatientField.allCases.first(where: { ColumnMap.normalize($0.flatName) == ColumnMap.normalize(name) }) else {
            throw .unknownField(name)
        }
        self.field = field
        self.header = header
    }

    /// The overrides as `ColumnMap` takes them: field → header (the last one given wins).
    public static func table(_ overrides: [ColumnOverride]) -> [PatientField: String] {
        Dictionary(overrides.map { ($0.field, $0.header) }, uniquingKeysWith: { $1 })
    }
}
