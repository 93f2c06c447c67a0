import HandoutCore
import HandoutLayout

/// Glyph coverage as input validation: text that no installed font can print is refused,
/// naming its field, before anything is laid out, so a name in an uncovered script is an
/// error the clinic can act on instead of a row of boxes.
struct GlyphCoverage {
    let shaper: TextShaper
    let style: TextStyle

    /// The patient's printed fields.
    func check(_ patient: PatientProfile, source: String) throws(InputError) {
        let fields: [(String, String?)] = [
            ("givenName", patient.givenName), ("familyName", patient.familyName), ("mrn", patient.mrn),
            ("clinician", patient.clinician), ("notes", patient.notes),
            ("appointment.time", patient.appointment?.time), ("appointment.place", patient.appointment?.place),
        ]
        try check(fields + Self.printed(patient.clinic, prefix: "clinic."), source: source)
    }

    /// What every handout of the run prints: the content, the strings and the default clinic.
    func check(_ options: RenderOptions) throws(InputError) {
        let content = options.comparison
        try check(Self.texts(in: content, at: ""), source: "content '\(content.id)' (\(content.language))")
        try check(Self.texts(in: options.strings, at: ""), source: "strings (\(options.strings.language))")
        try check(Self.printed(options.defaultClinic, prefix: ""), source: "the clinic file")
    }

    private func check(_ fields: [(String, String?)], source: String) throws(InputError) {
        for case let (field, text?) in fields where shaper.shape(text, style: style, width: nil).unknownGlyphs > 0 {
            throw .missingGlyphs(source: source, field: field)
        }
    }

    private static func printed(_ clinic: Clinic?, prefix: String) -> [(String, String?)] {
        [("name", clinic?.name), ("phone", clinic?.phone), ("afterHoursPhone", clinic?.afterHoursPhone),
         ("address", clinic?.address), ("website", clinic?.website)].map { (prefix + $0, $1) }
    }

    /// Every string inside `value`, with its path ("sections[2].blocks[0].table.rows[1][0]"),
    /// found by reflection so that a field added to the content is checked too.
    private static func texts(in value: Any, at path: String) -> [(String, String?)] {
        if let text = value as? String { return [(path, text)] }
        if let table = value as? [String: String] {
            return table.keys.sorted().map { (path.isEmpty ? $0 : "\(path).\($0)", table[$0]) }
        }
        let mirror = Mirror(reflecting: value)
        return mirror.children.enumerated().flatMap { index, child in
            let place: String
            switch (mirror.displayStyle, child.label) {
            case (.optional?, _): place = path
            case let (_, label?): place = path.isEmpty ? label : "\(path).\(label)"
            case (_, nil): place = "\(path)[\(index)]"
            }
            return texts(in: child.value, at: place)
        }
    }
}
