/// What is wrong with one field of an input (a record, a clinic or settings file, the
/// environment), as a value: one table per language says it (`english`, `spanish`), so the CLI,
/// the manifest and the web page in either language say the same problem in their own words.
/// Never holds the field's value: that is health data.
public enum FieldProblem: Sendable, Hashable, Codable {
    // Text rules (`TextRules`)
    case controlCharacter
    case tooLong(limit: Int)
    case stackedMarks(maximum: Int)

    // Values of a kind
    /// Not a real day written in `pattern` (a batch's `--date-format`); nil: YYYY-MM-DD.
    case notADate(pattern: String?)
    /// The content file's review date is no YYYY-MM-DD date.
    case notYearMonthDay
    case inTheFuture
    case tooOld(years: Int)
    case notAnEmail
    case notAWebAddress
    case notAPhone
    case notALanguage
    case notATopicID
    /// SOURCE_DATE_EPOCH.

    // The shape of JSON
    case notText
    case notAnObject
    case notAJSONObject
    case notAListOfTexts
    case notTrueOrFalse

    // What the content has
    case unknownTopic
    case noContentInLanguage(String, available: [String])
    /// A ticked factor the topic does not have (the form's words for `InputError.unknownFactor`).
    case unknownFactor
    /// The form's words for `InputError.missingGlyphs`.
    case noFontCovers

    // A clinic's identity
    case qrCodeNeedsWebsite
    /// The logo's alt text is missing; `logoKey` names the logo's own key.
    case logoAltMissing(logoKey: String)
    case logo(LogoProblem)

    case password(PasswordProblem)
}

/// Why a PDF password cannot be used (`PDFPassword`'s rules, the password file's).
public enum PasswordProblem: Sendable, Hashable, Codable {
    case empty
    /// The password file's first line is empty.
    case emptyFirstLine
    case tooLong(maximumBytes: Int)
    case controlCharacter
}

/// Why a clinic's logo is not drawn (`ClinicLogo`, `SVGLogoCheck`, HandoutLayout's `Picture`).
public enum LogoProblem: Sendable, Hashable, Codable {
    case unreadable(reason: String)
    case tooManyBytes(kilobytes: Int)
    case neitherPNGNorSVG
    case pngWithoutHeader
    case pngTooLarge(maximumSide: Int)
    case pngUndecodable(outOfMemory: Bool)
    case svgUnreadable
    case svgNotWellFormed(line: Int)
    /// Something in the SVG that a logo may not hold; `line`: where, when the reader knows it.
    case svg(SVGProblem, line: Int?)
    case svgRefusedByLibrsvg
    case svgWithoutSize
    case svgSizeOutOfRange(maximumSide: Int)
    case svgUndrawable
}

/// What an SVG logo holds that no logo may (`SVGRules`, `SVGSize`, `SVGUseCount`).
public enum SVGProblem: Sendable, Hashable, Codable {
    case doctype
    case processingInstruction
    case tooManyElements(maximum: Int)
    case tooDeep(maximum: Int)
    case xInclude
    case filter
    case outsideReference
    case code
    case image
    case foreignObject
    /// `name` only when it is plain letters and digits (it is shown).
    case undrawnElement(name: String?)
    case styleEscape
    case badSize(maximumSide: Int)
    case useLoop(maximumHops: Int)
    case tooManyShapes(maximum: Int)
}

extension FieldProblem {
    /// The languages problems are written in (one table each).
    public enum Language: Sendable {
        case english, spanish
    }

    public func words(in language: Language) -> String {
        switch language {
        case .english: english
        case .spanish: spanish
        }
    }
}
