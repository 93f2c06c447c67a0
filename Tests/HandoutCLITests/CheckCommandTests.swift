import Foundation
import HandoutTestSupport
import Testing

@Test func theBuiltInContentPassesThePlainLanguageCheck() throws {
    for language in ["en", "es"] {
        let result = try CLI.handout(["check", "--lang", language])
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.contains("0 to simplify"))
    }
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
