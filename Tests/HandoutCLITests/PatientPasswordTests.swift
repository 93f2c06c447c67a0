import Foundation
import HandoutTestSupport
import Testing

/// `batch --password-column` and `--password-rule birth-date`: each patient's PDF opens with
/// their own password and no other's; a row without one fails alone, naming the column; no
/// password is ever printed, recorded or part of a file name.
@Suite struct PatientPasswordTests {
    let scratch = Scratch()
    static let passwords = ["A": "Alpha-Sesame-1", "B": "Beta Sesame two"]

    func input() -> String {
        scratch.write("p.csv", """
        id,first_name,last_name,birth_date,Secret
        A,Ana,Ruiz,1970-01-02,\(Self.passwords["A"]!)
        B,Bo,Lind,1981-12-31,\(Self.passwords["B"]!)
        C,Cy,Hart,1972-03-03,

        """)
    }

    func opens(_ file: String, with password: String) throws -> Bool {
        try CLI.run("qpdf", ["--password=\(password)", "--check", scratch.path + "/out/" + file]).status == 0
    }

    /// Nothing the run wrote or printed holds "Sesame".
    func expectNoPasswordShown(_ result: CLI.Result) throws {
        #expect(!result.stdout.contains("Sesame") && !result.stderr.contains("Sesame"))
        let manifest = try String(contentsOfFile: scratch.path + "/out/manifest.csv", encoding: .utf8)
        #expect(!manifest.contains("Sesame"))
        #expect(!scratch.files(in: "out").contains { $0.contains("Sesame") })
    }

    @Test func eachPDFOpensWithItsOwnPasswordOnly() throws {
        let result = try CLI.batch(input(), scratch.path + "/out", ["--password-column", "secret", "--jobs", "2"])
        #expect(result.status == 1, "\(result.stderr)")
        let manifest = try scratch.manifest().sorted { $0.line < $1.line }
        #expect(manifest.map(\.status.rawValue) == ["ok", "ok", "failed"])
        #expect(manifest[2].error == "column 'Secret' is empty; every row needs its own password")
        for (id, password) in Self.passwords {
            #expect(try opens("\(id).pdf", with: password))
            #expect(try !opens("\(id).pdf", with: "wrong"))
            for (other, otherPassword) in Self.passwords where other != id {
                #expect(try !opens("\(id).pdf", with: otherPassword))
            }
        }
        let decrypted = scratch.path + "/A-plain.pdf"
        #expect(try CLI.run("qpdf", ["--password=\(Self.passwords["A"]!)", "--decrypt", scratch.path + "/out/A.pdf", decrypted]).status == 0)
        #expect(try CLI.pdfText(decrypted).contains("Ana"))
        try expectNoPasswordShown(result)
    }

    @Test func theBirthDateRuleIsYearMonthDay() throws {
        let result = try CLI.batch(input(), scratch.path + "/out", ["--password-rule", "birth-date", "--jobs", "1"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try opens("A.pdf", with: "19700102"))
        #expect(try opens("B.pdf", with: "19811231"))
        #expect(try !opens("A.pdf", with: "19811231"))
        #expect(try !opens("A.pdf", with: "1970-01-02"))
    }

    @Test func aChangedPasswordRedoesTheRowOnResume() throws {
        let file = input()
        _ = try CLI.batch(file, scratch.path + "/out", ["--password-column", "Secret", "--jobs", "1"])
        let text = try String(contentsOfFile: file, encoding: .utf8).replacingOccurrences(of: "Beta Sesame two", with: "Beta Sesame three")
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        let again = try CLI.batch(file, scratch.path + "/out", ["--password-column", "Secret", "--jobs", "1", "--resume"])
        #expect(again.stdout.contains("1 skipped") && again.stdout.contains("1 redone: 1 changed record"), "\(again.stdout)")
        #expect(try opens("B.pdf", with: "Beta Sesame three"))
        try expectNoPasswordShown(again)
    }

    @Test func theRunCannotStartWithTwoPasswordSourcesOrWithoutItsColumn() throws {
        let file = input()
        let passwordFile = scratch.write("password.txt", "Sesame\n")
        for extra in [["--password-file", passwordFile, "--password-column", "Secret"],
                      ["--password-file", passwordFile, "--password-rule", "birth-date"],
                      ["--password-column", "Secret", "--password-rule", "birth-date"],
                      ["--password-rule", "mrn"]] {
            let result = try CLI.batch(file, scratch.path + "/out", extra)
            #expect(result.status == 2, "\(extra)")
            #expect(result.stderr.contains("--password"), "\(result.stderr)")
        }
        let missing = try CLI.batch(file, scratch.path + "/out", ["--password-column", "PIN"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("--password-column \"PIN\": no such column"), "\(missing.stderr)")
        let field = try CLI.batch(file, scratch.path + "/out", ["--password-column", "birth_date"])
        #expect(field.status == 2)
        #expect(field.stderr.contains("--password-column \"birth_date\": that column holds the patient's birthDate"), "\(field.stderr)")
        let ndjson = scratch.write("p.ndjson", "{\"id\":\"A\",\"givenName\":\"Ana\",\"familyName\":\"Ruiz\",\"birthDate\":\"1970-01-02\"}\n")
        let json = try CLI.batch(ndjson, scratch.path + "/out", ["--password-column", "Secret"])
        #expect(json.status == 2)
        #expect(json.stderr.contains("--password-column needs a CSV input"), "\(json.stderr)")
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/out/manifest.csv"))
    }
}
