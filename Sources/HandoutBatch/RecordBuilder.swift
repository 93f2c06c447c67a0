import Foundation
import HandoutCore

/// Turns source records into patient profiles through the shared `PatientFields` checks, after
/// the CSV-only steps: column mapping, `--date-format` conversion, factor lists.
public struct RecordBuilder: Sendable {
    public let map: ColumnMap?
    public let dateFormat: DateFormat?
    public let nameFormat: NameFormat
    /// The clinic's own spellings of languages (its settings file).
    public let languages: LanguageAliases
    public let sourceName: String
    public let today: CalendarDate

    public init(map: ColumnMap?, dateFormat: DateFormat?, nameFormat: NameFormat = .auto, languages: LanguageAliases = .none,
                sourceName: String, today: CalendarDate) {
        self.map = map
        self.dateFormat = dateFormat
        self.nameFormat = nameFormat
        self.languages = languages
        self.sourceName = sourceName
        self.today = today
    }

    /// A record's id (trimmed; nil when empty) and its fields, or why they could not be read (the
    /// id is still known then, for the manifest).
    public struct Decoded {
        public var id: String?
        var record: Result<PatientRecord, RowFailure>
    }

    public func decode(_ record: SourceRecord) -> Decoded {
        switch record.payload {
        case let .columns(values):
            guard let map else { return Decoded(id: nil, record: .failure(RowFailure(column: nil, problem: .noHeaderRow))) }
            // Its id may be another column's value (a name): it is not shown.
            if let problem = map.misalignment(of: values) { return Decoded(id: nil, record: .failure(RowFailure(column: nil, problem: problem))) }
            let id = map.value(.id, in: values)
            do {
                return Decoded(id: id, record: .success(try patientRecord(from: values, map: map)))
            } catch {
                return Decoded(id: id, record: .failure(error))
            }
        case let .json(data):
            guard let object = try? JSONSerialization.jsonObject(with: data), let fields = object as? [String: Any] else {
                return Decoded(id: nil, record: .failure(RowFailure(column: nil, problem: .notOneJSONObject)))
            }
            let id = ((fields["id"] as? String) ?? (fields["id"] as? NSNumber)?.stringValue)?.trimmingCharacters(in: .whitespacesAndNewlines)
            do {
                return Decoded(id: id?.isEmpty == false ? id : nil, record: .success(try PatientRecord(json: fields, source: sourceName)))
            } catch {
                return Decoded(id: id?.isEmpty == false ? id : nil, record: .failure(failure(for: error)))
            }
        }
    }

    public func profile(_ decoded: Decoded, line: Int) throws(RowFailure) -> PatientProfile {
        let record = try decoded.record.get()
        do {
            return try PatientFields.build(from: record, source: "\(sourceName):\(line)", today: today, languages: languages)
        } catch {
            throw failure(for: error)
        }
    }

    /// What mailing needs of a record (email, language), checked as `profile` checks it.
    public func contact(_ decoded: Decoded, line: Int) throws(RowFailure) -> PatientFields.Contact {
        let record = try decoded.record.get()
        do {
            return try PatientFields.contact(from: record, source: "\(sourceName):\(line)", languages: languages)
        } catch {
            throw failure(for: error)
        }
    }

    /// A CSV row's columns as a record, dates converted from `--date-format`.
    func patientRecord(from values: [String], map: ColumnMap) throws(RowFailure) -> PatientRecord {
        var record = PatientRecord()
        if let column = map.fullNameIndex, column < values.count {
            let text = values[column].trimmingCharacters(in: .whitespacesAndNewlines)
            if !text.isEmpty {
                guard let (given, family) = nameFormat.split(text) else {
                    throw RowFailure(column: map.headers[column], problem: .notAFullName)
                }
                record[.givenName] = given
                record[.familyName] = family
            }
        }
        for field in PatientField.allCases {
            guard var text = map.value(field, in: values) else { continue }
            if field == .factors {
                record.factors = text.split(whereSeparator: { $0 == ";" || $0 == "|" }).map(String.init)
                continue
            }
            if let dateFormat, field == .birthDate || field == .appointmentDate {
                guard let date = dateFormat.parse(text) else {
                    throw RowFailure(column: map.header(of: field), problem: .field(.notADate(pattern: dateFormat.pattern)))
                }
                text = date.description
            }
            record[field] = text
        }
        return record
    }

    /// A problem of the record's id, at its column (or JSON field).
    func idFailure(_ problem: RowProblem) -> RowFailure {
        RowFailure(column: map?.header(of: .id) ?? "id", problem: problem, isJSONField: map == nil)
    }

    /// The row failure for an input error raised while building or rendering this record.
    public func failure(for error: InputError) -> RowFailure {
        func at(_ name: String, _ problem: RowProblem) -> RowFailure {
            guard let map, let field = PatientField(rawValue: name), map.index[field] != nil else {
                if map != nil, name.hasPrefix("clinic") { return .noClinic }
                return RowFailure(column: name, problem: problem, isJSONField: true)
            }
            return RowFailure(column: map.header(of: field), problem: problem)
        }
        switch error {
        case let .missingField(_, field):
            return at(field, .empty)
        case let .invalidField(_, field, problem):
            if field == "(top level)" { return RowFailure(column: nil, problem: .field(problem)) }
            return at(field, .field(problem))
        case let .unknownFactor(_, _, known):
            return at("factors", .unknownFactor(known: known))
        case let .missingGlyphs(_, field):
            return at(field, .missingGlyphs)
        case let .unknownLanguage(_, available):
            return at("language", .unknownLanguage(available: available))
        case let .invalidJSON(_, _, column):
            return RowFailure(column: nil, problem: .invalidJSON(nearCharacter: column))
        case .unreadableFile, .invalidYAML:
            return RowFailure(column: nil, problem: .unreadable(error.errorDescription ?? "could not be read"))
        }
    }
}
