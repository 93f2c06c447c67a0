import Foundation
import HandoutBatch
import HandoutTestSupport
import Testing

/// `handout batch --resume` end to end: a handout is kept only when it was made from the same
/// record and the same options; everything else is made again, and the summary says why.
@Suite(.serialized) struct BatchResumeTests {
    let dir = Scratch()
    var out: String { dir.path + "/out" }

    func pdf(_ id: String) -> Data? { FileManager.default.contents(atPath: "\(out)/\(id).pdf") }

    @Test func aCorrectedNameAndBirthDateAreRedoneAndTheOtherRowsSkipped() throws {
        let rows = ["C0,Ann,Lee,1990-01-01,,,", "C1,Jon,Smiht,1971-05-03,,,instability", "C2,Cy,Ng,1970-03-03,,,"]
        let input = dir.write("patients.csv", realHeader + rows.map { $0 + "\n" }.joined())
        #expect(try CLI.batch(input, out).status == 0)
        let c0 = pdf("C0"), c2 = pdf("C2")
        #expect(try CLI.pdfText(out + "/C1.pdf").contains("Jon Smiht"))

        dir.write("patients.csv", realHeader + [rows[0], "C1,Jon,Smith,1971-03-05,,,instability", rows[2]].map { $0 + "\n" }.joined())
        let result = try CLI.batch(input, out, ["--resume"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("1 handouts, 0 failed, 2 skipped in "))
        #expect(result.stdout.contains("; 1 redone: 1 changed record\n"))
        let text = try CLI.pdfText(out + "/C1.pdf")
        #expect(text.contains("Jon Smith") && text.contains("Date of birth: March 5, 1971"))
        #expect(!text.contains("Smiht") && !text.contains("May 3, 1971"))
        #expect(pdf("C0") == c0 && pdf("C2") == c2)
        let manifest = try dir.manifest()
        #expect(manifest.map(\.status).sorted { $0.rawValue < $1.rawValue } == [.ok, .skipped, .skipped])
        #expect(manifest.allSatisfy { $0.recordSHA256.count == 64 && $0.optionsSHA256.count == 64 })
        let manifestText = try String(contentsOfFile: out + "/manifest.csv", encoding: .utf8)
        for value in ["Jon", "Smith", "Smiht", "1971", "Ann", "Lee", "1990"] {
            #expect(!manifestText.contains(value), "the manifest holds \(value)")
            #expect(!result.stdout.contains(value) && !result.stderr.contains(value))
        }
    }

    @Test func aPasswordAddedOnResumeEncryptsEveryHandout() throws {
        let input = dir.write("patients.csv", realHeader + validRows(3))
        #expect(try CLI.batch(input, out).status == 0)
        let password = dir.write("password.txt", "correct horse\n")
        let result = try CLI.batch(input, out, ["--resume", "--password-file", password])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("3 handouts, 0 failed, 0 skipped in "))
        #expect(result.stdout.contains("; 3 redone: 3 changed options\n"))
        for id in ["T0", "T1", "T2"] {
            let path = "\(out)/\(id).pdf"
            #expect(try CLI.run("pdftotext", [path, "-"]).status != 0, "\(id) opens without the password")
            #expect(try CLI.run("qpdf", ["--password=correct horse", "--show-encryption", path]).stdout.contains("AESv3"))
        }
        // The same password again: nothing to do. Another password: every handout again.
        #expect(try CLI.batch(input, out, ["--resume", "--password-file", password]).stdout.hasPrefix("0 handouts, 0 failed, 3 skipped"))
        dir.write("password.txt", "battery staple\n")
        let changed = try CLI.batch(input, out, ["--resume", "--password-file", password])
        #expect(changed.stdout.contains("; 3 redone: 3 changed options\n"))
        #expect(try CLI.run("qpdf", ["--password=battery staple", "--check", out + "/T1.pdf"]).status == 0)
        let manifestText = try String(contentsOfFile: out + "/manifest.csv", encoding: .utf8)
        #expect(!manifestText.contains("correct") && !manifestText.contains("battery"))
        // Without a password the handouts are made again, unencrypted.
        #expect(try CLI.batch(input, out, ["--resume"]).stdout.contains("; 3 redone: 3 changed options\n"))
        #expect(try CLI.pdfText(out + "/T1.pdf").contains("Given1 Family-1"))
    }

    @Test func largePrintAndLanguageChangesAreRedone() throws {
        let input = dir.write("patients.csv", realHeader + validRows(2))
        #expect(try CLI.batch(input, out).status == 0)
        let pages = try CLI.pdfPages(out + "/T0.pdf") ?? 0

        let large = try CLI.batch(input, out, ["--resume", "--large-print"])
        #expect(large.stdout.hasPrefix("2 handouts, 0 failed, 0 skipped") && large.stdout.contains("; 2 redone: 2 changed options\n"))
        #expect(try CLI.pdfPages(out + "/T0.pdf") ?? 0 > pages)

        let spanish = try CLI.batch(input, out, ["--resume", "--large-print", "--lang", "es"])
        #expect(spanish.stdout.contains("; 2 redone: 2 changed options\n"))
        #expect(try CLI.pdfText(out + "/T1.pdf").contains("Fecha de nacimiento"))

        let same = try CLI.batch(input, out, ["--resume", "--large-print", "--lang", "es"])
        #expect(same.stdout.hasPrefix("0 handouts, 0 failed, 2 skipped") && !same.stdout.contains("redone"))
    }

    @Test func aManifestFromBeforeSourceDigestsIsRedoneNotACrash() throws {
        let input = dir.write("patients.csv", realHeader + validRows(2))
        #expect(try CLI.batch(input, out).status == 0)
        // The manifest as the previous version wrote it.
        let old = try "id,line,status,file,pages,bytes,sha256,error\n" + dir.manifest().map { row in
            "\(row.id),\(row.line),\(row.status.rawValue),\(row.file),\(row.pages ?? 0),\(row.bytes ?? 0),\(row.sha256),\n"
        }.joined()
        dir.write("out/manifest.csv", old)

        let result = try CLI.batch(input, out, ["--resume"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("2 handouts, 0 failed, 0 skipped") && result.stdout.contains("; 2 redone: 2 from an older manifest\n"))
        let text = try String(contentsOfFile: out + "/manifest.csv", encoding: .utf8)
        #expect(text.hasPrefix("id,line,status,file,pages,bytes,sha256,record_sha256,options_sha256,error,warnings,previews,topic,language,content_version,reads_sha256\n"))
        #expect(try dir.manifest().count == 2)
        #expect(try CLI.batch(input, out, ["--resume"]).stdout.hasPrefix("0 handouts, 0 failed, 2 skipped"))
    }
}
