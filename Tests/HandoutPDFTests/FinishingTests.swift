import Foundation
import HandoutCore
@testable import HandoutLayout
@testable import HandoutPDF
import HandoutTestSupport
import Testing

@Test func cairosOutputIsReadBack() throws {
    let file = try CairoPDFFile(PDFDrawer.draw(Fixtures.twoPages(), metadata: Fixtures.metadata).bytes)
    let catalog = try #require(file.dictionary(file.root))
    #expect(catalog.text.contains(word: "/Type /Catalog"))
    #expect(file.dictionary(file.info) != nil)
    #expect(file.offsets.count > 10)
    #expect(file.offsets.keys.allSatisfy { $0 < file.size })
}

@Test(arguments: ["%PDF-1.5\n1 0 obj\n<< >>\nendobj\n", "trailer\n<< /Size 3 /Root 1 0 R /Info 2 0 R >>\nstartxref\n99999\n%%EOF\n"])
func aFileWithoutItsTrailerOrTableIsRefused(_ text: String) {
    #expect(throws: CairoPDFFile.ReadError.self) { try CairoPDFFile(Array(text.utf8)) }
}

@Test func amendingAnObjectThatIsNoDictionaryThrows() throws {
    let file = try CairoPDFFile(PDFDrawer.draw(Fixtures.twoPages(), metadata: Fixtures.metadata).bytes)
    var update = IncrementalUpdate(file)
    #expect(throws: CairoPDFFile.ReadError.self) { try update.amend(file.size + 5, adding: "/Lang (en)") }
    try update.amend(file.root, adding: "/Lang (en)")
    #expect(String(decoding: update.appended(id: "00"), as: UTF8.self).contains("/Lang (en)"))
}

/// Deflated data may end in a CR; CR LF before `endstream` keeps /Length exact for a reader
/// that takes the last CR LF for the end of line (PDF/A checkers do).
@Test func aStreamEndingInACarriageReturnKeepsItsLengthExact() throws {
    let file = try CairoPDFFile(PDFDrawer.draw(Fixtures.twoPages(), metadata: Fixtures.metadata).bytes)
    var update = IncrementalUpdate(file)
    let number = update.addStream([0x41, 0x0D], entries: "/Type /Test")
    let text = String(decoding: update.appended(id: "00"), as: UTF8.self)
    #expect(text.contains("\(number) 0 obj\n<< /Type /Test /Length 2 >>\nstream\nA\r\r\nendstream"))
}

@Test func theFinishedFileIsAValidUpdateWithWhatCairoCannotWrite() throws {
    let scratch = Scratch()
    let data = try PDFFinisher.finish(PDFDrawer.draw(Fixtures.twoPages(), metadata: Fixtures.metadata),
                                      metadata: Fixtures.metadata, kind: .standard)
    let path = scratch.write("finished.pdf", bytes: Array(data))
    let check = try CLI.run("qpdf", ["--check", path])
    #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    let json = try CLI.run("qpdf", ["--json=1", "--json-key=objects", path]).stdout
    for entry in ["\"/Lang\": \"es\"", "\"/DisplayDocTitle\": true", "\"/Tabs\": \"/S\"", "\"/Scope\": \"/Column\"",
                  "\"/CreationDate\": \"D:20260116000000Z\"", "\"/Title\": \"Spinal fusion (a comparison)\""] {
        #expect(json.contains(entry), "missing \(entry)")
    }
    #expect(json.contains("\"/Metadata\""))
}

@Test func sameInputSameBytes() throws {
    let pages = Fixtures.twoPages()
    let first = try PDFFinisher.finish(PDFDrawer.draw(pages, metadata: Fixtures.metadata), metadata: Fixtures.metadata, kind: .standard)
    let second = try PDFFinisher.finish(PDFDrawer.draw(pages, metadata: Fixtures.metadata), metadata: Fixtures.metadata, kind: .standard)
    #expect(first == second)
}

@Test func pdfStringsAreLiteralWhenPrintableASCIIElseUTF16() {
    #expect(PDFFinisher.pdfString("Riverside (North) \\ Clinic") == "(Riverside \\(North\\) \\\\ Clinic)")
    #expect(PDFFinisher.pdfString("") == "()")
    #expect(PDFFinisher.pdfString("Clínica") == "<FEFF0043006C00ED006E006900630061>")
    #expect(PDFFinisher.pdfString("a\nb") == "<FEFF0061000A0062>")
    #expect(PDFFinisher.pdfString("😀") == "<FEFFD83DDE00>")
}

