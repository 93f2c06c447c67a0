import HandoutCore
@testable import HandoutLayout
@testable import HandoutPDF
import Testing

@Test func anElementThatRunsOnStaysOneElementWithItsTextInASpanPerPage() {
    let steps = PDFDrawer.drawingSteps(Fixtures.twoPages())
    #expect(Fixtures.tags(steps[0]) == ["text", "+H1", "text", "-H1", "+Table", "+TR", "+TH", "text", "-TH", "-TR", "-Table",
                                        "+P", "+Span", "text", "-Span", "text"])
    #expect(Fixtures.tags(steps[1]) == ["text", "+Span", "text", "-Span", "-P", "text"])
}

@Test func whatIsDrawnOutsideTheStructureTreeIsKnownAsHeaderFooterOrDecoration() {
    let artifacts = PDFDrawer.drawingSteps(Fixtures.twoPages()).map(PDFDrawer.artifacts)
    // Page 2's fill comes right before its footer: one stretch of the content stream, furniture.
    #expect(artifacts == [[.header, .layout, .footer], [.header, .footer]])
}

@Test func textBesideALinkGoesIntoSpansAndARepeatedHeaderRowIsDecoration() throws {
    let shaper = TextShaper()
    let link = try #require(LinkTarget.web("example.org"))
    let linked = shaper.shape([Span("See "), Span("example.org", link: link)], style: Typography.standard.body, width: nil)
    let plain = shaper.shape("Column", style: Typography.standard.body, width: nil)
    let items: [DisplayItem] = [
        .beginTag(.paragraph), .text(TextRun(shaped: linked, lineIndex: 0, origin: Point(x: 72, y: 100))), .endTag(.paragraph),
        .beginTag(.table), .text(TextRun(shaped: plain, lineIndex: 0, origin: Point(x: 72, y: 140))),
        .beginTag(.tableRow), .beginTag(.tableCell), .text(TextRun(shaped: plain, lineIndex: 0, origin: Point(x: 72, y: 160))),
        .endTag(.tableCell), .endTag(.tableRow), .endTag(.table),
    ]
    let steps = PDFDrawer.drawingSteps([Page(size: Paper.letter.size, header: [], footer: [], content: items)])[0]
    let markings = steps.map { step -> PDFDrawer.Marking? in if case let .item(_, marking) = step { marking } else { nil } }
    #expect(markings == [.inText, .inText, .inText, .inParent, .inParent, .inParent, .inLeaf, .inLeaf, .inLeaf, .inParent, .inParent])
    #expect(PDFDrawer.artifacts(steps) == [.layout])
}

@Test func everyElementOfALongHandoutIsBegunOnceAndEndedOnceWithTheFurnitureOutside() throws {
    let pages = try LayoutEngine(paper: .letter, typography: .standard).layout(Fixtures.longDocument())
    #expect(pages.count >= 3)
    var open: [String] = []
    var begun: [String: Int] = [:]
    for (number, steps) in PDFDrawer.drawingSteps(pages).enumerated() {
        let tags = Fixtures.tags(steps)
        #expect(tags.first == "text", "page \(number + 1) does not start with its running header")
        #expect(tags.last == "text", "page \(number + 1) does not end with its footer")
        for tag in tags {
            if tag.hasPrefix("+") {
                open.append(String(tag.dropFirst()))
                begun[String(tag.dropFirst()), default: 0] += 1
            }
            if tag.hasPrefix("-") { #expect(open.popLast() == String(tag.dropFirst()), "page \(number + 1): \(tag) closes another element") }
        }
        #expect(!open.contains("Span"), "page \(number + 1) leaves a Span open")
    }
    #expect(open.isEmpty)
    // One title, one long paragraph, one table however many pages they cover.
    #expect(begun["Table"] == 1 && begun["P"] == 1 && begun["THead"] == 1 && begun["TBody"] == 1)
    #expect(begun["TH"] == 2 && begun["TR"] == 61)
}

@Test func rolesAreWrittenAsPDFStructureTypes() {
    let roles: [(StructureRole, String)] = [
        (.heading(level: 1), "H1"), (.heading(level: 2), "H2"), (.heading(level: 3), "H3"), (.paragraph, "P"),
        (.list, "L"), (.listItem, "LI"), (.label, "Lbl"), (.listBody, "LBody"), (.table, "Table"), (.tableHead, "THead"),
        (.tableBody, "TBody"), (.tableRow, "TR"),
        (.tableHeader, "TH"), (.tableCell, "TD"), (.caption, "Caption"), (.division, "Div"),
    ]
    for (role, type) in roles {
        #expect(role.pdfStructureType == type)
    }
}

@Test func aWriteErrorFailsTheDocument() {
    #expect {
        try PDFDrawer.draw(Fixtures.twoPages(), metadata: Fixtures.metadata, maximumBytes: 1000)
    } throws: { error in
        guard case let PDFError.cairo(message)? = error as? PDFError else { return false }
        return message.contains("writing")
    }
}
