import Foundation
import Testing
@testable import HandoutCore

@Test func builtInContentHasEveryPartTheHandoutNeeds() throws {
    let content = try ContentLoader.builtIn(language: "en")
    #expect((3...4).contains(content.summary.count))
    #expect(!content.questions.isEmpty && !content.sources.isEmpty && !content.disclaimer.isEmpty)
    #expect(CalendarDate(iso: content.reviewed) != nil)
    let blocks = content.sections.flatMap(\.blocks)
    let tables = blocks.compactMap { if case let .table(table) = $0 { return table } else { return nil } }
    #expect(tables.count == 1)
    #expect(tables.first?.columns.count == 3)
    #expect(tables.first?.rows.count == 4)
    let lists = blocks.compactMap { if case let .twoLists(left, right) = $0 { return (left, right) } else { return nil } }
    #expect(lists.count == 1)
    #expect(lists.first?.0.items.count == 4 && lists.first?.1.items.count == 4)
    let options = blocks.compactMap { if case let .options(options) = $0 { return options } else { return nil } }
    #expect(options.first?.count == 3)
    #expect(Set(content.factorIDs) == ["instability", "severe-arthritis", "osteoporosis", "deformity",
                                       "younger-age", "single-level-disc-disease", "good-alignment"])
}

@Test func everyLocaleHasEveryString() throws {
    let languages = ContentLoader.localeLanguages()
    #expect(languages == ["ar", "en", "es", "fr", "ht", "ko", "pt", "ru", "tl", "vi", "zh-Hans", "zh-Hant"])
    #expect(languages == ContentLoader.builtInLanguages())
    for language in languages {
        let strings = try ContentLoader.strings(language: language)
        for key in StringKey.allCases { #expect(!strings[key].isEmpty, "\(language): \(key)") }
    }
}

@Test func aContentFileWithARaggedTableIsRefused() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("ragged-\(UUID()).yaml").path
    let yaml = """
    id: x
    language: en
    title: T
    subject: S
    keywords: []
    version: "1"
    reviewed: "2026-01-01"
    summary: []
    sections:
      - heading: H
        blocks:
          - table:
              columns: [A, B]
              rows:
                - [a]
    questions: []
    sources: []
    disclaimer: D
    """
    try yaml.write(toFile: path, atomically: true, encoding: .utf8)
    #expect(throws: InputError.self) { try ContentLoader.comparison(at: path) }
}

@Test func aContentFileWithAMissingKeyNamesIt() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("missing-\(UUID()).yaml").path
    try "id: x\nlanguage: en\n".write(toFile: path, atomically: true, encoding: .utf8)
    do {
        _ = try ContentLoader.comparison(at: path)
        Issue.record("expected an error")
    } catch {
        #expect(error.errorDescription?.contains("title") == true)
    }
}

@Test func theEnglishHandoutReadsAtGradeSevenOrBelow() throws {
    let content = try ContentLoader.builtIn(language: "en")
    let check = PlainLanguageCheck()
    #expect(check.pieces(of: content).count > 30)
    #expect(check.findings(in: content).isEmpty, "\(check.findings(in: content))")
    #expect(Readability.score(items: check.pieces(of: content).map(\.text)).fleschKincaidGrade <= 6)
}

@Test func theSpanishHandoutHasNoOverlongSentence() throws {
    #expect(PlainLanguageCheck().findings(in: try ContentLoader.builtIn(language: "es")).isEmpty)
}

@Test func hardTextIsFoundAndPlaced() throws {
    var content = try ContentLoader.builtIn(language: "en")
    content.summary[1] = "Arthrodesis necessitates comprehensive preoperative radiological evaluation, considering multifactorial comorbidities."
    let findings = PlainLanguageCheck().findings(in: content)
    #expect(findings.count == 1)
    #expect(findings.first?.place == "summary 2")
}

