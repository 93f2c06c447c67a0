// The English words for each problem: what the CLI prints after "field 'x'", the manifest's
// error column and the English page. Each begins with its verb ("is longer than 40 characters").

extension FieldProblem {
    public var english: String {
        switch self {
        case .controlCharacter: "contains a control character (such as NUL or ESC); remove it"
        case let .tooLong(limit): "is longer than \(limit) characters"
        case let .stackedMarks(maximum):
            "has a letter with more than \(maximum) accent marks stacked on it; they would draw over the lines around it"
        case let .notADate(pattern): "is not a real date in the form \(pattern ?? "YYYY-MM-DD")"
        case .notYearMonthDay: "is not a date in the form YYYY-MM-DD"
        case .inTheFuture: "is in the future"
        case let .tooOld(years): "is more than \(years) years ago"
        case .notAnEmail: "is not an email address like name@example.org"
        case .notAWebAddress: "is not a web address like https://clinic.example.org (only http and https)"
        case .notAPhone: "is not a phone number like (555) 555-0100"
        case .notALanguage:
            "holds digits or signs, so it is not a language (and is not shown: it may be another column's data); "
                + "write one like Spanish, spa or es-MX, or list what your export writes under languages: in handout.yaml"
        case .notATopicID: "must be a topic id like spinal-fusion (letters, digits and -)"
        case .notText: "must be text"
        case .notAnObject: "must be an object { ... }"
        case .notAJSONObject: "must be a JSON object { ... }"
        case .notAListOfTexts: "must be a list of texts, like [\"a\", \"b\"]"
        case .notTrueOrFalse: "must be true or false"
        case .unknownTopic: "names no handout topic; `handout topics` lists them (a clinic's own come from the content-dir: of its settings file)"
        case let .noContentInLanguage(language, available):
            "has no handout content in the run's language '\(language)'; it has \(available.joined(separator: ", "))"
        case .unknownFactor: "names a factor this topic does not have"
        case .noFontCovers: "has characters no installed font can print"
        case .qrCodeNeedsWebsite: "needs the clinic's website: the code opens it"
        case let .logoAltMissing(logoKey): "is missing: a '\(logoKey)' needs the words a screen reader says for it"
        case let .logo(problem): problem.english
        case let .password(problem): problem.english
        }
    }
}

extension PasswordProblem {
    public var english: String {
        switch self {
        case .empty: "is empty"
        case .emptyFirstLine: "is empty; the password is the file's first line"
        case let .tooLong(maximumBytes): "is longer than \(maximumBytes) bytes (UTF-8); PDF encryption cannot use more, choose a shorter one"
        case .controlCharacter: "contains a control character (NUL, tab, ...); use letters, digits, spaces and punctuation only"
        }
    }
}

extension LogoProblem {
    public var english: String {
        switch self {
        case let .unreadable(reason): "names an image that cannot be read (\(reason))"
        case let .tooManyBytes(kilobytes): "names an image larger than \(kilobytes) KB; a logo needs far less"
        case .neitherPNGNorSVG: "names a file that is neither a PNG nor an SVG image"
        case .pngWithoutHeader: "names a PNG file that is damaged (no image header)"
        case let .pngTooLarge(maximumSide): "names a PNG image larger than \(maximumSide) pixels on a side, or with no size"
        case let .pngUndecodable(outOfMemory):
            "names a PNG image that cannot be read: it " + (outOfMemory ? "needs more memory than there is" : "is damaged or cut short")
        case .svgUnreadable: "names an SVG image that cannot be read"
        case let .svgNotWellFormed(line): "names an SVG image that is not well-formed XML (near line \(line))"
        case let .svg(problem, line): "names an SVG " + (line.map { "whose line \($0) " } ?? "that ") + problem.english
        case .svgRefusedByLibrsvg: "names an SVG image that cannot be read (not well-formed SVG)"
        case .svgWithoutSize: "names an SVG image without a size: give its <svg> element a width and height or a viewBox"
        case let .svgSizeOutOfRange(maximumSide): "names an SVG image with no area or larger than \(maximumSide) pixels on a side"
        case .svgUndrawable: "names an SVG image that librsvg cannot draw"
        }
    }
}

extension SVGProblem {
    /// Follows "names an SVG that" or "names an SVG whose line 3".
    public var english: String {
        switch self {
        case .doctype: "has a DOCTYPE (a DTD, entities or default attributes), which a logo does not need; save it as plain SVG"
        case .processingInstruction: "has a processing instruction, such as an outside stylesheet; save it as plain SVG"
        case let .tooManyElements(maximum): "is past \(maximum) elements; a logo needs far fewer"
        case let .tooDeep(maximum): "nests elements more than \(maximum) deep"
        case .xInclude: "includes another file (XInclude); use one that holds everything it draws"
        case .filter: "has a filter; filters are not drawn in logos: save it without"
        case .outsideReference: "refers to other files or web addresses (data: too); use one that holds everything it draws"
        case .code: "has a script or an event attribute (like onload); a logo runs no code: save it without"
        case .image: "has an embedded image; a logo is drawn from shapes and text: save it without images, or use a PNG logo"
        case .foreignObject: "has a foreignObject (HTML inside the SVG), which logos do not draw: save it without"
        case let .undrawnElement(name):
            "has an element\(name.map { " <\($0)>" } ?? "") that logos do not draw (animation, links, fonts); save it as plain shapes"
        case .styleEscape: "has an escape (\\) in its style; save it without"
        case let .badSize(maximumSide): "gives a width, height or viewBox that is not a size up to \(maximumSide) pixels; save it at logo size"
        case let .useLoop(maximumHops): "has <use> elements that draw what draws them, or more than \(maximumHops) deep; save it with plain shapes"
        case let .tooManyShapes(maximum): "draws more than \(maximum) shapes through its <use> elements; save it simpler"
        }
    }
}
