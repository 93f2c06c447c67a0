import Foundation
import HandoutCore

public enum LayoutError: Error, LocalizedError, Equatable {
    case blockTooLarge(page: Int, height: Double, available: Double)
    /// The clinic's logo cannot be decoded (checked before a run, so only when memory runs out).
    case unusableImage(InputError)

    public var errorDescription: String? {
        switch self {
        case let .blockTooLarge(page, height, available):
            return String(format: "a block %.0f pt tall does not fit on page %d (%.0f pt free) and cannot be split", height, page, available)
        case let .unusableImage(error):
            return error.errorDescription
        }
    }
}

/// Lays a document out on pages: shapes its text, paginates it, adds the page furniture.
/// Not thread-safe (its shaper holds Pango objects): one engine per thread.
public final class LayoutEngine {
    public let paper: Paper
    public let typography: Typography
    /// The handout language's: right to left lays out as left to right, then mirrors each page.
    public let direction: TextDirection
    public let shaper: TextShaper
    private let builder: FlowableBuilder

    /// `language`: the content's language tag, for the fonts and glyph forms Pango picks.
    public init(paper: Paper, typography: Typography, direction: TextDirection = .leftToRight, language: String? = nil) {
        self.paper = paper
        self.typography = typography
        self.direction = direction
        shaper = TextShaper(direction: direction, language: language)
        builder = FlowableBuilder(shaper: shaper, type: typography, pageHeight: PageFrame(paper: paper, typography: typography).content.height)
    }

    /// Where `document`'s pages put things: its running header gets the lines it takes, so a
    /// header that fits on one line leaves the rest to the content.
    public func frame(for document: Document) -> PageFrame {
        let oneLine = PageFrame(paper: paper, typography: typography)
        let lines = PageFurniture(shaper: shaper, type: typography, frame: oneLine).headerLines(document).count
        return lines == 1 ? oneLine : PageFrame(paper: paper, typography: typography, headerLines: lines)
    }

    public func layout(_ document: Document) throws(LayoutError) -> [Page] {
        let frame = self.frame(for: document)
        let flowables = try builder.flowables(document.blocks, width: frame.content.width)
        let contentPages = try paginate(flowables, in: frame)
        let furniture = PageFurniture(shaper: shaper, type: typography, frame: frame)
        return contentPages.enumerated().map { index, items in
            let (header, footer) = furniture.items(for: document, page: index + 1, of: contentPages.count)
            let page = Page(size: frame.paper, header: header, footer: footer, content: items)
            return direction == .rightToLeft ? page.mirrored() : page
        }
    }

    private func paginate(_ flowables: [Flowable], in frame: PageFrame) throws(LayoutError) -> [[DisplayItem]] {
        let content = frame.content
        var pages: [[Placement]] = []
        var remaining = flowables
        while !remaining.isEmpty {
            let result: FlowResult
            do {
                result = try flow(remaining, available: content.height, pageHeight: content.height, mustProgress: true)
            } catch {
                switch error {
                case let .tooLarge(height, available):
                    throw .blockTooLarge(page: pages.count + 1, height: height, available: available)
                }
            }
            pages.append(result.placed)
            remaining = result.remaining
        }
        return pages.map { growingWritingLines($0, available: content.height) }.map { placements in
            var items: [DisplayItem] = []
            for placement in placements {
                placement.flowable.place(at: Point(x: content.x, y: content.y + placement.y), width: content.width, into: &items)
            }
            return items
        }
    }

    /// A page's spare room shared out as more writing lines, whole lines alike for every set
    /// on the page, at most `maximumExtraWritingLines` each. Room no content could use: what
    /// follows did not fit there.
    private func growingWritingLines(_ placements: [Placement], available: Double) -> [Placement] {
        let sets = placements.reduce(0) { $0 + $1.flowable.writingLineBlocks }
        guard sets > 0, let lastPlaced = placements.last else { return placements }
        let spare = available - lastPlaced.y - lastPlaced.flowable.height
        let extra = min(Self.maximumExtraWritingLines, Int((spare + epsilon) / (Double(sets) * typography.writingLineHeight)))
        guard extra > 0 else { return placements }
        var shift = 0.0
        return placements.map { placement in
            let grown = placement.flowable.withExtraWritingLines(extra)
            defer { shift += grown.height - placement.flowable.height }
            return Placement(flowable: grown, y: placement.y + shift)
        }
    }

    public static let maximumExtraWritingLines = 4
}
