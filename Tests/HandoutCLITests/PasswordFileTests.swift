import Foundation
import HandoutTestSupport
import Testing

/// `--password-file` (render, batch and mail share its reader): a password PDF encryption would
/// cut (over 127 bytes) or a C library would end early (NUL) is refused, naming the file and the
/// rule, never the password.
@Suite struct PasswordFileTests {
    let scratch = Scratch()

    /// Each password holds "Sesame", which must never be printed.
    static let refused: [(password: String, rule: String)] = [
        ("Sesame" + String(repeating: "x", count: 122) + "\n", "is longer than 127 bytes"),
        ("Sesame" + String(repeating: "\u{e9}", count: 61) + "\n", "is longer than 127 bytes"),  // 67 characters, 128 bytes
        ("Sesame\u{0}tail\n", "contains a control character"),
        ("Sesame\ttail\r\n", "contains a control character"),
        ("Sesame\u{85}tail\n", "contains a control character"),
        ("\nSesame\n", "is empty"),
    ]

    private func passwordFile(_ text: String) -> String { scratch.write("password.txt", text) }

    @Test(arguments: refused)
    func renderRefuses(_ password: String, _ rule: String) throws {
        let file = passwordFile(password)
        let output = scratch.path + "/out.pdf"
        let result = try CLI.handout(["render", "--patient", CLI.examples + "/patient.json", "--output", output, "--password-file", file])
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(file):1: field 'password' \(rule)"), "\(result.stderr)")
        #expect(!result.stderr.contains("Sesame"))
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test(arguments: refused)
    func mailRefuses(_ password: String, _ rule: String) throws {
        let file = passwordFile(password)
        // Refused while reading the options: before the batch folder is even looked at.
        let result = try CLI.handout(["mail", "--batch", scratch.path + "/batch", "--csv", CLI.examples + "/patients.csv",
                                      "--from", "Clinic <care@clinic.example>", "--smtp", "smtp://localhost:1",
                                      "--user", "care", "--password-file", file])
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(file):1: field 'password' \(rule)"), "\(result.stderr)")
        #expect(!result.stderr.contains("Sesame"))
    }

    @Test func aPasswordOf127BytesEncryptsAndOpens() throws {
        let password = "Sesame " + String(repeating: "\u{e9}", count: 60)  // 127 bytes
        let output = scratch.path + "/out.pdf"
        let result = try CLI.handout(["render", "--patient", CLI.examples + "/patient.json", "--output", output,
                                      "--password-file", passwordFile(password + "\r\n")])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try CLI.run("qpdf", ["--password=\(password)", "--check", output]).status == 0)
        #expect(try CLI.run("qpdf", ["--password=wrong", "--check", output]).status != 0)
    }
}
