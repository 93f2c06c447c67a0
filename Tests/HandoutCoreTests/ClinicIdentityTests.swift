import Foundation
import Testing
@testable import HandoutCore

/// A folder with a clinic file and the images it names, removed at the end.
private final class ClinicFolder {
    let path = NSTemporaryDirectory() + "handout-identity-\(UUID().uuidString)"

    init() {
        try! FileManager.default.createDirectory(atPath: path + "/art", withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) -> String {
        let file = path + "/" + name
        try! Data(bytes).write(to: URL(fileURLWithPath: file))
        return file
    }

    /// A clinic file with `extra` JSON members after the name and phone.
    func clinic(_ extra: String) -> String {
        write("clinic.json", Array(#"{"name": "Spine Clinic", "phone": "(555) 555-0100", "website": "https://spine.example.org"\#(extra)}"#.utf8))
    }
}

private let svg = ##"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="#123"/></svg>"##

/// The start of a PNG file: signature and an IHDR chunk of the given size (the CRC is not checked here).
private func pngHeader(width: UInt32, height: UInt32) -> [UInt8] {
    func bytes(_ value: UInt32) -> [UInt8] { [24, 16, 8, 0].map { UInt8((value >> $0) & 0xFF) } }
    return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + bytes(13) + Array("IHDR".utf8) + bytes(width) + bytes(height) + [8, 2, 0, 0, 0, 0, 0, 0, 0]
}

@Test func aClinicFileNamesItsLogoFromItsOwnFolder() throws {
    let folder = ClinicFolder()
    folder.write("art/logo.svg", Array(svg.utf8))
    let path = folder.clinic(#", "logo": "art/logo.svg", "logoAlt": "Spine Clinic logo", "qrCode": true"#)
    let clinic = try ClinicJSON.load(path: path)
    #expect(clinic.logo?.format == .svg)
    #expect(clinic.logo?.bytes == Data(svg.utf8))
    #expect(clinic.logo?.alt == "Spine Clinic logo")
    #expect(clinic.showsQRCode)
    #expect(try ClinicJSON.load(path: folder.clinic("")).logo == nil)
}

@Test func aLogoWithoutAltTextIsRefusedNamingTheFileAndTheField() throws {
    let folder = ClinicFolder()
    folder.write("logo.svg", Array(svg.utf8))
    for alt in ["", #", "logoAlt": "  ""#] {
        let path = folder.clinic(#", "logo": "logo.svg""# + alt)
        #expect(throws: InputError.invalidField(source: path, field: "logoAlt", problem: .logoAltMissing(logoKey: "logo"))) {
            try ClinicJSON.load(path: path)
        }
    }
}

/// Each unusable file by its name, so that a failure does not print its bytes.
private let unusable: [String: [UInt8]] = [
    "text": Array("just some words".utf8),
    "huge-png": pngHeader(width: 100_000, height: 10),
    "empty-png": pngHeader(width: 0, height: 0),
    "headless-png": Array(pngHeader(width: 10, height: 10).prefix(12)),
    "too-big": Array(repeating: UInt8(ascii: " "), count: ClinicLogo.maximumBytes + 1),
    "external-href": Array(#"<svg><use href="file:///etc/passwd"/></svg>"#.utf8),
    "external-xlink": Array(#"<svg><use xlink:href = 'other.svg#a'/></svg>"#.utf8),
    "external-style": Array(#"<svg><rect style="fill: url( 'https://evil.example/p' )"/></svg>"#.utf8),
    "import": Array(#"<svg><style>@import "https://evil.example/a.css";</style></svg>"#.utf8),
    "entities": Array(#"<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg>&a;</svg>"#.utf8),
]

private let outside = "names an SVG whose line 1 refers to other files or web addresses (data: too); use one that holds everything it draws"

@Test(arguments: [
    ("missing", "names an image that cannot be read (No such file or directory)"),
    ("text", "names a file that is neither a PNG nor an SVG image"),
    ("huge-png", "names a PNG image larger than 2048 pixels on a side, or with no size"),
    ("empty-png", "names a PNG image larger than 2048 pixels on a side, or with no size"),
    ("headless-png", "names a PNG file that is damaged (no image header)"),
    ("too-big", "names an image larger than 1024 KB; a logo needs far less"),
    ("external-href", outside), ("external-xlink", outside), ("external-style", outside), ("import", outside),
    ("entities", "names an SVG that has a DOCTYPE (a DTD, entities or default attributes), which a logo does not need; save it as plain SVG"),
])
func anUnusableLogoIsRefusedNamingTheFileAndTheField(name: String, problem: String) throws {
    let folder = ClinicFolder()
    if let bytes = unusable[name] { folder.write("logo.img", bytes) }
    let path = folder.clinic(#", "logo": "logo.img", "logoAlt": "Logo""#)
    let error = #expect(throws: InputError.self) { try ClinicJSON.load(path: path) }
    #expect(error?.errorDescription == "\(path): field 'logo' \(problem)")
}

@Test func anSVGMayReferToItsOwnParts() throws {
    let folder = ClinicFolder()
    let own = ##"<svg width="10" height="10"><defs><linearGradient id="g"/></defs><rect fill="url(#g)"/><use href="#g"/></svg>"##
    folder.write("logo.svg", Array(own.utf8))
    #expect(try ClinicJSON.load(path: folder.clinic(#", "logo": "logo.svg", "logoAlt": "Logo""#)).logo?.format == .svg)
}

@Test func aQRCodeNeedsTheWebsiteItOpensAndATrueOrFalse() throws {
    let folder = ClinicFolder()
    let noWebsite = folder.write("c.json", Array(#"{"name": "C", "phone": "(555) 555-0100", "qrCode": true}"#.utf8))
    #expect(throws: InputError.invalidField(source: noWebsite, field: "qrCode", problem: .qrCodeNeedsWebsite)) {
        try ClinicJSON.load(path: noWebsite)
    }
    let notAFlag = folder.clinic(#", "qrCode": "yes""#)
    #expect(throws: InputError.invalidField(source: notAFlag, field: "qrCode", problem: .notTrueOrFalse)) { try ClinicJSON.load(path: notAFlag) }
    let notText = folder.clinic(#", "logo": 7"#)
    #expect(throws: InputError.invalidField(source: notText, field: "logo", problem: .notText)) { try ClinicJSON.load(path: notText) }
}

private func document(language: String = "en", clinic: Clinic, printed: Bool = true) throws -> Document {
    let day = CalendarDate(year: 2026, month: 12, day: 1)!
    let composer = Composer(comparison: try ContentLoader.builtIn(language: language), strings: try ContentLoader.strings(language: language),
                            defaultClinic: clinic, date: day, printedOn: printed ? day : nil)
    let patient = PatientProfile(id: "7", givenName: "Ana", familyName: "Ruiz", birthDate: CalendarDate(year: 1960, month: 3, day: 6)!)
    return try composer.compose(patient, source: "t")
}

private func unisolated(_ text: String) -> String {
    String(text.unicodeScalars.filter { $0 != "\u{2068}" && $0 != "\u{2069}" })
}

@Test(arguments: [("en", "Printed December 1, 2026"), ("es", "Impreso el 1 de diciembre de 2026")])
func theFooterSaysWhenTheHandoutWasPrintedInTheLanguagesDateStyle(language: String, printed: String) throws {
    let footer = try document(language: language, clinic: Clinic(name: "C", phone: "(555) 555-0100")).footer
    #expect(footer.map(unisolated).last == printed)
}

/// Without a day the run gives, the footer says nothing of printing rather than a wrong day.
@Test func withoutARunDateTheFooterClaimsNoPrintingDay() throws {
    let footer = try document(clinic: Clinic(name: "C", phone: "(555) 555-0100"), printed: false).footer
    #expect(!footer.contains { $0.contains("Printed") })
}

@Test func theLogoGoesIntoTheMastheadAndTheQRCodeRightBeforeTheSources() throws {
    let logo = ClinicLogo(bytes: Data(svg.utf8), format: .svg, alt: "C logo", source: "c.json", field: "logo", altField: "logoAlt")
    let clinic = Clinic(name: "C", phone: "(555) 555-0100", website: "spine.example.org/care/", logo: logo, showsQRCode: true)
    let blocks = try document(clinic: clinic).blocks
    guard case let .masthead(_, _, shown) = blocks.first else { Issue.record("no masthead first"); return }
    #expect(shown == logo)
    let code = try #require(blocks.firstIndex { if case .qrCode = $0 { return true } else { return false } })
    guard case let .qrCode(target, alt, caption, address) = blocks[code] else { return }
    #expect(target == "https://spine.example.org/care/")
    #expect(unisolated(alt) == "QR code for spine.example.org/care")
    #expect(caption == "Scan to open our website")
    #expect(address.map(\.text).joined() == "spine.example.org/care")
    #expect(address.first?.link?.uri == "https://spine.example.org/care/")
    #expect(blocks[code + 1] == .heading(level: 2, text: "Sources"))

    var plain = clinic
    plain.showsQRCode = false
    #expect(!(try document(clinic: plain).blocks.contains { if case .qrCode = $0 { return true } else { return false } }))
}
