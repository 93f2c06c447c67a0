import HandoutCore
/// The laid-out handout: pages of placed boxes, each with its structure role. A plain
/// value that tests read without a PDF and the renderer draws without knowing its making.
public struct Page {
    public var size: Size
    public var items: [DisplayItem]

    public init(size: Size, items: [DisplayItem]) {
        self.size = size
        self.items = items
    }

    /// Every placed line of text, in drawing order.
    public var textRuns: [TextRun] {
        items.compactMap { if case let .text(run) = $0 { return run } else { return nil } }
    }

    /// All text of the page, one placed line per line.
    public var text: String { textRuns.map(\.text).joined(separator: "\n") }
}

public enum DisplayItem {
    case text(TextRun)
    case fill(Rect, Color)
    case frame(Rect, Color, lineWidth: Double)
    case line(from: Point, to: Point, Color, lineWidth: Double)
    case link(Rect, target: LinkTarget)
    case beginTag(StructureRole)
    case endTag(StructureRole)
    /// A bookmark to this place, nested by level (1 = top).
    case outline(level: Int, title: String, y: Double)
}

/// One line of a shaped paragraph, placed on the page.
public struct TextRun {
    public let shaped: ShapedText
    public let lineIndex: Int
    /// Left edge of the paragraph box and the line's baseline.
    public let origin: Point

    public var line: ShapedLine { shaped.lines[lineIndex] }
    public var text: String { line.text }
    /// The line's box on the page.
    public var bounds: Rect {
        Rect(x: origin.x + line.x, y: origin.y - (line.baseline - line.top), width: line.width, height: line.height)
    }
}

/// Tagged-PDF structure types (ISO 32000-1 §14.8.4). Anything drawn outside every tag is
/// page furniture: running header, footer, rules, repeated table headers.
public enum StructureRole: String, Sendable {
    case document = "Document"
    case h1 = "H1", h2 = "H2", h3 = "H3"
    case paragraph = "P"
    case list = "L", listItem = "LI", label = "Lbl", listBody = "LBody"
    case table = "Table", tableRow = "TR", tableHeader = "TH", tableCell = "TD"
    case caption = "Caption"
    case division = "Div"
    case link = "Link"

    static func heading(_ level: Int) -> StructureRole {
        switch level {
        case 1: return .h1
        case 2: return .h2
        default: return .h3
        }
    }
}
