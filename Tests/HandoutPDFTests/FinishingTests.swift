import Foundation
import HandoutCore
@testable import HandoutPDF
import HandoutTestSupport
import Testing

@Test func cairosOutputIsReadBack() throws {
    let file = try CairoPDFFile(PDFDrawer.draw(Fixtures.twoPages(), metadata: Fixtures.metadata))
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
    let file = try CairoPDFFile(PDFDrawer.draw(Fixtures.twoPages(), metadata: Fixtures.metadata))
    var update = IncrementalUpdate(file)
    #expect(throws: CairoPDFFile.ReadError.self) { try update.amend(file.size + 5, adding: "/Lang (en)") }
    try update.amend(file.root, adding: "/Lang (en)")
    #expect(String(decoding: update.appended(id: "00"), as: UTF8.self).contains("/Lang (en)"))
}

@Test func theFinishedFileIsAValidUpdateWithWhatCairoCannotWrite() throws {
    let scratch = Scratch()
    let data = try PDFFinisher.finish(PDFDrawer.draw(Fixtures.twoPages(), metadata: Fixtures.metadata),
                                      metadata: Fixtures.metadata, password: nil)
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
    let first = try PDFFinisher.finish(PDFDrawer.draw(pages, metadata: Fixtures.metadata), metadata: Fixtures.metadata, password: nil)
    let second = try PDFFinisher.finish(PDFDrawer.draw(pages, metadata: Fixtures.metadata), metadata: Fixtures.metadata, password: nil)
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
    let packet = String(decoding: XMPMetadata.packet(Fixtures.metadata), as: UTF8.self)
    #expect(packet.contains("<rdf:li>Riverside Spine &amp; Pain Clinic</rdf:li>"))
    #expect(packet.contains("<xmp:CreateDate>2026-01-16T00:00:00Z</xmp:CreateDate>"))
    #expect(packet.contains("<dc:language><rdf:Bag><rdf:li>es</rdf:li></rdf:Bag></dc:language>"))
}
