import Foundation
import HandoutCore
@testable import HandoutLayout
import Testing

/// Every notice prints in the fonts the setup installs, shaped as its own language inside an
/// English handout.
@Test func everyNoticeShapesWithNoMissingGlyph() {
    let shaper = TextShaper(language: "en")
    for (language, text) in LanguageNotices.bundled.notices {
        let shaped = shaper.shape([Span(text, bold: true, language: language)], style: Typography.standard.body, width: 400)
        #expect(shaped.unknownGlyphs == 0, "\(language)")
    }
}

/// Chinese glyph forms differ between Simplified and Traditional: fontconfig knows the two by
/// region, so each content tag must reach the matching Noto Sans CJK face first among the CJK
/// faces Pango falls back to (Noto Sans itself has no Han).
@Test(arguments: [("zh-Hans", "Noto Sans CJK SC"), ("zh-Hant", "Noto Sans CJK TC")])
func eachChineseScriptGetsItsOwnFace(tag: String, face: String) throws {
    let match = Process()
    match.executableURL = URL(fileURLWithPath: "/usr/bin/fc-match")
    match.arguments = ["--sort", "--format=%{family}\n", "\(Typography.fontFamily):lang=\(FontLanguage.fontconfigTag(tag))"]
    let output = Pipe()
    match.standardOutput = output
    try match.run()
    match.waitUntilExit()
    let families = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).split(separator: "\n")
    let firstCJK = families.first { $0.contains("CJK") }
    #expect(firstCJK?.split(separator: ",").contains { $0 == face } == true, "\(firstCJK ?? "no CJK face")")
    #expect(FontLanguage.fontconfigTag("es") == "es")
}

/// Korean lines break between words only (as Korean is written), never between the syllables
/// of one word, while a Latin word in the same handout still may break where it must.
@Test func koreanLinesBreakBetweenWordsOnly() {
    let text = "이번 진료에서는 척추 전문의나 통증 전문의를 만납니다. 이것을 상담 진료라고 합니다. 의사와 함께 어떤 방법이 맞는지 정할 수 있습니다."
    let words = Set(text.split(separator: " ").map(String.init))
    for width in stride(from: 120.0, through: 300, by: 30) {
        let lines = TextShaper(language: "ko").shape(text, style: Typography.standard.body, width: width).lines
        #expect(lines.count > 1)
        for line in lines { #expect(line.text.split(separator: " ").allSatisfy { words.contains(String($0)) }, "\(width): \(line.text)") }
    }
    #expect(TextShaper.hangulWords("가나 www.example.org 다") == [0..<6, 23..<26])
}
