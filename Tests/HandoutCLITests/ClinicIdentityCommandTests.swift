import Foundation
import HandoutTestSupport
import Testing

/// The clinic's logo and QR code end to end: from the clinic file or the settings file through
/// `render` and `batch` to the PDF, read back with qpdf, pdftoppm and zbarimg.
@Suite struct ClinicIdentityCommandTests {
    let scratch = Scratch()
    var directory: String { scratch.path }

    /// A clinic file in its own folder naming `art/<logoName>` (holding `logo`), with `extra` JSON members.
    func clinicFile(logoName: String = "logo.svg", logo: [UInt8]? = Array(TestImages.exampleSVG.utf8), extra: String = "") -> String {
        try! FileManager.default.createDirectory(atPath: directory + "/clinic/art", withIntermediateDirectories: true)
        if let logo { scratch.write("clinic/art/\(logoName)", bytes: logo) }
        return scratch.write("clinic/clinic.json", """
            {"name": "Riverside Spine & Pain Clinic", "phone": "(555) 555-0142", "website": "https://riverside-spine.example.org",
             "logo": "art/\(logoName)", "logoAlt": "Riverside Spine & Pain Clinic logo"\(extra)}
            """)
    }

    /// The example patient without clinic details of its own, so the clinic file's apply.
    func patient() throws -> String {
        try CLI.patientFile(in: directory) { $0.removeValue(forKey: "clinic") }
    }

    func render(_ arguments: [String], environment: [String: String] = ["SOURCE_DATE_EPOCH": "1796083200"]) throws -> (CLI.Result, String) {
        let output = directory + "/out-\(UUID().uuidString).pdf"
        return (try CLI.handout(["render", "--patient", try patient(), "--output", output] + arguments, environment: environment), output)
    }

    /// The PDF's structure elements of type Figure, as qpdf's JSON (version 2) shows their dictionaries.
    func figures(_ pdf: String) throws -> [[String: Any]] {
        let result = try CLI.run("qpdf", ["--json=2", "--json-key=qpdf", pdf])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let objects = try #require((json["qpdf"] as? [Any])?.last as? [String: Any])
        return objects.values.compactMap { ($0 as? [String: Any])?["value"] as? [String: Any] }.filter { $0["/S"] as? String == "/Figure" }
    }

    @Test(arguments: ["logo.svg", "logo.png"])
    func theLogoIsAFigureWithItsAltTextAndTheBytesStayTheSame(name: String) throws {
        let clinic = clinicFile(logoName: name, logo: name.hasSuffix(".svg") ? Array(TestImages.exampleSVG.utf8) : TestImages.png(width: 240, height: 120))
        let (first, pdf) = try render(["--clinic", clinic])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(try PDFInspection.isClean(pdf))
        let figures = try figures(pdf)
        #expect(figures.count == 1)
        #expect(figures.first?["/Alt"] as? String == "u:Riverside Spine & Pain Clinic logo")
        let (second, again) = try render(["--clinic", clinic])
        #expect(second.status == 0)
        #expect(FileManager.default.contents(atPath: pdf) == FileManager.default.contents(atPath: again))
    }

