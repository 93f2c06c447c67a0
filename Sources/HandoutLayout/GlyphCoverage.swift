import HandoutCore

/// Finds patient text no installed font can print, and names the field, so a name in an
/// uncovered script is an error the clinic can act on instead of a row of boxes.
public enum GlyphCoverage {
    public static func check(_ patient: PatientProfile, source: String, shaper: TextShaper, style: TextStyle) throws(InputError) {
        let fields: [(String, String?)] = [
            ("givenName", patient.givenName), ("familyName", patient.familyName), ("mrn", patient.mrn),
            ("clinician", patient.clinician), ("notes", patient.notes),
            ("appointment.time", patient.appointment?.time), ("appointment.place", patient.appointment?.place),
            ("clinic.name", patient.clinic?.name), ("clinic.phone", patient.clinic?.phone),
            ("clinic.afterHoursPhone", patient.clinic?.afterHoursPhone), ("clinic.address", patient.clinic?.address),
            ("clinic.website", patient.clinic?.website),
        ]
        for case let (field, text?) in fields where shaper.shape(text, style: style, width: nil).unknownGlyphs > 0 {
            throw .missingGlyphs(source: source, field: field)
        }
    }
}