@Test func aTopicIdIsLowercaseLettersDigitsAndInnerHyphens() {
    for good in ["spinal-fusion", "knee2", "a"] { #expect(ContentCatalog.isTopicID(good), "\(good)") }
    for bad in ["", "-knee", "knee-", "../etc", "Knee", "knee.en", "knee/en", "kn ee", "kné"] {
        #expect(!ContentCatalog.isTopicID(bad), "\(bad)")
    }
}

@Test func theBuiltInCatalogHoldsTheShippedTopicInEveryLanguage() throws {
    let topics = try ContentCatalog().topics
    #expect(topics.map(\.topic) == [ContentLoader.defaultContentID])
    #expect(topics.first?.languages == ContentLoader.builtInLanguages())
}

/// Sources people can follow: every built-in source names its publisher and gives a full web
/// address that becomes a link.
@Test(arguments: ["en", "es"])
func everySourceHasAPublisherAndAWorkingAddress(language: String) throws {
    let content = try ContentLoader.builtIn(language: language)
    let composer = Composer(comparison: content, strings: try ContentLoader.strings(language: language),
                            defaultClinic: nil, date: CalendarDate(year: 2026, month: 1, day: 16)!)
    for source in content.sources {
        let spans = composer.sourceText(source)
        #expect(spans.contains { $0.link?.uri.hasPrefix("https://") == true }, "no address: \(source)")
        #expect(spans.first.map { $0.link == nil && $0.text.count > 10 } == true, "no publisher before the address: \(source)")
    }
}

@Test func theSpanishHandoutReadsEasyByFernandezHuerta() throws {
    let content = try ContentLoader.builtIn(language: "es")
    let check = PlainLanguageCheck()
    let overall = try #require(check.overall(of: content))
    #expect(overall.passes, "\(overall.words)")
    #expect(SpanishReadability.ease(items: check.pieces(of: content).map(\.text)) >= SpanishReadability.easyEnough)
}

/// Every language shipped (the translations other files add included) keeps its sentences
/// within its own limit, and passes its language's formula where it has one.
@Test func everyBuiltInLanguagePassesItsPlainLanguageCheck() throws {
    for language in ContentLoader.builtInLanguages() {
        let content = try ContentLoader.builtIn(language: language)
        let check = PlainLanguageCheck()
        #expect(check.findings(in: content).isEmpty, "\(language): \(check.findings(in: content).map { "\($0.place): \($0.problem)" })")
        #expect(check.overall(of: content)?.passes != false, "\(language)")
    }
}

@Test(arguments: [("casa", 2), ("leer", 2), ("día", 2), ("ciudad", 2), ("bueno", 2), ("muy", 1), ("hoy", 1), ("y", 1),
                  ("poeta", 3), ("quirúrgico", 4), ("columna", 3), ("operación", 4), ("MRI", 1), ("2026", 1)])
func spanishSyllables(word: String, syllables: Int) {
    #expect(SpanishReadability.syllables(in: word) == syllables)
}

@Test func fernandezHuertaScoresShortPlainSentencesAsEasyAndLongOnesAsHard() {
    #expect(SpanishReadability.ease(items: ["Su médico le va a ver. Traiga sus papeles. Llame si tiene dolor."]) >= 80)
    let hard = "La artrodesis intersomática instrumentada requiere una evaluación radiológica preoperatoria exhaustiva considerando comorbilidades multifactoriales concomitantes."
    #expect(SpanishReadability.ease(items: [hard]) < 30)
    #expect(SpanishReadability.band(85) == "easy" && SpanishReadability.band(72) == "fairly easy")
}

/// Chinese has no spaces: a sentence ends at its full stop and is counted in characters.
@Test func chineseSentencesAreCountedInCharacters() throws {
    let text = "手术后您需要休息。请按时服药！有问题吗？请打电话给诊所"
    #expect(Readability.sentences(in: text) == ["手术后您需要休息。", "请按时服药！", "有问题吗？", "请打电话给诊所"])
    let limit = SentenceLimit.of("zh-Hans")
    #expect(limit.unit == .characters && SentenceLimit.of("zh-Hant") == limit)
    #expect(limit.longest(in: text) == 8)
    var content = try ContentLoader.builtIn(language: "en")
    content.language = "zh-Hans"
    content.disclaimer = String(repeating: "这是一个很长的句子", count: 5) + "。"
    #expect(PlainLanguageCheck().findings(in: content).filter { $0.place == "disclaimer" }.map(\.problem) == ["has a sentence of 45 characters (at most 40)"])
    #expect(SentenceLimit.of("vi").unit == .words && SentenceLimit.of("xx").maximum == 20)
}

/// The provenance block of a translation: where from, how, and who reviewed it.
@Test func theSpanishTranslationSaysWhereItCameFromAndThatNoOneReviewedIt() throws {
    let spanish = try #require(try ContentLoader.builtIn(language: "es").translation)
    #expect(spanish.from == "en 1.0" && spanish.method == "machine-drafted" && !spanish.isReviewed)
    #expect(spanish.state == "machine-drafted from en 1.0, not reviewed")
    #expect(try ContentLoader.builtIn(language: "en").translation == nil, "the original is no translation")
}

/// Every bundled translation carries its provenance, and none claims a review without a reviewer.
@Test func everyBuiltInTranslationHasItsProvenance() throws {
    for language in ContentLoader.builtInLanguages() where language != "en" {
        let translation = try #require(try ContentLoader.builtIn(language: language).translation, "\(language)")
        #expect(translation.from.hasPrefix("en "), "\(language)")
        if let review = translation.review { #expect(!review.by.isEmpty, "\(language)") }
    }
}

@Test(arguments: [
    ("  from: \"en 1.0\"\n  method: \"professional\"\n  reviewed: true\n", 14, "translation.reviewed"),
    ("  from: \"English\"\n  method: \"professional\"\n  reviewed: false\n", 12, "translation.from"),
    ("  from: \"en 1.0\"\n  method: \"professional\"\n  reviewed: { by: \"A. B, RN\", on: \"last week\" }\n", 14, "translation.reviewed.on"),
    ("  from: \"en 1.0\"\n  reviewed: false\n", 12, "translation.method"),
])
func aBadProvenanceBlockNamesTheFileTheLineAndTheKey(block: String, line: Int, key: String) throws {
    let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Sources/HandoutCore/Resources/Content/spinal-fusion.en.yaml")
    let english = try String(contentsOf: source, encoding: .utf8)
    let lines = english.components(separatedBy: "\n")
    let translated = (lines.prefix(10) + ["translation:"] + [block] + lines.dropFirst(10)).joined(separator: "\n")
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("provenance-\(UUID()).yaml").path
    try translated.write(toFile: path, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: path) }
    do {
        _ = try ContentLoader.comparison(at: path)
        Issue.record("expected an error")
    } catch {
        let said = error.errorDescription ?? ""
        #expect(said.contains(path) && said.contains(":\(line)") && said.contains("'\(key)'"), "\(said)")
    }
}

/// Content and locale files are named by language tags, Chinese with its script.
@Test func contentFilesAreNamedByLanguageTags() {
    #expect(ContentCatalog.split("spinal-fusion.zh-Hant")! == ("spinal-fusion", "zh-Hant"))
    #expect(ContentCatalog.split("spinal-fusion.hmn")! == ("spinal-fusion", "hmn"))
    for bad in ["spinal-fusion.zh-hant", "spinal-fusion.ZH", "spinal-fusion.zh-Hant-TW", "spinal-fusion.e", "spinal-fusion.es-"] {
        #expect(ContentCatalog.split(bad) == nil, "\(bad)")
    }
}

/// Every notice promises help at the clinic's phone, and is keyed by a language Handout knows.
@Test func everyNoticeGivesThePhoneInALanguageHandoutKnows() throws {
    let notices = LanguageNotices.bundled
    #expect(notices.notices["es"] == "Este folleto está en inglés. Llame al {phone} para recibir ayuda gratis en español.")
    for (language, text) in notices.notices {
        #expect(LanguageCode.englishName(of: language) != nil, "\(language)")
        #expect(text.contains("{phone}"), "\(language)")
    }
    #expect(notices.notice(for: "es", phone: "555-0100")?.text.contains("Llame al \u{2068}555-0100\u{2069} para") == true)
    // Isolated, the number keeps its order inside a right-to-left sentence.
    #expect(notices.notice(for: "ar", phone: "(555) 555-0142")?.text.contains("\u{2068}(555) 555-0142\u{2069}") == true)
    #expect(notices.notice(for: "x-elvish", phone: "555-0100") == nil)
    #expect(throws: InputError.self) { try LanguageNotices(yaml: "vi: \"Tài liệu này bằng tiếng Anh.\"\n", source: "n.yaml") }
    #expect(throws: InputError.self) { try LanguageNotices(yaml: "Vietnamese: \"Gọi {phone}.\"\n", source: "n.yaml") }
}

/// A clinic's folder may hold a Chinese file with its script: it loads under that tag, and its
/// `language` key must say the same.
@Test func aContentFileNamedWithAScriptLoads() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scripts-\(UUID())").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Sources/HandoutCore/Resources/Content/spinal-fusion.en.yaml")
    let english = try String(contentsOf: source, encoding: .utf8)
    try english.replacingOccurrences(of: "language: en\n", with: "language: zh-Hant\n")
        .write(toFile: folder + "/knee.zh-Hant.yaml", atomically: true, encoding: .utf8)
    let catalog = try ContentCatalog(clinicDirectory: folder)
    #expect(catalog.languages(of: "knee") == ["zh-Hant"])
    #expect(try catalog.comparison(topic: "knee", language: "zh-Hant").language == "zh-Hant")
    try english.replacingOccurrences(of: "language: en\n", with: "language: zh-Hans\n")
        .write(toFile: folder + "/knee.zh-Hant.yaml", atomically: true, encoding: .utf8)
    #expect(throws: InputError.self) { try ContentCatalog(clinicDirectory: folder) }
}
