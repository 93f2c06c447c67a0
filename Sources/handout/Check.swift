import ArgumentParser
import Foundation
import HandoutCore

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check that a comparison's text is plain enough for patients (grade 7 or lower, short sentences).")

    @Option(help: ArgumentHelp("A comparison content file (YAML); default: the built-in one.", valueName: "file.yaml"))
    var content: String?

    @Option(help: "Language of the built-in content to check.")
    var lang = "en"

    @Option(help: "Highest Flesch-Kincaid grade allowed (English only).")
    var maxGrade = 7.0

    @OptionGroup var configFile: ConfigOption

    func run() throws {
        var comparison: Comparison!
        try exitOnFailure {
            let content = try content ?? configFile.load().content
            comparison = try content.map { try ContentLoader.comparison(at: $0) } ?? ContentLoader.builtIn(language: lang)
        }
        var check = PlainLanguageCheck()
        check.maximumGrade = maxGrade
        let findings = check.findings(in: comparison)
        for finding in findings {
            print("\(finding.place): \(finding.problem): \(finding.text)")
        }
        let grade = comparison.language == "en" ? String(format: ", grade %.1f overall", check.overallGrade(of: comparison)) : ""
        print("\(check.pieces(of: comparison).count) pieces of text checked, \(findings.count) to simplify\(grade)")
        if !findings.isEmpty { throw ExitCode(1) }
    }
}
