import Foundation

/// A clinic's logo as its clinic file or settings file names it: the image file's bytes, read
/// once per run, and the words a screen reader says for it. Whether the image can be drawn is
/// HandoutLayout's question (`Picture`); here only what needs no decoder is checked.
public struct ClinicLogo: Sendable, Hashable, Codable {
    public enum Format: String, Sendable, Codable {
        case png, svg
    }

    public var bytes: Data
    public var format: Format
    /// Said instead of the picture ("Riverside Spine Clinic logo").
    public var alt: String
    /// The clinic or settings file that names the logo, and its two keys, for errors.
    public var source: String
    public var field: String
    public var altField: String

    /// A logo is a few kilobytes; far more is not a logo (and every renderer holds it).
    public static let maximumBytes = 1 << 20
    /// The most pixels a PNG logo may have on a side: the masthead shows it under an inch high,
    /// and decoded it takes 4 bytes a pixel in every renderer.
    public static let maximumSide = 2048
    /// The largest size an SVG logo may ask for, in CSS pixels a side (it is drawn under an inch).
    public static let maximumSVGSide = 20_000.0
    static let altLimit = 200

    /// Reads the image at `path` (already resolved) and checks it with `alt`. `source`, `field`
    /// and `altField` name the file and its keys in errors.
    public static func read(path: String, alt: String?, source: String, field: String, altField: String) throws(InputError) -> ClinicLogo {
        guard let alt = try alt.map({ text throws(InputError) in try TextRules.clean(text, name: altField, limit: altLimit, source: source) }),
              !alt.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw .invalidField(source: source, field: altField, problem: .logoAltMissing(logoKey: field))
        }
        func bad(_ problem: LogoProblem) -> InputError { .invalidField(source: source, field: field, problem: .logo(problem)) }
        let bytes: Data
        do {
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            bytes = try handle.read(upToCount: maximumBytes + 1) ?? Data()
        } catch {
            throw bad(.unreadable(reason: fileErrorReason(error)))
        }
        guard bytes.count <= maximumBytes else { throw bad(.tooManyBytes(kilobytes: maximumBytes >> 10)) }
        let format = try Self.format(of: bytes, problem: bad)
        switch format {
        case .png: try checkPNGSize(bytes, problem: bad)
        case .svg: if let problem = SVGLogoCheck.problem(bytes) { throw bad(problem) }
        }
        return ClinicLogo(bytes: bytes, format: format, alt: alt, source: source, field: field, altField: altField)
    }

    private static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    private static func format(of bytes: Data, problem: (LogoProblem) -> InputError) throws(InputError) -> Format {
        if bytes.starts(with: pngSignature) { return .png }
        if let text = String(data: bytes, encoding: .utf8), text.range(of: "<svg", options: .caseInsensitive) != nil { return .svg }
        throw problem(.neitherPNGNorSVG)
    }

    /// The width and height from the PNG header (IHDR), before any decoder allocates for them.
    private static func checkPNGSize(_ bytes: Data, problem: (LogoProblem) -> InputError) throws(InputError) {
        let header = [UInt8](bytes.prefix(24))
        guard header.count == 24, header[12..<16].elementsEqual("IHDR".utf8) else { throw problem(.pngWithoutHeader) }
        func side(_ offset: Int) -> Int { header[offset..<(offset + 4)].reduce(0) { $0 << 8 | Int($1) } }
        guard side(16) > 0, side(20) > 0, side(16) <= maximumSide, side(20) <= maximumSide else {
            throw problem(.pngTooLarge(maximumSide: maximumSide))
        }
    }
}

/// The bytes stand in a digest (`SourceDigest`, by reflection) as one text, not one child per byte.
extension ClinicLogo: CustomReflectable {
    public var customMirror: Mirror {
        Mirror(self, children: ["bytes": bytes.base64EncodedString(), "format": format, "alt": alt,
                                "source": source, "field": field, "altField": altField], displayStyle: .struct)
    }
}
