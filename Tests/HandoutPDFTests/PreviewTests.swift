import Foundation
import HandoutCore
import HandoutTestSupport
import Testing
@testable import HandoutLayout
@testable import HandoutPDF

/// The page images of `--png`: drawn from the display list through the PDF's own drawing, they
/// show what the PDF shows (compared with poppler's rendering of the PDF), the same bytes every time.
@Suite struct PreviewTests {
    let pages: [Page]

    init() throws {
        pages = try LayoutEngine(paper: .letter, typography: .standard).layout(Fixtures.longDocument())
    }

    @Test func eachPageIsAPNGOfThePageSizeAtTheResolutionAsked() throws {
        let images = try PagePreview.png(pages, dpi: 96)
        #expect(images.count == pages.count)
        for image in images {
            let png = try GrayImage(png: image)
            #expect((png.width, png.height) == (816, 1056))
        }
        let small = try GrayImage(png: try #require(PagePreview.png(Array(pages.prefix(1)), dpi: 48).first))
        #expect((small.width, small.height) == (408, 528))
    }

    @Test func theSamePagesGiveTheSameBytes() throws {
        #expect(try PagePreview.png(pages, dpi: 96) == PagePreview.png(pages, dpi: 96))
    }

    /// Poppler draws the PDF at the same resolution: the ink sits in the same places. Glyph
    /// edges differ between the two rasterizers, so the pages are compared in 16-pixel blocks.
    @Test func theImagesShowWhatThePDFShows() throws {
        let scratch = Scratch()
        let pdf = scratch.write("long.pdf", bytes: Array(try PDFWriter.write(pages, metadata: Fixtures.metadata, kind: .standard)))
        _ = try CLI.run("pdftoppm", ["-r", "96", "-gray", pdf, scratch.path + "/poppler"])
        let images = try PagePreview.png(pages, dpi: 96)
        for (index, image) in images.enumerated() {
            let ours = try GrayImage(png: image)
            let poppler = try GrayImage(pgm: try #require(FileManager.default.contents(atPath: scratch.path + "/poppler-\(index + 1).pgm")))
            #expect((ours.width, ours.height) == (poppler.width, poppler.height))
            #expect(ours.darkShare > 0.002, "page \(index + 1) is blank")
            #expect(abs(ours.darkShare - poppler.darkShare) < 0.25 * poppler.darkShare, "page \(index + 1): \(ours.darkShare) vs \(poppler.darkShare)")
            #expect(ours.blockDifference(poppler, block: 16) < 8, "page \(index + 1)")
        }
    }

    /// A line with a link is drawn whole: no tag, no annotation, the same ink as the line without.
    @Test func aLinkIsDrawnAsItsText() throws {
        let shaper = TextShaper()
        let link = try #require(LinkTarget.web("example.org"))
        func page(_ text: RichText) -> Page {
            let run = TextRun(shaped: shaper.shape(text, style: Typography.standard.body, width: nil), lineIndex: 0, origin: Point(x: 72, y: 100))
            return Page(size: Paper.letter.size, header: [], footer: [], content: [.beginTag(.paragraph), .text(run), .endTag(.paragraph)])
        }
        let linked = try PagePreview.png([page([Span("See "), Span("example.org", link: link)])], dpi: 96)
        let plain = try PagePreview.png([page([Span("See example.org")])], dpi: 96)
        #expect(try GrayImage(png: linked[0]).blockDifference(GrayImage(png: plain[0]), block: 16) < 1)
        #expect(try GrayImage(png: linked[0]).darkShare > 0)
    }
}

/// A picture as one byte of lightness a pixel, read from the PNG Cairo writes (8-bit RGB,
/// zlib, the five row filters) or the PGM poppler writes.
struct GrayImage {
    let width: Int
    let height: Int
    let pixels: [UInt8]

    struct Unreadable: Error { let reason: String }

    init(pgm data: Data) throws {
        let bytes = Array(data)
        var fields: [String] = []
        var index = 0
        while fields.count < 4 {
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A { index += 1 }
            let start = index
            while index < bytes.count, bytes[index] != 0x20 && bytes[index] != 0x0A { index += 1 }
            fields.append(String(decoding: bytes[start..<index], as: UTF8.self))
        }
        guard fields[0] == "P5", let width = Int(fields[1]), let height = Int(fields[2]) else { throw Unreadable(reason: "not a PGM") }
        (self.width, self.height) = (width, height)
        pixels = Array(bytes[(index + 1)...].prefix(width * height))
    }

    init(png data: Data) throws {
        let bytes = Array(data)
        guard bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) else { throw Unreadable(reason: "no PNG signature") }
        func number(_ at: Int) -> Int { bytes[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) } }
        var offset = 8
        var header: ArraySlice<UInt8> = []
        var compressed: [UInt8] = []
        while offset + 8 <= bytes.count {
            let length = number(offset)
            let type = String(decoding: bytes[(offset + 4)..<(offset + 8)], as: UTF8.self)
            let body = bytes[(offset + 8)..<(offset + 8 + length)]
            if type == "IHDR" { header = body }
            if type == "IDAT" { compressed += body }
            offset += 12 + length
        }
        guard header.count == 13 else { throw Unreadable(reason: "no IHDR") }
        width = number(header.startIndex)
        height = number(header.startIndex + 4)
        let (depth, colorType) = (header[header.startIndex + 8], header[header.startIndex + 9])
        guard depth == 8, colorType == 2 || colorType == 6 else { throw Unreadable(reason: "depth \(depth), colour type \(colorType)") }
        let channels = colorType == 2 ? 3 : 4
        let raw = try Flate.inflate(compressed[...])
        let stride = width * channels
        guard raw.count == height * (stride + 1) else { throw Unreadable(reason: "\(raw.count) bytes of pixels") }
        var previous = [UInt8](repeating: 0, count: stride)
        var gray: [UInt8] = []
        gray.reserveCapacity(width * height)
        for row in 0..<height {
            let start = row * (stride + 1)
            var line = Array(raw[(start + 1)...(start + stride)])
            for x in 0..<stride {
                let left = x >= channels ? Int(line[x - channels]) : 0
                let up = Int(previous[x])
                let upLeft = x >= channels ? Int(previous[x - channels]) : 0
                let predictor: Int
                switch raw[start] {
                case 0: predictor = 0
                case 1: predictor = left
                case 2: predictor = up
                case 3: predictor = (left + up) / 2
                case 4:
                    let estimate = left + up - upLeft
                    let (a, b, c) = (abs(estimate - left), abs(estimate - up), abs(estimate - upLeft))
                    predictor = a <= b && a <= c ? left : b <= c ? up : upLeft
                default: throw Unreadable(reason: "row filter \(raw[start])")
                }
                line[x] = UInt8(truncatingIfNeeded: Int(line[x]) + predictor)
            }
            for x in 0..<width {
                let pixel = x * channels
                let (red, green, blue) = (Int(line[pixel]), Int(line[pixel + 1]), Int(line[pixel + 2]))
                let lightness: Int = (299 * red + 587 * green + 114 * blue) / 1000
                gray.append(UInt8(lightness))
            }
            previous = line
        }
        pixels = gray
    }

    /// The share of pixels darker than mid-grey: ink.
    var darkShare: Double { Double(pixels.count { $0 < 128 }) / Double(pixels.count) }

    /// The mean difference of the two pictures' average lightness in `block`-pixel squares.
    func blockDifference(_ other: GrayImage, block: Int) -> Double {
        var total = 0.0
        var count = 0
        for top in stride(from: 0, to: height - block + 1, by: block) {
            for left in stride(from: 0, to: width - block + 1, by: block) {
                total += abs(average(left, top, block) - other.average(left, top, block))
                count += 1
            }
        }
        return total / Double(max(count, 1))
    }

    private func average(_ left: Int, _ top: Int, _ block: Int) -> Double {
        var sum = 0
        for y in top..<(top + block) { for x in left..<(left + block) { sum += Int(pixels[y * width + x]) } }
        return Double(sum) / Double(block * block)
    }
}
