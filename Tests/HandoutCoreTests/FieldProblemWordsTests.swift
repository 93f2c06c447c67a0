import Foundation
import HandoutCore
import Testing

/// Each problem in each table: English as the CLI has always said it, Spanish in Spanish, the
/// numbers and names it carries in both.
struct FieldProblemWordsTests {
    static let svgProblems: [SVGProblem] = [
        .doctype, .processingInstruction, .tooManyElements(maximum: 5000), .tooDeep(maximum: 64), .xInclude, .filter,
        .outsideReference, .code, .image, .foreignObject, .undrawnElement(name: "animate"), .undrawnElement(name: nil), .styleEscape,
        .badSize(maximumSide: 20000), .useLoop(maximumHops: 8), .tooManyShapes(maximum: 20000),
    ]

    static let logoProblems: [LogoProblem] = [
        .unreadable(reason: "No such file or directory"), .tooManyBytes(kilobytes: 1024), .neitherPNGNorSVG, .pngWithoutHeader,
        .pngTooLarge(maximumSide: 2048), .pngUndecodable(outOfMemory: true), .pngUndecodable(outOfMemory: false), .svgUnreadable,
        .svgNotWellFormed(line: 7), .svgRefusedByLibrsvg, .svgWithoutSize, .svgSizeOutOfRange(maximumSide: 20000), .svgUndrawable,
    ] + svgProblems.flatMap { [LogoProblem.svg($0, line: 3), .svg($0, line: nil)] }

    static let problems: [FieldProblem] = [
        .controlCharacter, .tooLong(limit: 40), .stackedMarks(maximum: 4), .notADate(pattern: nil),
        .notADate(pattern: "MM/dd/yyyy"), .notYearMonthDay, .inTheFuture, .tooOld(years: 130), .notAnEmail, .notAWebAddress, .notAPhone,
        .notALanguage, .notATopicID, .notText, .notAnObject, .notAJSONObject, .notAListOfTexts, .notTrueOrFalse,
        .unknownTopic, .noContentInLanguage("es", available: ["de", "en"]), .unknownFactor, .noFontCovers, .qrCodeNeedsWebsite,
        .logoAltMissing(logoKey: "logo"), .password(.empty), .password(.emptyFirstLine), .password(.tooLong(maximumBytes: 127)),
        .password(.controlCharacter),
    ] + logoProblems.map(FieldProblem.logo)

    @Test(arguments: problems)
    func everyProblemHasSpanishWordsOfItsOwn(_ problem: FieldProblem) {
        let english = problem.words(in: .english), spanish = problem.words(in: .spanish)
        #expect(!spanish.isEmpty && spanish != english)
        // What the problem carries (limits, lines, names) is said in both.
        for number in english.split(whereSeparator: { !$0.isNumber }) where english.contains(" \(number)") {
            #expect(spanish.contains(number), "\(spanish)")
        }
    }

    @Test func theEnglishIsTheCLIsWording() {
        #expect(FieldProblem.tooLong(limit: 40).english == "is longer than 40 characters")
        #expect(FieldProblem.notADate(pattern: "dd.MM.yyyy").english == "is not a real date in the form dd.MM.yyyy")
        #expect(FieldProblem.password(.emptyFirstLine).english == "is empty; the password is the file's first line")
        #expect(FieldProblem.logo(.svg(.undrawnElement(name: "animate"), line: 2)).english
            == "names an SVG whose line 2 has an element <animate> that logos do not draw (animation, links, fonts); save it as plain shapes")
        #expect(FieldProblem.logo(.svg(.tooManyShapes(maximum: 20000), line: nil)).english
            == "names an SVG that draws more than 20000 shapes through its <use> elements; save it simpler")
    }

    @Test func aProblemTravelsToARendererAndBackAsItself() throws {
        for problem in Self.problems {
            let error = InputError.invalidField(source: "p.csv:3", field: "givenName", problem: problem)
            #expect(try JSONDecoder().decode(InputError.self, from: JSONEncoder().encode(error)) == error)
        }
    }
}