@Test func xmpEscapesMarkup() {
    #expect(XMPMetadata.escape("<b> & \"x\"") == "&lt;b&gt; &amp; &quot;x&quot;")
    let packet = String(decoding: XMPMetadata.packet(Fixtures.metadata, archive: false), as: UTF8.self)
    #expect(packet.contains("<rdf:li>Riverside Spine &amp; Pain Clinic</rdf:li>"))
    #expect(packet.contains("<xmp:CreateDate>2026-01-16T00:00:00Z</xmp:CreateDate>"))
    #expect(packet.contains("<dc:language><rdf:Bag><rdf:li>es</rdf:li></rdf:Bag></dc:language>"))
}

@Test func everyCIDFontSaysItsGlyphsAreNumberedAsItsCIDs() throws {
    let scratch = Scratch()
    let pages = Fixtures.twoPages(firstLine: [Span("☑ Checked, ☐ not checked")])
    let data = try PDFFinisher.finish(PDFDrawer.draw(pages, metadata: Fixtures.metadata), metadata: Fixtures.metadata, kind: .standard)
    let fonts = try Fixtures.objects(in: scratch.write("cid.pdf", bytes: Array(data))).filter { $0["/Subtype"] as? String == "/CIDFontType2" }
    #expect(!fonts.isEmpty)
    for font in fonts {
        #expect(font["/CIDToGIDMap"] as? String == "/Identity", "\(font["/BaseFont"] ?? "?")")
    }
}

