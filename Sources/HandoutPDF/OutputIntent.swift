import Foundation

/// The sRGB ICC profile that a PDF/A file names as its output intent (what its DeviceRGB
/// colours mean), from a Debian package; read, checked and deflated once per process.
public struct OutputIntent: Sendable {
    /// Where Debian packages install an sRGB profile: icc-profiles-free (scripts/setup.sh
    /// installs it), colord-data, libgs-common.
    static let knownPaths = ["/usr/share/color/icc/sRGB.icc", "/usr/share/color/icc/colord/sRGB.icc",
                             "/usr/share/color/icc/ghostscript/srgb.icc"]
    static let condition = "sRGB IEC61966-2.1"

    /// The profile as it goes into the PDF, Flate-compressed.
    let deflatedProfile: [UInt8]

    private static let sRGBProfile = Result { () throws(PDFError) in try load(from: knownPaths) }

    /// The sRGB output intent of this process; throws when no known path holds an RGB profile.
    public static func sRGB() throws(PDFError) -> OutputIntent {
        try sRGBProfile.get()
    }

    /// The first of `paths` that exists, which must be an RGB ICC profile (so /N 3 is true).
    static func load(from paths: [String]) throws(PDFError) -> OutputIntent {
        for path in paths {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            let profile = [UInt8](data)
            guard isRGBProfile(profile) else { throw .colorProfile("\(path) is not an RGB ICC profile") }
            return OutputIntent(deflatedProfile: Flate.deflate(profile))
        }
        throw .colorProfile("none found (looked for \(paths.joined(separator: ", "))); install the Debian package icc-profiles-free (scripts/setup.sh does)")
    }

    /// An ICC header (ICC.1 §7.2): its own length first, the colour space at 16, "acsp" at 36.
    private static func isRGBProfile(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 128 else { return false }
        let length = bytes[0..<4].reduce(0) { $0 << 8 | Int($1) }
        return length == bytes.count && bytes[16..<20].elementsEqual("RGB ".utf8) && bytes[36..<40].elementsEqual("acsp".utf8)
    }
}
