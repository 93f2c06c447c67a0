import Foundation
import HandoutCore

/// Why one row was not produced: the column (or JSON field) at fault and what is wrong with it,
/// never the value itself (it is health data).
public struct RowFailure: Error, Sendable, Equatable {
    public var column: String?
    public var problem: String
    var isJSONField = false

    public init(column: String?, problem: String, isJSONField: Bool = false) {
        self.column = column
        self.problem = problem
        self.isJSONField = isJSONField
    }

    public var message: String {
        guard let column else { return problem }
        return "\(isJSONField ? "field" : "column") '\(column)' \(problem)"
    }
}

/// Turns source records into patient profiles through the shared `PatientFields` checks, after
/// the CSV-only steps: column mapping, `--date-format` conversion, factor lists.
public struct RecordBuilder: Sendable {
    public let map: ColumnMap?
    public let dateFormat: DateFormat?
    public let sourceName: String
    public let today: CalendarDate

    public init(map: ColumnMap?, dateFormat: DateFormat?, sourceName: String, today: CalendarDate) {
        self.map = map
        self.dateFormat = dateFormat
        self.sourceName = sourceName
        self.today = today
    }

    /// A record's id (trimmed; nil when empty) and its loosely typed fields, or why they could
    /// not be read (the id is still known then, for the manifest).
    public struct Decoded {
        public var id: String?
        var fields: Result<[String: Any], RowFailure>
    }

    public func decode(_ record: SourceRecord) -> Decoded {
        switch record.payload {
        case let .columns(values):
            guard let map else { return Decoded(id: nil, fields: .failure(RowFailure(column: nil, problem: "has no header row"))) }
            let id = map.value("id", in: values)
            do {
                return Decoded(id: id, fields: .success(try fields(from: values, map: map)))
            } catch {
                return Decoded(id: id, fields: .failure(error))
            }
        case let .json(data):
            guard let object = try? JSONSerialization.jsonObject(with: data), let fields = object as? [String: Any] else {
                return Decoded(id: nil, fields: .failure(RowFailure(column: nil, problem: "is not one JSON object { ... } on one line")))
            }
            let id = (fields["id"] as? String)?.trimmingCharacters(in: .whitespacesAndNewlines)
                ?? (fields["id"] as? NSNumber)?.stringValue
            return Decoded(id: id?.isEmpty == false ? id : nil, fields: .success(fields))
        }
    }

    public func profile(_ decoded: Decoded, line: Int) throws(RowFailure) -> PatientProfile {
        do {
            return try PatientFields.build(from: try decoded.fields.get(), source: "\(sourceName):\(line)", today: today)
        } catch let error as RowFailure {
            throw error
        } catch let error as InputError {
            throw failure(for: error)
        } catch {
            throw RowFailure(column: nil, problem: "could not be read")
        }
    }

    func fields(from values: [String], map: ColumnMap) throws(RowFailure) -> [String: Any] {
        var fields: [String: Any] = [:]
        func put(_ field: String, _ key: String, into target: inout [String: Any]) throws(RowFailure) {
            guard var text = map.value(field, in: values) else { return }
            if let dateFormat, field == "birthDate" || field == "appointmentDate" {
                guard let date = dateFormat.parse(text) else {
                    throw RowFailure(column: map.header(of: field), problem: "is not a real date in the form \(dateFormat.pattern)")
                }
                text = date.description
            }
            target[key] = text
        }
        for field in ["id", "givenName", "familyName", "birthDate", "mrn", "email", "language", "clinician", "notes"] {
            try put(field, field, into: &fields)
        }
        if let factors = map.value("factors", in: values) {
            fields["factors"] = factors.split(whereSeparator: { $0 == ";" || $0 == "|" })
                .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        }
        var appointment: [String: Any] = [:]
        try put("appointmentDate", "date", into: &appointment)
        try put("appointmentTime", "time", into: &appointment)
        try put("appointmentPlace", "place", into: &appointment)
        if !appointment.isEmpty { fields["appointment"] = appointment }
        var clinic: [String: Any] = [:]
        for (field, key) in [("clinicName", "name"), ("clinicPhone", "phone"), ("clinicAfterHoursPhone", "afterHoursPhone"),
                             ("clinicAddress", "address"), ("clinicWebsite", "website"), ("clinicEmail", "email")] {
            try put(field, key, into: &clinic)
        }
        if !clinic.isEmpty { fields["clinic"] = clinic }
        return fields
    }

    /// "appointment.date" -> "appointmentDate": the flat field name a CSV column maps to.
    static func flatField(_ field: String) -> String {
        let parts = field.split(separator: ".")
        guard parts.count > 1 else { return field }
        return String(parts[0]) + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// The row failure for an input error raised while building or rendering this record.
    public func failure(for error: InputError) -> RowFailure {
        func at(_ field: String, _ problem: String) -> RowFailure {
            if let map {
                let flat = Self.flatField(field)
                if field.hasPrefix("clinic"), map.index[flat] == nil {
                    return RowFailure(column: nil, problem: "has no clinic details: add columns \"Clinic Name\" and \"Clinic Phone\", or pass --clinic clinic.json")
                }
                guard map.index[flat] != nil else { return RowFailure(column: nil, problem: "field '\(field)' \(problem)") }
                return RowFailure(column: map.header(of: flat), problem: problem)
            }
            return RowFailure(column: field, problem: problem, isJSONField: true)
        }
        switch error {
        case let .missingField(_, field):
            return at(field, "is empty; a value is required")
        case let .invalidField(_, field, problem):
            if field == "(top level)" { return RowFailure(column: nil, problem: problem) }
            return at(field, problem)
        case let .unknownFactor(_, _, known):
            return at("factors", "has a factor the handout content does not know; known factors: \(known.joined(separator: ", "))")
        case let .missingGlyphs(_, field):
            return at(field, "has characters no installed font can print; install a font that covers them")
        case let .unknownLanguage(_, available):
            return at("language", "names a language with no handout content; available: \(available.joined(separator: ", "))")
        case let .invalidJSON(_, _, column):
            return RowFailure(column: nil, problem: "is not valid JSON (near character \(column))")
        case .unreadableFile, .invalidYAML:
            return RowFailure(column: nil, problem: error.errorDescription ?? "could not be read")
        }
    }
}
