import Foundation

/// Reads a patient from JSON (DESIGN.md §6): one file for `render`, one line of NDJSON for `batch`.
public enum PatientJSON {
    /// `source` names the input in errors ("patient.json", "patients.ndjson:12").
    /// `languages`: the clinic's own spellings of languages (its settings file).
    public static func decode(_ data: Data, source: String, today: CalendarDate, languages: LanguageAliases = .none) throws(InputError) -> PatientProfile {
        guard let fields = try parse(data, source: source) as? [String: Any] else {
            throw .invalidField(source: source, field: "(top level)", problem: .notAJSONObject)
        }
        return try PatientFields.build(from: try PatientRecord(json: fields, source: source), source: source, today: today, languages: languages)
    }

    public static func load(path: String, today: CalendarDate, languages: LanguageAliases = .none) throws(InputError) -> PatientProfile {
        try decode(try readFile(path), source: path, today: today, languages: languages)
    }

    static func readFile(_ path: String) throws(InputError) -> Data {
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadableFile(path: path, reason: fileErrorReason(error))
        }
    }

    static func parse(_ data: Data, source: String) throws(InputError) -> Any {
        do {
            return try JSONSerialization.jsonObject(with: data)
        } catch {
            let (line, column) = position(ofError: error, in: data)
            throw .invalidJSON(source: source, line: line, column: column)
        }
    }

    /// Foundation reports "around character N" (a UTF-8 offset); editors want line and column.
    static func position(ofError error: Error, in data: Data) -> (line: Int, column: Int) {
        let text = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? ""
        let digits = text.split(whereSeparator: { !$0.isNumber }).last.flatMap { Int($0) } ?? data.count
        let offset = min(max(digits, 0), data.count)
        var line = 1
        var column = 1
        for byte in data.prefix(offset) {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }
}

/// A short reason for a file system error, without the path (callers add it).
public func fileErrorReason(_ error: Error) -> String {
    let nsError = error as NSError
    if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain,
       let code = POSIXErrorCode(rawValue: Int32(underlying.code)) {
        return String(cString: strerror(code.rawValue))
    }
    switch nsError.code {
    case NSFileReadNoSuchFileError: return "no such file"
    case NSFileReadNoPermissionError: return "permission denied"
    default: return nsError.localizedDescription
    }
}

/// Reads a clinic file (`--clinic`): the same fields as a patient's `clinic` object.
public enum ClinicJSON {
    /// Besides a record's clinic fields, a clinic file may give `logo` (a PNG or SVG file, from the
    /// clinic file's folder) with `logoAlt`, and `qrCode: true`.
    public static func load(path: String) throws(InputError) -> Clinic {
        let object = try PatientJSON.parse(try PatientJSON.readFile(path), source: path)
        let record = try PatientRecord(json: ["clinic": object], source: path)
        var clinic = try PatientFields.clinic(PatientFields.Checked(record: record, source: path))
        let fields = object as? [String: Any] ?? [:]
        if let logo = try text(fields, "logo", source: path) {
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
            clinic.logo = try ClinicLogo.read(path: URL(fileURLWithPath: logo, relativeTo: folder).standardizedFileURL.path,
                                              alt: try text(fields, "logoAlt", source: path), source: path, field: "logo", altField: "logoAlt")
        }
        if let value = fields["qrCode"], !(value is NSNull) {
            guard let flag = value as? Bool else { throw .invalidField(source: path, field: "qrCode", problem: .notTrueOrFalse) }
            clinic.showsQRCode = flag
        }
        try clinic.checkQRCode(source: path, field: "qrCode")
        return clinic
    }

    private static func text(_ fields: [String: Any], _ key: String, source: String) throws(InputError) -> String? {
        guard let value = fields[key], !(value is NSNull) else { return nil }
        guard let text = value as? String else { throw .invalidField(source: source, field: key, problem: .notText) }
        return text.isEmpty ? nil : text
    }

    /// Clinic details given field by field (a settings file): checked as a record's clinic columns are.
    public static func clinic(_ fields: [PatientField: String], source: String) throws(InputError) -> Clinic {
        var record = PatientRecord()
        for (field, text) in fields { record[field] = text }
        return try PatientFields.clinic(PatientFields.Checked(record: record, source: source))
    }
}
