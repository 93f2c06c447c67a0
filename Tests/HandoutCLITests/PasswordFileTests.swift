import Foundation
import HandoutTestSupport
import Testing

/// `--password-file`: a PDF password encryption would cut (over 127 bytes) or a C library would
/// end early (NUL) is refused, naming the file and the rule, never the password. The mail
/// password has its own rule: anything AUTH can carry (not empty, no NUL).
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

    /// What a mail password may not be; a long one, or one with a tab, is fine for AUTH.
    static let refusedForMail: [(password: String, rule: String)] = [
        ("Sesame\u{0}tail\n", "the mail password contains a NUL character"),
        ("\nSesame\n", "the mail password is empty"),
    ]

    @Test(arguments: refusedForMail)
    func mailRefuses(_ password: String, _ rule: String) throws {
        let file = passwordFile(password)
        // Refused while reading the options: before the batch folder is even looked at.
        let result = try CLI.handout(["mail", "--batch", scratch.path + "/batch", "--csv", CLI.examples + "/patients.csv",
                                      "--from", "Clinic <care@clinic.example>", "--smtp", "smtp://localhost:1",
                                      "--user", "care", "--password-file", file])
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(file):1: \(rule)"), "\(result.stderr)")
        #expect(!result.stderr.contains("Sesame"))
    }

    /// A mail password PDF encryption would refuse passes the password check: the run goes on to
    /// the server (which nobody listens on here).
    @Test func aLongMailPasswordIsNotHeldToThePDFRules() throws {
        let file = passwordFile("Sesame" + String(repeating: "x", count: 200) + "\tend\n")
        let result = try CLI.handout(["mail", "--batch", scratch.path + "/batch", "--csv", CLI.examples + "/patients.csv",
                                      "--from", "Clinic <care@clinic.example>", "--smtp", "smtp://localhost:1",
                                      "--user", "care", "--password-file", file])
        #expect(!result.stderr.contains("password"), "\(result.stderr)")
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
