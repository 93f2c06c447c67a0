import Foundation
import HandoutBatch
import HandoutTestSupport
import Testing

/// `--png DIR`: page images beside the PDFs, from the real binary. Their pixels are compared
/// with poppler's rendering in HandoutPDFTests/PreviewTests.
@Suite struct PreviewCommandTests {
    let scratch = Scratch()

    /// The PNG signature and the IHDR chunk's width and height.
    static func pngSize(_ path: String) throws -> (width: Int, height: Int) {
        let bytes = Array(try #require(FileManager.default.contents(atPath: path)))
        #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "\(path) is no PNG")
        #expect(bytes.count > 24 && String(decoding: bytes[12..<16], as: UTF8.self) == "IHDR")
        func number(_ at: Int) -> Int { bytes[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) } }
        return (number(16), number(20))
    }

    static func mode(_ path: String) throws -> Int? {
        try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
    }

    func render(_ folder: String, _ extra: [String] = []) throws -> CLI.Result {
        try CLI.handout(["render", "--patient", CLI.examples + "/patient.json", "--output", scratch.path + "/handout.pdf", "--png", folder] + extra)
    }

    @Test func renderWritesOnePrivatePNGPerPageOfThePageSize() throws {
        let result = try render(scratch.path + "/png")
        #expect(result.status == 0, "\(result.stderr)")
        let pages = try #require(try CLI.pdfPages(scratch.path + "/handout.pdf"))
        #expect(scratch.files(in: "png") == (1...pages).map { "handout-p\($0).png" }.sorted())
        #expect(result.stdout.contains("previews: \(scratch.path)/png/handout-p1.png to handout-p\(pages).png (\(pages) images)"))
        for page in 1...pages {
            let path = scratch.path + "/png/handout-p\(page).png"
            #expect(try Self.pngSize(path) == (816, 1056))  // Letter, 8.5 × 11 in at 96 dpi
            #expect(try Self.mode(path) == 0o600)
        }
    }

    @Test func theSameInputGivesTheSameImagesAndTheResolutionCanBeChosen() throws {
        #expect(try render(scratch.path + "/a").status == 0)
        #expect(try render(scratch.path + "/b").status == 0)
        let names = scratch.files(in: "a")
        #expect(!names.isEmpty && names == scratch.files(in: "b"))
        for name in names {
            #expect(FileManager.default.contents(atPath: "\(scratch.path)/a/\(name)") == FileManager.default.contents(atPath: "\(scratch.path)/b/\(name)"))
        }
        #expect(try render(scratch.path + "/small", ["--png-dpi", "48", "--paper", "a4"]).status == 0)
        #expect(try Self.pngSize(scratch.path + "/small/handout-p1.png") == (397, 561))  // A4, 210 × 297 mm at 48 dpi
        let refused = try render(scratch.path + "/big", ["--png-dpi", "5000"])
        #expect(refused.status == 2 && refused.stderr.contains("--png-dpi 5000: from 36 to 600"))
    }

    /// A page image cannot be encrypted: with any password the run refuses to start and writes nothing.
    @Test func aPasswordAndPageImagesDoNotGoTogether() throws {
        let password = scratch.write("password.txt", "correct horse battery\n")
        let render = try self.render(scratch.path + "/png", ["--password-file", password])
        #expect(render.status == 2)
        #expect(render.stderr.contains("--png cannot go together with --password-file"), "\(render.stderr)")
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/handout.pdf"))
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/png"))
        let settings = scratch.write("handout.yaml", "password-file: \(password)\n")
        let fromSettings = try self.render(scratch.path + "/png", ["--config", settings])
        #expect(fromSettings.status == 2 && fromSettings.stderr.contains("the settings file's password-file"), "\(fromSettings.stderr)")
        let input = scratch.write("patients.csv", realHeader + validRows(2))
        for flags in [["--password-rule", "birth-date"], ["--password-file", password]] {
            let batch = try CLI.batch(input, scratch.path + "/out", ["--png", scratch.path + "/png"] + flags)
            #expect(batch.status == 2 && batch.stderr.contains("--png cannot go together with"), "\(batch.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/out/manifest.csv"))
    }

    /// The renderer processes make the images; a bad record fails alone and gets none; the
    /// manifest names each record's images; resume keeps them, and remakes a record whose image is gone.
    @Test func batchWritesEachRecordsImagesAndNamesThemInTheManifest() throws {
        let input = scratch.write("patients.csv", realHeader + validRows(2) + "T9,Bad,Date,1961-02-30,,,\n")
        let out = scratch.path + "/out", png = scratch.path + "/png"
        let result = try CLI.batch(input, out, ["--png", png, "--jobs", "2"])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stdout.contains("previews: \(png) (ID-p1.png"))
        let rows = Dictionary(uniqueKeysWithValues: try scratch.manifest().map { ($0.id, $0) })
        for id in ["T0", "T1"] {
            let row = try #require(rows[id])
            let pages = try #require(try CLI.pdfPages("\(out)/\(id).pdf"))
            #expect(row.pages == pages && row.previews == (1...pages).map { "\(id)-p\($0).png" })
            for name in row.previews { #expect(try Self.pngSize("\(png)/\(name)") == (816, 1056)) }
        }
        #expect(rows["T9"]?.status == .failed && rows["T9"]?.previews == [])
        #expect(!scratch.files(in: "png").contains { $0.hasPrefix("T9") })

        let kept = try CLI.batch(input, out, ["--png", png, "--resume"])
        #expect(kept.stdout.hasPrefix("0 handouts, 1 failed, 2 skipped"), "\(kept.stdout)")
        try FileManager.default.removeItem(atPath: png + "/T1-p2.png")
        let remade = try CLI.batch(input, out, ["--png", png, "--resume"])
        #expect(remade.stdout.hasPrefix("1 handouts, 1 failed, 1 skipped"), "\(remade.stdout)")
        #expect(FileManager.default.fileExists(atPath: png + "/T1-p2.png"))
        // Without --png the options differ: the handouts are made again, and say no images.
        let plain = try CLI.batch(input, out, ["--resume"])
        #expect(plain.stdout.hasPrefix("2 handouts, 1 failed, 0 skipped"), "\(plain.stdout)")
        #expect(try scratch.manifest().allSatisfy { $0.previews.isEmpty })
    }
}
