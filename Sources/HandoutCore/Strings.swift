import Foundation

/// The fixed words of the handout in one language (`Assets/Locales/<lang>.yaml`),
/// with `{name}` placeholders.
public struct Strings: Sendable, Hashable {
    public let language: String
    /// The optional key `direction`: left to right unless the file says "rtl", so a clinic's
    /// locale file written before the key existed still loads.
    public let direction: TextDirection
    let table: [String: String]

    /// Refuses a table that lacks any key, so a half-translated locale fails at load.
    public init(language: String, table: [String: String], source: String) throws(InputError) {
        if let missing = StringKey.allCases.first(where: { table[$0.rawValue] == nil }) {
            throw .invalidYAML(source: source, line: nil, column: nil, problem: "key '\(missing.rawValue)' is missing")
        }
        var direction = TextDirection.leftToRight
        if let written = table[Self.directionKey] {
            guard let known = TextDirection(rawValue: written) else {
                throw .invalidYAML(source: source, line: nil, column: nil,
                                   problem: "key '\(Self.directionKey)' is '\(EchoedText.escaped(written))'; write \"ltr\" or \"rtl\"")
            }
            direction = known
        }
        self.language = language
        self.direction = direction
        self.table = table
    }

    static let directionKey = "direction"

    /// The string for `key` with its `{name}` placeholders filled from `values`, each value
    /// isolated (FSI…PDI) so a right-to-left name never reorders the words around it.
    public subscript(key: StringKey, values: [String: String] = [:]) -> String {
        Template.fill(table[key.rawValue]!, Self.isolated(values))
    }

    /// The string for `key` cut where its template puts a " · " between parts (the running
    /// header: the name, then the date of birth), each part filled as above. Cut in the
    /// template, never in a value: a name with a middle dot stays whole.
    public func parts(_ key: StringKey, _ values: [String: String]) -> [String] {
        table[key.rawValue]!.components(separatedBy: "·")
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
            .map { Template.fill($0, Self.isolated(values)) }
    }

    private static func isolated(_ values: [String: String]) -> [String: String] {
        values.mapValues { "\u{2068}\($0)\u{2069}" }
    }
}

public enum StringKey: String, CaseIterable, Sendable {
    case patientLabel, dateOfBirthLabel, mrnLabel, clinicianLabel, visitLabel
    /// The BCP 47 tag the PDF declares for the whole document ("en-US"): screen readers pick their voice by it.
    case languageTag
    case summaryTitle, factorsCheckedNote, checkedBox, uncheckedBox
    case nextStepsTitle, appointmentLine, scheduleLine, changeLine
    case afterHoursLine, emailLine, addressLine
    case callClinicLink, callAfterHoursLink, visitWebsiteLink, emailClinicLink
    case continuedHeading
    case questionsTitle, notesTitle, noNotes, sourcesTitle, disclaimerTitle
    case runningHeader, footerVersion, printedOn, pageXofY, qrCodeAlt
    /// Under the QR code: what it is for, in the handout's language.
    case qrCaption
}
