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

/// One `--map field=Header`: which column holds a patient field, or (`name=Header`) the whole name.
public struct ColumnOverride: Sendable, Equatable {
    /// nil: the column holding the whole name.
    public let field: PatientField?
    public let header: String

    /// Parses `field=Header`; the field is matched like a header (case, spaces, `_`, `-` ignored).
    public init(parsing spec: String) throws(BatchError) {
        guard let equals = spec.firstIndex(of: "=") else { throw .badMapping(spec) }
        let name = String(spec[..<equals]).trimmingCharacters(in: .whitespaces)
        let header = String(spec[spec.index(after: equals)...]).trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, !header.isEmpty else { throw .badMapping(spec) }
        if ["name", "fullname"].contains(ColumnMap.normalize(name)) {
            field = nil
        } else if let field = PatientField.allCases.first(where: { ColumnMap.normalize($0.flatName) == ColumnMap.normalize(name) }) {
            self.field = field
        } else {
            throw .unknownField(name)
        }
        self.header = header
    }

    /// The overrides as `ColumnMap` takes them (the last one given for a field wins). Two fields
    /// mapped to one column are refused: a name column is mapped as `name`, not twice.
    public static func table(_ overrides: [ColumnOverride]) throws(BatchError) -> ColumnOverrides {
        var table = ColumnOverrides()
        for override in overrides {
            if let field = override.field { table.fields[field] = override.header } else { table.fullName = override.header }
        }
        var byHeader: [String: (header: String, fields: [String])] = [:]
        let named = table.fields.map { ($0.value, $0.key.flatName) } + (table.fullName.map { [($0, "name")] } ?? [])
        for (header, field) in named { byHeader[ColumnMap.normalize(header), default: (header, [])].fields.append(field) }
        if let shared = byHeader.values.first(where: { $0.fields.count > 1 }) {
            throw .sameColumn(fields: shared.fields.sorted(), header: shared.header)
        }
        return table
    }
}

/// The `--map` choices of a run: which column holds which field, and which the whole name; and
/// the clinic's own header spellings (`columns:` in its settings), tried before the EHR table.
public struct ColumnOverrides: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    public var fields: [PatientField: String] = [:]
    public var fullName: String?
    /// Unlike `--map`, a spelling no column has is no error: next week's export may differ.
    public var spellings = ColumnSpellings()

    public init() {}

    public init(dictionaryLiteral elements: (PatientField, String)...) {
        fields = Dictionary(elements, uniquingKeysWith: { $1 })
    }
}