@Test func aLinkHoldsItsTextIsPrintedAndSaysWhatItDoes() throws {
    let scratch = Scratch()
    let phone = try #require(LinkTarget.telephone("(555) 555-0142")?.described(as: "Call the clinic at (555) 555-0142"))
    let web = try #require(LinkTarget.web("riverside-spine.example.org"))
    let text: RichText = [Span("Clinic phone: "), Span("(555) 555-0142", link: phone), Span(", web: "),
                          Span("riverside-spine.example.org", link: web), Span(".")]
    let pages = Fixtures.twoPages(firstLine: text)
    let drawn = try PDFDrawer.draw(pages, metadata: Fixtures.metadata)
    #expect(drawn.links == [LinkAnnotation(uri: "tel:5555550142", contents: "Call the clinic at (555) 555-0142"),
                            LinkAnnotation(uri: "https://riverside-spine.example.org", contents: "riverside-spine.example.org")])
    let path = scratch.write("links.pdf", bytes: Array(try PDFFinisher.finish(drawn, metadata: Fixtures.metadata, kind: .standard)))
    #expect(try PDFInspection.isClean(path))
    let annotations = try Fixtures.objects(in: path).filter { $0["/Subtype"] as? String == "/Link" }
    #expect(annotations.count == 2)
    for annotation in annotations {
        #expect(annotation["/F"] as? Int == 4)
        let uri = try #require((annotation["/A"] as? [String: Any])?["/URI"] as? String)
        #expect(annotation["/Contents"] as? String == (uri == "u:tel:5555550142" ? "u:Call the clinic at (555) 555-0142" : "u:riverside-spine.example.org"))
    }
    // Each Link element holds the text it covers and its annotation; the rest of the heading's
    // text is in Spans (Cairo 1.16 gives no marked content to an element with children).
    let tree = try CLI.run("pdfinfo", ["-struct-text", path]).stdout
    #expect(tree.components(separatedBy: "Link (inline)\n      Object ").count == 3, "\(tree)")
    let elements = tree.split(separator: "\n").filter { !$0.contains("Object ") }.joined(separator: "\n")
    #expect(elements.contains("""
      H1 (block)
        Span (inline)
          "Clinic phone: "
        Link (inline)
          "(555) 555-0142"
        Span (inline)
          ", web: "
        Link (inline)
          "riverside-spine.example.org"
        Span (inline)
          "."
    """), "\(elements)")
}

@Test func everythingCairoPaintsOutsideTheStructureTreeIsMarkedAsAnArtifact() throws {
    let scratch = Scratch()
    let data = try PDFFinisher.finish(PDFDrawer.draw(Fixtures.twoPages(), metadata: Fixtures.metadata), metadata: Fixtures.metadata, kind: .standard)
    let path = scratch.write("artifacts.pdf", bytes: Array(data))
    #expect(try PDFInspection.isClean(path))
    let contents = try Fixtures.pageContents(path)
    #expect(contents.count == 2)
    for (number, content) in contents.enumerated() {
        var depth = 0
        for operation in try ContentStreamArtifacts.operations(Array(content.utf8)) {
            if operation.name == "BDC" || operation.name == "BMC" { depth += 1 }
            if operation.name == "EMC" { depth -= 1 }
            #expect(depth > 0 || !ContentStreamArtifacts.painting.contains(operation.name), "page \(number + 1): \(operation.name) outside marked content")
        }
        let header = try #require(content.range(of: "/Artifact << /Type /Pagination /Subtype /Header /Attached [/Top] >> BDC"))
        let footer = try #require(content.range(of: "/Artifact << /Type /Pagination /Subtype /Footer /Attached [/Bottom] >> BDC"))
        #expect(content[header.upperBound...].hasPrefix("\n") && header.upperBound < footer.lowerBound)
    }
    #expect(contents[0].contains("/Artifact << /Type /Layout >> BDC"))
}

@Test func stretchesOutsideElementsAreWrappedWithoutCrossingASaveOrRestore() throws {
    let content = Array("q 0 0 1 rg BT (Header) Tj ET /P << /MCID 0 >> BDC BT (Text) Tj ET EMC 1 w 0 0 m 9 0 l S Q".utf8)
    let marked = try ContentStreamArtifacts.mark(content, as: [.header, .layout])
    #expect(String(decoding: marked, as: UTF8.self) == """
        q /Artifact << /Type /Pagination /Subtype /Header /Attached [/Top] >> BDC
        0 0 1 rg BT (Header) Tj ET
        EMC /P << /MCID 0 >> BDC BT (Text) Tj ET EMC /Artifact << /Type /Layout >> BDC
        1 w 0 0 m 9 0 l S
        EMC Q
        """)
    // A count that is not the drawing's: every stretch is decoration.
    #expect(String(decoding: try ContentStreamArtifacts.mark(content, as: [.header]), as: UTF8.self)
        .components(separatedBy: "/Artifact << /Type /Layout >> BDC").count == 3)
}

@Test func anElementThatDrawsNothingStillEndsAStretchOfDecoration() throws {
    let fill = DisplayItem.fill(Rect(x: 72, y: 100, width: 100, height: 20), Palette.tint)
    let pages = [Page(size: Paper.letter.size, header: [], footer: [], content: [fill, .beginTag(.paragraph), .endTag(.paragraph), fill])]
    let drawn = try PDFDrawer.draw(pages, metadata: Fixtures.metadata)
    #expect(drawn.artifacts == [[.layout, .layout]])
    _ = try PDFFinisher.finish(drawn, metadata: Fixtures.metadata, kind: .standard)
}

@Test func itemsThatPaintNothingNeverStopAHandout() throws {
    let shaper = TextShaper()
    let empty = DisplayItem.text(TextRun(shaped: shaper.shape("", style: Typography.standard.body, width: nil), lineIndex: 0, origin: Point(x: 72, y: 300)))
    let flat = DisplayItem.fill(Rect(x: 72, y: 100, width: 0, height: 20), Palette.tint)
    let rule = DisplayItem.line(from: Point(x: 72, y: 400), to: Point(x: 540, y: 400), Palette.rule, lineWidth: 0.75)
    for item in [empty, flat] {
        let content: [DisplayItem] = [.beginTag(.paragraph), .endTag(.paragraph), item, .beginTag(.paragraph), .endTag(.paragraph), rule]
        let drawn = try PDFDrawer.draw([Page(size: Paper.letter.size, header: [], footer: [], content: content)], metadata: Fixtures.metadata)
        #expect(drawn.artifacts == [[.layout, .layout]])
        let scratch = Scratch()
        let path = scratch.write("nothing.pdf", bytes: Array(try PDFFinisher.finish(drawn, metadata: Fixtures.metadata, kind: .standard)))
        #expect(try Fixtures.pageContents(path)[0].components(separatedBy: "/Artifact << /Type /Layout >> BDC").count == 2)
    }
}
