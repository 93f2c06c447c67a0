import Foundation
import HandoutTestSupport
import Testing

/// Every bundled language, the translations added as files included.
@Test func theBuiltInContentPassesThePlainLanguageCheck() throws {
    let folder = CLI.repository.appendingPathComponent("Sources/HandoutCore/Resources/Content").path
    let languages = try FileManager.default.contentsOfDirectory(atPath: folder).compactMap { name -> String? in
        guard name.hasPrefix("spinal-fusion."), name.hasSuffix(".yaml") else { return nil }
        return String(name.dropFirst("spinal-fusion.".count).dropLast(".yaml".count))
    }
    #expect(languages.contains("en") && languages.contains("es"))
    for language in languages {
        let result = try CLI.handout(["check", "--lang", language])
        #expect(result.status == 0, "\(language): \(result.stdout)")
        #expect(result.stdout.contains("0 to simplify"), "\(language)")
    }
    let spanish = try CLI.handout(["check", "--lang", "es"]).stdout
    #expect(spanish.contains("(sentences of at most 25 words)") && spanish.contains("Fernández-Huerta"), "\(spanish)")
    #expect(try CLI.handout(["check", "--lang", "es", "--min-ease", "99"]).status == 1, "a goal it does not reach fails")
}

@Test func hardTextFailsTheCheckWithItsPlace() throws {
    let scratch = Scratch()
    let directory = scratch.path
    let builtIn = CLI.repository.appendingPathComponent("Assets/Content/spinal-fusion.en.yaml").path
    let hard = try String(contentsOfFile: builtIn, encoding: .utf8).replacingOccurrences(
        of: "disclaimer: \"", with: "disclaimer: \"Notwithstanding considerable interindividual variability, comprehensive multidisciplinary evaluation remains indispensable. ")
    let path = directory + "/hard.yaml"
    try hard.write(toFile: path, atomically: true, encoding: .utf8)
    let result = try CLI.handout(["check", "--content", path])
    #expect(result.status == 1)
    #expect(result.stdout.contains("disclaimer: reads at grade"))
}
