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
