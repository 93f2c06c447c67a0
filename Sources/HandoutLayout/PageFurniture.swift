import HandoutCore

/// What every page carries whatever its content: whose handout it is at the top, the
/// clinic, the version and "Page X of Y" at the bottom. Drawn untagged (artifacts).
struct PageFurniture {
    let shaper: TextShaper
    let type: Typography
    let frame: PageFrame

    /// The header's items and the footer's.
    func items(for document: Document, page: Int, of pages: Int) -> (header: [DisplayItem], footer: [DisplayItem]) {
        var items: [DisplayItem] = []
        let content = frame.content
        let runningHeader = shaper.shape(headerLines(document).joined(separator: "\n"), style: headerStyle, width: content.width)
        place(runningHeader, x: content.x, baseline: frame.headerBaseline, into: &items)
        let ruleY = frame.headerBaseline + type.furniture.size * 0.6
        items.append(.line(from: Point(x: content.x, y: ruleY), to: Point(x: content.maxX, y: ruleY), Palette.rule, lineWidth: 0.75))
        let header = items
        items = []

        let number = Template.fill(document.pageNumberTemplate, ["page": String(page), "pages": String(pages)])
        let pageNumber = shaper.shape(number, style: headerStyle, width: nil)
        let gap = type.furniture.size * 2
        // The page number shares the first line only: the lines under it have the whole width.
        let firstWidth = content.width - pageNumber.width - gap
        let footerLines = lines(document.footer, style: type.furniture, firstWidth: firstWidth, width: content.width)
        let firstLine = shaper.shape(footerLines[0], style: type.furniture, width: firstWidth)
        let footerRuleY = frame.footerTop - type.furniture.size * 0.4
        items.append(.line(from: Point(x: content.x, y: footerRuleY), to: Point(x: content.maxX, y: footerRuleY), Palette.rule, lineWidth: 0.75))
        placeLines(of: firstLine, 0..<firstLine.lines.count, at: Point(x: content.x, y: frame.footerTop), into: &items)
        if footerLines.count > 1 {
            let rest = shaper.shape(footerLines.dropFirst().joined(separator: "\n"), style: type.furniture, width: content.width)
            placeLines(of: rest, 0..<rest.lines.count, at: Point(x: content.x, y: frame.footerTop + firstLine.height), into: &items)
        }
        let numberTop = frame.footerTop + firstLine.lines[0].baseline - pageNumber.lines[0].baseline
        placeLines(of: pageNumber, 0..<1, at: Point(x: content.maxX - pageNumber.width, y: numberTop), into: &items)
        return (header, items)
    }

    /// The running header's lines: the name, then the date of birth on a line of its own when
    /// both do not fit on one.
    func headerLines(_ document: Document) -> [String] {
        lines(document.runningHeader, style: headerStyle, firstWidth: frame.content.width, width: frame.content.width)
    }

    private var headerStyle: TextStyle {
        var style = type.furniture
        style.bold = true
        style.color = Palette.text
        return style
    }

    /// `parts` joined by " · " while they fit on one line (`firstWidth` wide, the next ones
    /// `width`); a part that does not fit starts the next line whole (never "Printed" at the end
    /// of one line, its date on the next, nor a name parted from its date of birth).
    private func lines(_ parts: [String], style: TextStyle, firstWidth: Double, width: Double) -> [String] {
        var lines: [String] = []
        for part in parts {
            if let last = lines.last,
               shaper.shape(last + "  ·  " + part, style: style, width: nil).width <= (lines.count == 1 ? firstWidth : width) {
                lines[lines.count - 1] = last + "  ·  " + part
            } else {
                lines.append(part)
            }
        }
        return lines.isEmpty ? [""] : lines
    }

    /// Places `text` so that its last line sits on `baseline`.
    private func place(_ text: ShapedText, x: Double, baseline: Double, into items: inout [DisplayItem]) {
        guard let last = text.lines.last else { return }
        let top = baseline - last.baseline
        placeLines(of: text, 0..<text.lines.count, at: Point(x: x, y: top + text.lines[0].top), into: &items)
    }
}
