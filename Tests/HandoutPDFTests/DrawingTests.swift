import HandoutCore
@testable import HandoutLayout
@testable import HandoutPDF
import Testing

@Test func anElementThatRunsOnIsEndedAtThePageBottomAndBegunAgainAfterTheNextFurniture() {
    let order = PDFDrawer.drawingOrder(Fixtures.twoPages())
    #expect(Fixtures.tags(order[0]) == ["text", "+H1", "text", "-H1", "+Table", "+TR", "+TH", "text", "-TH", "-TR", "-Table",
                                        "+P", "text", "-P", "text"])
    #expect(Fixtures.tags(order[1]) == ["text", "+P", "text", "-P", "text"])
}

@Test func whatIsDrawnOutsideTheStructureTreeIsKnownAsHeaderFooterOrDecoration() {
    let pages = Fixtures.twoPages()
    let artifacts = zip(pages, PDFDrawer.drawingOrder(pages)).map { PDFDrawer.artifacts($1, header: $0.header.count, footer: $0.footer.count) }
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
    #expect(PDFDrawer.markings(items) == [.outside, .inText, .inText, .outside, .inParent, .inParent, .inParent, .inLeaf, .inLeaf, .inParent, .inParent])
    #expect(PDFDrawer.artifacts(items, header: 0, footer: 0) == [.layout])
}

@Test func everyPageOfALongHandoutHasBalancedTagsWithTheFurnitureOutside() throws {
    let pages = try LayoutEngine(paper: .letter, typography: .standard).layout(Fixtures.longDocument())
    #expect(pages.count >= 3)
    for (number, items) in PDFDrawer.drawingOrder(pages).enumerated() {
        var open: [String] = []
        for tag in Fixtures.tags(items) {
            if tag.hasPrefix("+") { open.append(String(tag.dropFirst())) }
            if tag.hasPrefix("-") { #expect(open.popLast() == String(tag.dropFirst()), "page \(number + 1): \(tag) closes another element") }
        }
        #expect(open.isEmpty, "page \(number + 1) leaves \(open) open")
        #expect(Fixtures.tags(items).first == "text", "page \(number + 1) does not start with its running header")
    }
}

@Test func rolesAreWrittenAsPDFStructureTypes() {
    let roles: [(StructureRole, String)] = [
        (.heading(level: 1), "H1"), (.heading(level: 2), "H2"), (.heading(level: 3), "H3"), (.paragraph, "P"),
        (.list, "L"), (.listItem, "LI"), (.label, "Lbl"), (.listBody, "LBody"), (.table, "Table"), (.tableRow, "TR"),
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
