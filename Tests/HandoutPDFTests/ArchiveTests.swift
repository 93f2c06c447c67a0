import Foundation
import HandoutCore
@testable import HandoutLayout
@testable import HandoutPDF
import HandoutTestSupport
import Testing

/// The archive part of the finishing pass (PDF/A-2a); the pinned validator runs on whole
/// handouts in HandoutCLITests (PDFUAValidatorTests).
@Suite struct ArchiveTests {
    let scratch = Scratch()

    /// An emoji is drawn as images (a colour glyph and its mask), with stream lengths that are objects of their own.
    func finished(_ kind: PDFKind) throws -> String {
        let pages = Fixtures.twoPages(firstLine: [Span("Title 😀")])
        let data = try PDFFinisher.finish(PDFDrawer.draw(pages, metadata: Fixtures.metadata), metadata: Fixtures.metadata, kind: kind)
        return scratch.write("finished.pdf", bytes: Array(data))
    }

    @Test func anArchiveNamesItsSRGBOutputIntentAndInterpolatesNoImage() throws {
        let path = try finished(.archive(try OutputIntent.sRGB()))
        #expect(try PDFInspection.isClean(path))
        let objects = try Fixtures.objects(in: path)
        let catalog = try #require(objects.first { $0["/Type"] as? String == "/Catalog" })
        let intents = try #require(catalog["/OutputIntents"] as? [[String: Any]])
        #expect(intents.count == 1)
        #expect(intents.first?["/S"] as? String == "/GTS_PDFA1")
        #expect(intents.first?["/OutputConditionIdentifier"] as? String == "u:sRGB IEC61966-2.1")
        #expect(intents.first?["/DestOutputProfile"] is String)
        #expect(objects.filter { $0["/N"] as? Int == 3 }.count == 1)
        let images = objects.filter { $0["/Subtype"] as? String == "/Image" }
        #expect(!images.isEmpty)
        #expect(images.allSatisfy { $0["/Interpolate"] as? Bool == false })
    }

    @Test func aStandardHandoutStaysAsItWas() throws {
        let path = try finished(.standard)
        let objects = try Fixtures.objects(in: path)
        #expect(objects.first { $0["/Type"] as? String == "/Catalog" }?["/OutputIntents"] == nil)
        #expect(objects.filter { $0["/Subtype"] as? String == "/Image" }.allSatisfy { $0["/Interpolate"] as? Bool == true })
    }

    @Test func theArchiveXMPIdentifiesPDFA2aAndDeclaresThePDFUASchema() {
        let packet = String(decoding: XMPMetadata.packet(Fixtures.metadata, archive: true), as: UTF8.self)
        #expect(packet.contains("<pdfaid:part>2</pdfaid:part>") && packet.contains("<pdfaid:conformance>A</pdfaid:conformance>"))
        #expect(packet.contains("<pdfuaid:part>1</pdfuaid:part>"))
        #expect(packet.contains("<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>"))
        #expect(XMPMetadata.packet(Fixtures.metadata, archive: false).range(of: Data("pdfaid".utf8)) == nil)
    }

    @Test func aMissingProfileNamesWhereItLookedAndWhatToInstall() throws {
        let missing = scratch.path + "/no-such.icc"
        let none = #expect(throws: PDFError.self) { try OutputIntent.load(from: [missing]) }
        #expect(none?.errorDescription?.contains(missing) == true && none?.errorDescription?.contains("icc-profiles-free") == true)
        let notAProfile = scratch.write("text.icc", String(repeating: "not an ICC profile ", count: 10))
        let wrong = #expect(throws: PDFError.self) { try OutputIntent.load(from: [missing, notAProfile]) }
        #expect(wrong?.errorDescription?.contains("\(notAProfile) is not an RGB ICC profile") == true)
    }

    @Test func aStreamLengthObjectIsNoDictionary() throws {
        let file = try CairoPDFFile(PDFDrawer.draw(Fixtures.twoPages(firstLine: [Span("😀")]), metadata: Fixtures.metadata).bytes)
        // "50 0 obj\n   90\nendobj": Cairo writes the next object right after it.
        let lengths = file.offsets.filter { _, offset in
            file.bytes[offset...].split(separator: UInt8(ascii: "\n"), maxSplits: 2).dropFirst().first
                .map { Int(String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespaces)) != nil } ?? false
        }.keys
        #expect(!lengths.isEmpty)
        for number in lengths {
            #expect(file.dictionary(number) == nil, "object \(number)")
        }
    }
}