    @Test func theQRCodeOnThePageOpensTheClinicsWebsite() throws {
        let (result, pdf) = try render(["--clinic", clinicFile(extra: #", "qrCode": true"#)])
        #expect(result.status == 0, "\(result.stderr)")
        let pages = directory + "/page"
        #expect(try CLI.run("pdftoppm", ["-r", "150", "-gray", "-png", pdf, pages]).status == 0)
        let images = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasPrefix("page") }.sorted()
        #expect(images.count >= 3)
        let scan = try CLI.run("zbarimg", ["--quiet", "--raw"] + images.map { directory + "/" + $0 })
        #expect(scan.stdout.split(separator: "\n") == ["https://riverside-spine.example.org"], "\(scan.stdout)\(scan.stderr)")
        #expect(try figures(pdf).count == 2)
    }

    /// Each file by its name, so that a failure does not print its bytes.
    static let brokenLogos: [String: [UInt8]] = [
        "cut-short.png": Array(TestImages.png(width: 64, height: 64).prefix(70)),
        "outside.svg": Array(#"<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"><use href="/etc/passwd"/></svg>"#.utf8),
        "huge.svg": Array(#"<svg xmlns="http://www.w3.org/2000/svg" width="1e9" height="1e9"/>"#.utf8),
    ]

    /// The page previews draw the same items: the QR code on them opens the website too.
    @Test func theQRCodeOnThePagePreviewsOpensTheClinicsWebsite() throws {
        let previews = directory + "/previews"
        let (result, _) = try render(["--clinic", clinicFile(extra: #", "qrCode": true"#), "--png", previews])
        #expect(result.status == 0, "\(result.stderr)")
        let images = try FileManager.default.contentsOfDirectory(atPath: previews).filter { $0.hasSuffix(".png") }.sorted()
        #expect(images.count >= 3)
        let scan = try CLI.run("zbarimg", ["--quiet", "--raw"] + images.map { previews + "/" + $0 })
        #expect(scan.stdout.split(separator: "\n") == ["https://riverside-spine.example.org"], "\(scan.stdout)\(scan.stderr)")
    }

    @Test(arguments: [
        ("cut-short.png", "names a PNG image that cannot be read: it is damaged or cut short"),
        ("outside.svg", "names an SVG whose line 1 refers to other files or web addresses"),
        ("huge.svg", "names an SVG whose line 1 gives a width, height or viewBox that is not a size up to 20000 pixels"),
    ])
    func aBrokenOrHostileLogoStopsRenderAndBatchBeforeAnyOutput(name: String, problem: String) throws {
        let clinic = clinicFile(logoName: name, logo: Self.brokenLogos[name])
        let expected = "\(clinic): field 'logo' \(problem)"
        let (render, pdf) = try render(["--clinic", clinic])
        #expect(render.status == 2 && render.stderr.contains(expected), "exit \(render.status): \(render.stderr)")
        #expect(!FileManager.default.fileExists(atPath: pdf))
        let csv = scratch.write("patients.csv", "Patient ID,First Name,Last Name,DOB\nP1,Ana,Ruiz,1960-03-06\nP2,Bo,Li,1970-01-02\n")
        let out = directory + "/batch"
        let batch = try CLI.handout(["batch", csv, "--output-dir", out, "--clinic", clinic, "--jobs", "1"])
        #expect(batch.status == 2 && batch.stderr.contains(expected), "exit \(batch.status): \(batch.stderr)")
        #expect(scratch.files(in: "batch").filter { $0.hasSuffix(".pdf") }.isEmpty)
    }

    @Test func theSettingsFileGivesTheLogoFromItsFolderAndRefusesOneWithoutAltText() throws {
        scratch.write("logo.svg", TestImages.exampleSVG)
        let section = "clinic:\n  name: \"Lakeside\"\n  phone: \"(555) 555-0100\"\n  website: \"https://lakeside.example.org\"\n  logo: logo.svg\n"
        let config = scratch.write("handout.yaml", section + "  logo-alt: \"Lakeside logo\"\n  qr-code: true\n")
        let (result, pdf) = try render(["--config", config])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try figures(pdf).compactMap { $0["/Alt"] as? String }.sorted() == ["u:Lakeside logo", "u:QR code for \u{2068}lakeside.example.org\u{2069}"])
        let withoutAlt = scratch.write("no-alt.yaml", section)
        let (refused, _) = try render(["--config", withoutAlt])
        #expect(refused.status == 2 && refused.stderr.contains("no-alt.yaml:5:9: clinic.logo-alt: is missing: a 'logo' needs the words a screen reader says for it"),
                "\(refused.stderr)")
    }

    @Test func aLogoWithAnArchiveAndEncryptionStillRenders() throws {
        let clinic = clinicFile(extra: #", "qrCode": true"#)
        let (archive, _) = try render(["--clinic", clinic, "--archive"])
        #expect(archive.status == 0, "\(archive.stderr)")
        let password = scratch.write("password.txt", "open sesame\n")
        let (encrypted, pdf) = try render(["--clinic", clinic, "--password-file", password])
        #expect(encrypted.status == 0, "\(encrypted.stderr)")
        #expect(try CLI.run("qpdf", ["--password=open sesame", "--check", pdf]).status == 0)
    }
}
