import HandoutCore
import HandoutLayout
import Testing

@Test func everyTextColorHasAtLeastFourAndAHalfToOneContrast() {
    for text in [Palette.text, Palette.accent, Palette.muted, Palette.link] {
        #expect(text.contrast(with: Palette.white) >= 4.5)
        #expect(text.contrast(with: Palette.tint) >= 4.5)
    }
}

@Test func bodyTextIsTwelvePointOrEighteenInLargePrint() {
    #expect(Typography.standard.body.size == 12)
    #expect(Typography.largePrint.body.size == 18)
    #expect(Typography.largePrint.section.size == 22 && Typography.largePrint.subsection.size == 20)
    // Baselines at least 1.5 em apart (WCAG 1.4.12): Noto Sans's own line is 1.36 em.
    #expect(Typography.standard.body.lineSpacing * 1.36 >= 1.49 && Typography.largePrint.body.lineSpacing * 1.36 >= 1.49)
}

/// A link broken over two lines is two links to a screen reader: it moves whole to the next
/// line when it fits there, and breaks only when it is longer than a line (never overflowing).
@Test func aLinkStaysOnOneLineUnlessItIsLongerThanALine() throws {
    let shaper = TextShaper()
    let link = try #require(LinkTarget.web("https://medlineplus.gov/ency/article/002968.htm"))
    // At every width that holds the link on one line, wherever the sentence before it ends.
    for width in stride(from: 260.0, through: 460, by: 10) {
        let fits = shaper.shape([Span("MedlinePlus, U.S. National Library of Medicine. Spinal fusion. "),
                                 Span("medlineplus.gov/ency/article/002968.htm", link: link)], style: Typography.standard.body, width: width)
        #expect(fits.lines.filter { !$0.links.isEmpty }.count == 1, "width \(width)")
        #expect(fits.lines.allSatisfy { $0.x + $0.width <= width + 0.01 })
    }
    let long = String(repeating: "medlineplus.gov/ency/article/", count: 6)
    let tooLong = shaper.shape([Span("See "), Span(long, link: link)], style: Typography.standard.body, width: 300)
    #expect(tooLong.lines.filter { !$0.links.isEmpty }.count > 1)
    #expect(tooLong.lines.allSatisfy { $0.x + $0.width <= 300.01 })
}
