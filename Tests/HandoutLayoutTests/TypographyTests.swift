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
    #expect(Typography.standard.body.lineSpacing >= 1.15)
}
