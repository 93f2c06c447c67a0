import Foundation
import HandoutCore
import HandoutLayout
import HandoutTestSupport
import Testing

/// The clinic's logo in the masthead, the QR code for its website, the printed-on date: on the
/// display list, drawn from real PNG and SVG files through Cairo and librsvg.
@Suite struct ClinicIdentityTests {
    let scratch = Scratch()

    func logo(_ name: String, _ bytes: [UInt8], alt: String = "Riverside logo") throws -> ClinicLogo {
        try ClinicLogo.read(path: scratch.write(name, bytes: bytes), alt: alt, source: "clinic.json", field: "logo", altField: "logoAlt")
    }

    func pages(_ clinic: Clinic, typography: Typography = .standard) throws -> [Page] {
        var patient = Fixtures.patient()
        patient.clinic = clinic
        return try Fixtures.layout(try Fixtures.document(patient), typography: typography).1
    }

    /// What page 1 draws inside the first Figure, the Figure's alt text, and the clinic name's line.
    func masthead(_ pages: [Page]) throws -> (alt: String, drawn: [DisplayItem], name: TextRun) {
        let items = try #require(pages.first).content
        guard case let .beginTag(.figure(alt)) = items.first else { throw Failure("page 1 does not start with a Figure: \(items.prefix(2))") }
        let end = try #require(items.firstIndex { if case .endTag(.figure) = $0 { return true } else { return false } })
        let name = try #require(pages[0].textRuns.first { $0.text == Fixtures.clinic.name })
        return (alt, Array(items[1..<end]), name)
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    @Test(arguments: [Typography.standard, .largePrint])
    func anSVGLogoStandsLeftOfTheClinicNameAtMostTwoLinesHighItsAspectKept(typography: Typography) throws {
        var clinic = Fixtures.clinic
        clinic.logo = try logo("logo.svg", Array(TestImages.exampleSVG.utf8))
        let (alt, drawn, name) = try masthead(try pages(clinic, typography: typography))
        #expect(alt == "Riverside logo")
        guard drawn.count == 1, case let .image(picture, rect) = drawn[0] else { Issue.record("not one image: \(drawn)"); return }
        #expect(picture.size == Size(width: 96, height: 96))
        #expect(abs(rect.width - rect.height) < 0.001)
        #expect(rect.height <= typography.body.size * typography.body.lineSpacing * 2 + 0.001 && rect.height >= typography.body.size * 2)
        #expect(name.bounds.x >= rect.maxX + typography.body.size - 0.001)
        // Level with the logo: the name's middle within the logo's height.
        #expect(name.bounds.y + name.bounds.height / 2 > rect.y && name.bounds.y + name.bounds.height / 2 < rect.maxY)
    }

    @Test func aWidePNGLogoIsNarrowedToAThirdOfTheLineItsAspectKept() throws {
        var clinic = Fixtures.clinic
        clinic.logo = try logo("wide.png", TestImages.png(width: 1600, height: 100))
        let pages = try pages(clinic)
        let (_, drawn, _) = try masthead(pages)
        guard case let .image(picture, rect) = drawn.first else { Issue.record("no image: \(drawn)"); return }
        #expect(picture.size == Size(width: 1600, height: 100))
        let third = PageFrame(paper: .letter, typography: .standard).content.width / 3
        #expect(abs(rect.width - third) < 0.001 && abs(rect.width / rect.height - 16) < 0.001)
    }

    @Test func withoutALogoThePageStartsWithTheClinicName() throws {
        let first = try #require(try pages(Fixtures.clinic).first)
        guard case .beginTag(.paragraph) = first.content.first else { Issue.record("\(first.content.prefix(2))"); return }
        #expect(!first.content.contains { if case .image = $0 { return true } else { return false } })
    }

    @Test(arguments: [("cut-short", 60), ("no-image-data", 33)])
    func aDamagedPNGIsRefusedNamingTheFileAndFieldNeverDrawn(name: String, keep: Int) throws {
        let png = TestImages.png(width: 64, height: 64)
        let damaged = try logo("\(name).png", Array(png.prefix(keep)))
        let error = #expect(throws: InputError.self) { try Picture(damaged) }
        #expect(error?.errorDescription == "clinic.json: field 'logo' names a PNG image that cannot be read: it is damaged or cut short")
    }

    @Test(arguments: [
        (#"<svg xmlns="http://www.w3.org/2000/svg"><rect width="5" height="5"/></svg>"#,
         "names an SVG image without a size: give its <svg> element a width and height or a viewBox"),
        // Refused already as the file is read, before librsvg sees it:
        (#"<svg xmlns="http://www.w3.org/2000/svg" width="900000" height="10"/>"#,
         "names an SVG whose line 1 gives a width, height or viewBox that is not a size up to 20000 pixels; save it at logo size"),
        (#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect"#, "names an SVG image that is not well-formed XML (near line 1)"),
    ])
    func anSVGWithoutAUsableSizeOrNotWellFormedIsRefused(svg: String, problem: String) throws {
        let error = #expect(throws: InputError.self) { try Picture(try logo("bad.svg", Array(svg.utf8))) }
        #expect(error?.errorDescription == "clinic.json: field 'logo' \(problem)")
    }

    @Test func anSVGWithOnlyAViewBoxTakesItsSizeFromIt() throws {
        let picture = try Picture(try logo("box.svg", Array(#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 30 10"><rect width="30" height="10"/></svg>"#.utf8)))
        #expect(picture.size == Size(width: 30, height: 10))
    }

    @Test func theQRCodeIsAFigureOfFilledModulesWithTheAddressUnderItBeforeTheSources() throws {
        var clinic = Fixtures.clinic
        clinic.showsQRCode = true
        let pages = try pages(clinic)
        let items = pages.flatMap(\.content)
        let begin = try #require(items.firstIndex { if case .beginTag(.figure) = $0 { return true } else { return false } })
        guard case let .beginTag(.figure(alt)) = items[begin], case let .fills(modules, _) = items[begin + 1],
              case .endTag(.figure) = items[begin + 2], case .beginTag(.paragraph) = items[begin + 3],
              case let .text(caption) = items[begin + 4], case let .text(address) = items[begin + 5],
              case .endTag(.paragraph) = items[begin + 6] else { Issue.record("\(items[begin...].prefix(7))"); return }
        #expect(alt.unicodeScalars.filter { $0.value != 0x2068 && $0.value != 0x2069 }.map(String.init).joined() == "QR code for spine.example.org")
        // What the code is for, then the address: one paragraph, read as text.
        #expect(caption.text == "Scan to open our website")
        #expect(address.text == "spine.example.org" && address.line.links.first?.target.uri == "https://spine.example.org")
        let left = modules.map(\.x).min()!, right = modules.map(\.maxX).max()!
        let top = modules.map(\.y).min()!, bottom = modules.map(\.maxY).max()!
        // Square, at least an inch, the caption under it, and the Sources heading after it.
        #expect(abs((right - left) - (bottom - top)) < 0.001 && right - left >= 72)
        #expect(caption.bounds.y >= bottom)
        let sources = try #require(items[begin...].firstIndex { if case let .text(run) = $0 { return run.text == "Sources" } else { return false } })
        #expect(!items[(begin + 6)..<sources].contains { if case .fills = $0 { return true } else { return false } })
        #expect(!pages.flatMap(\.content).contains { if case .image = $0 { return true } else { return false } })
    }

    /// "Printed" and its date on one line, and the footer inside the printable area, for the
    /// longest footer the example gives (Spanish) in every size.
    @Test(arguments: [Typography.standard, .largePrint], [Paper.letter, .a4])
    func theFooterOfEveryPageSaysWhenItWasPrintedOnOneLineInsideThePage(typography: Typography, paper: Paper) throws {
        for (language, printed) in [("en", "Printed January 16, 2026"), ("es", "Impreso el 16 de enero de 2026")] {
            let composer = Composer(comparison: try ContentLoader.builtIn(language: language), strings: try ContentLoader.strings(language: language),
                                    defaultClinic: nil, date: CalendarDate(year: 2026, month: 1, day: 16)!,
                                    printedOn: CalendarDate(year: 2026, month: 1, day: 16)!)
            let document = try composer.compose(Fixtures.patient(), source: "t")
            let (engine, pages) = try Fixtures.layout(document, paper: paper, typography: typography)
            for page in pages {
                let lines = page.footer.compactMap { if case let .text(run) = $0 { return run } else { return nil } }
                #expect(lines.contains { $0.text.unicodeScalars.filter { $0.value != 0x2068 && $0.value != 0x2069 }.map(String.init).joined().contains(printed) })
                #expect(lines.allSatisfy { engine.frame(for: document).printable.contains($0.bounds) }, "\(language): \(lines.map(\.text))")
            }
        }
    }
}
