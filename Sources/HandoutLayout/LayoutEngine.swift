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
    public let frame: PageFrame
    public let typography: Typography
    public let shaper: TextShaper
    private let builder: FlowableBuilder

    public init(paper: Paper, typography: Typography, shaper: TextShaper = TextShaper()) {
        self.frame = PageFrame(paper: paper, typography: typography)
        self.typography = typography
        self.shaper = shaper
        builder = FlowableBuilder(shaper: shaper, type: typography)
    }

    public func layout(_ document: Document) throws(LayoutError) -> [Page] {
        let flowables = try builder.flowables(document.blocks, width: frame.content.width)
        let contentPages = try paginate(flowables)
        let furniture = PageFurniture(shaper: shaper, type: typography, frame: frame)
        return contentPages.enumerated().map { index, items in
            let (header, footer) = furniture.items(for: document, page: index + 1, of: contentPages.count)
            return Page(size: frame.paper, header: header, footer: footer, content: items)
        }
    }

    private func paginate(_ flowables: [Flowable]) throws(LayoutError) -> [[DisplayItem]] {
        let content = frame.content
        var pages: [[DisplayItem]] = []
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
            var items: [DisplayItem] = []
            for placement in result.placed {
                placement.flowable.place(at: Point(x: content.x, y: content.y + placement.y), width: content.width, into: &items)
            }
            pages.append(items)
            remaining = result.remaining
        }
        return pages
    }
}
