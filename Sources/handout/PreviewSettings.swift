import ArgumentParser
import HandoutPDF

/// `--png DIR`: page images beside the PDFs, for staff to check handouts without opening them.
struct PreviewSettings: ParsableArguments {
    @Option(help: ArgumentHelp("Also write each handout's pages as PNG images into this folder (<name>-p1.png, ...), to check them by eye. Not with a password: images are not encrypted.",
                               valueName: "dir"))
    var png: String?

    @Option(help: ArgumentHelp("Resolution of the --png images in pixels per inch (default: \(PagePreview.defaultDPI)).", valueName: "dpi"))
    var pngDPI: Int?

    func validate() throws {
        if let pngDPI {
            guard png != nil else { throw ValidationError("--png-dpi sets the resolution of the --png images: give --png DIR too") }
            try Self.check(dpi: pngDPI)
        }
    }

    static func check(dpi: Int) throws {
        guard PagePreview.dpiRange.contains(dpi) else {
            throw ValidationError("--png-dpi \(dpi): from \(PagePreview.dpiRange.lowerBound) to \(PagePreview.dpiRange.upperBound)")
        }
    }

    /// The images' resolution, nil when none are asked for.
    var dpi: Int? { png.map { _ in pngDPI ?? PagePreview.defaultDPI } }

    /// A PNG is the patient's health data unencrypted: a run that protects its PDFs with a
    /// password (`password`, named by its source) would leave the same pages open beside them.
    func refuse(password: String?) throws {
        guard png != nil, let password else { return }
        throw ValidationError("--png cannot go together with \(password): the page images cannot be encrypted and would show the handout unprotected")
    }
}
