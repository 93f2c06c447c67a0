import HandoutCore

/// The laid-out handout: pages of placed boxes, each with its structure role. A plain
/// value that tests read without a PDF and the renderer draws without knowing its making.
/// Structure elements may begin on one page and end on a later one (a paragraph or table
/// that runs on); across the whole document every begin has its end.
public struct Page {
    public var size: Size
    /// What the page carries whatever its content, with no structure role: the running header
    /// at the top, the footer with the page number at the bottom.
    public var header: [DisplayItem]
    public var footer: [DisplayItem]
    public var content: [DisplayItem]

    public init(size: Size, header: [DisplayItem], footer: [DisplayItem], content: [DisplayItem]) {
        self.size = size
        self.header = header
        self.footer = footer
        self.content = content
    }

    public var furniture: [DisplayItem] { header + footer }

    /// Everything on the page, in drawing order.
    public var items: [DisplayItem] { header + content + footer }

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
    /// Connected strokes with round joins and ends (a check box's tick).
    case polyline([Point], Color, lineWidth: Double)
    /// Filled rectangles in one path (a QR code's dark modules).
    case fills([Rect], Color)
    /// A picture scaled into `rect` (the clinic's logo).
    case image(Picture, Rect)
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

/// What a part of the handout is, for readers that do not see the page (screen readers,
/// reflow). What is placed without a role of its own is decoration: rules, writing lines,
/// the header row a continued table repeats.
public enum StructureRole: Sendable, Hashable {
    /// Level 1 is the title, 2 a section, 3 a subsection.
    case heading(level: Int)
    case paragraph
    case list, listItem, label, listBody
    /// A check box as a list item's label, announced by its state instead of its glyph.
    case checkBox(spoken: String)
    /// A table holds its header rows (`tableHead`) and then its body rows (`tableBody`).
    case table, tableHead, tableBody, tableRow, tableHeader, tableCell
    case caption
    /// A box that groups blocks ("What you need to know").
    case division
    /// A picture (the clinic's logo, a QR code), read as `alt`.
    case figure(alt: String)
    /// A paragraph in another language than the document's, spoken in `language` (a BCP 47 tag).
    case passage(language: String)
}
