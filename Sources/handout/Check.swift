import ArgumentParser
import Foundation
import HandoutCore

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check that a comparison's text is plain enough for patients: short sentences in its language, English at grade 7 or lower, Spanish at Fernández-Huerta 70 or more.")

    @Option(help: ArgumentHelp("A comparison content file (YAML); default: the built-in one.", valueName: "file.yaml"))
    var content: String?

    @Option(help: "Language of the built-in content to check.")
    var lang = "en"

    @Option(help: "Highest Flesch-Kincaid grade allowed (English only).")
    var maxGrade = 7.0

    @Option(help: "Lowest Fernández-Huerta reading ease allowed (Spanish only; 70 and up reads fairly easy).")
    var minEase = SpanishReadability.easyEnough

    @OptionGroup var configFile: ConfigOption

    func run() throws {
        var comparison: Comparison!
        try exitOnFailure {
            let content = try content ?? configFile.load().content
            comparison = try content.map { try ContentLoader.comparison(at: $0) } ?? ContentLoader.builtIn(language: lang)
        }
        var check = PlainLanguageCheck()
        check.maximumGrade = maxGrade
        check.minimumSpanishEase = minEase
        let findings = check.findings(in: comparison)
        for finding in findings {
            print("\(finding.place): \(finding.problem): \(finding.text)")
        }
        let overall = check.overall(of: comparison)
        let limit = SentenceLimit.of(comparison.language)
        print("\(check.pieces(of: comparison).count) pieces of text checked (sentences of at most \(limit.maximum) \(limit.unit.rawValue)), "
              + "\(findings.count) to simplify\(overall.map { ", \($0.words) overall" } ?? "")")
        if !findings.isEmpty || overall?.passes == false { throw ExitCode(1) }
    }
}
