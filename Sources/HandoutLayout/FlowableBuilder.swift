import HandoutCore

/// Turns document blocks into flowables shaped at the frame width.
struct FlowableBuilder {
    let shaper: TextShaper
    let type: Typography
    /// The widest a line of running text may be: about 68 average characters, so that no
    /// line passes 80 (readability guidance: 50 to 80 characters a line).
    let measure: Double
    /// How boxes, checklists and columns stay on one page (`Typography.emptyShareBeforeSplitting`
    /// of `pageHeight`); a box with no cue to go on under (a callout) always moves whole.
    let keepTogether: KeepTogether
    private let pictures = Pictures()

    init(shaper: TextShaper, type: Typography, pageHeight: Double) {
        self.shaper = shaper
        self.type = type
        keepTogether = KeepTogether(splitsInRoom: type.emptyShareBeforeSplitting.map { $0 * pageHeight })
        let alphabet = "abcdefghijklmnopqrstuvwxyz "
        measure = shaper.shape(alphabet, style: type.body, width: nil).width / Double(alphabet.count) * 68
    }

    /// Shapes running text at the frame width or the measure, whichever is narrower.
    private func running(_ text: RichText, style: TextStyle, width: Double) -> ShapedText {
        shaper.shape(text, style: style, width: min(width, measure * style.size / type.body.size))
    }

    func flowables(_ blocks: [Block], width: Double) throws(LayoutError) -> [Flowable] {
        var flowables: [Flowable] = []
        for block in blocks { flowables.append(try flowable(block, width: width)) }
        return flowables
    }

    func flowable(_ block: Block, width: Double) throws(LayoutError) -> Flowable {
        switch block {
        case let .heading(level, text): return heading(level, text, width: width)
        case let .paragraph(text):
            // A sentence that ends with a colon introduces what follows: it never ends a page.
            let introduces = text.last?.text.trimmingCharacters(in: .whitespaces).hasSuffix(":") ?? false
            return TextBlock(running(text, style: type.body, width: width), role: .paragraph, spaceBefore: type.paragraphGap,
                             keepWithNext: introduces)
        case let .bullets(items): return list(items.map { (bullet(), .label, $0) }, width: width)
        case let .references(items):
            return list(items.map { (bullet(type.reference), .label, $0) }, style: type.reference, width: width)
        case let .checklist(items):
            let side = type.body.size * 0.9
            return list(items.map { (.checkBox(checked: $0.checked, side: side), .checkBox(spoken: $0.spokenState), [Span($0.text)]) }, width: width)
        case let .definitions(entries):
            // The term runs in, bold, so it cannot be parted from what it means.
            return list(entries.map { (bullet(), .label, [Span($0.label + ":", bold: true), Span(" " + $0.value)]) }, width: width)
        case let .keyValues(rows): return labeledRows(rows, width: width)
        case let .table(table): return self.table(table, width: width)
        case let .columns(left, right): return try columns(left, right, width: width)
        case let .prompt(text, lines):
            let question = TextBlock(running([Span(text)], style: type.body, width: width), role: .paragraph,
                                     spaceBefore: 0, keepWithNext: true)
            return Container([question, WritingLines(count: lines, lineHeight: type.writingLineHeight, spaceBefore: 0)],
                             role: nil, spaceBefore: type.itemGap)
        case let .box(style, children, continued):
            let inner = width - 2 * type.boxPadding
            return Container(try flowables(children, width: inner), role: .division,
                             decoration: style == .tinted ? .tint : .frame, padding: type.boxPadding, spaceBefore: type.sectionGap,
                             keepTogether: continued == nil ? .whole : keepTogether, continued: continued.map { cue($0, width: inner) })
        case let .group(children, continued):
            let members = try flowables(children, width: width)
            return Container(members, role: nil, spaceBefore: members.first?.spaceBefore ?? type.paragraphGap,
                             keepTogether: continued == nil ? .whole : keepTogether, continued: continued.map { cue($0, width: width) })
        case let .masthead(left, right, logo):
            return Masthead(logo: try logo.map { logo throws(LayoutError) in try self.logo(logo, width: width) },
                            left: shaper.shape(left, style: type.body, width: nil),
                            right: shaper.shape(right, style: type.body, width: nil), width: width, gap: type.body.size)
        case let .qrCode(target, alt, caption, address):
            // libqrencode refuses only what no QR code holds (a clinic's website always fits) or
            // when memory runs out: the address is still printed, without a caption about scanning.
            guard let matrix = QRCodeMatrix(target) else {
                return TextBlock(running(address, style: type.body, width: width), role: .paragraph, spaceBefore: type.sectionGap)
            }
            // At least an inch a side, which phone cameras read from a page held in the hand; its
            // caption and address are one paragraph of two lines, in the body's size.
            let captionText = running([Span(caption + "\n")] + address, style: type.body, width: width)
            return QRCodeBlock(matrix: matrix, alt: alt, side: max(72, type.body.size * 6.5), caption: captionText, spaceBefore: type.sectionGap)
        case let .notice(notice):
            let inner = width - 2 * type.boxPadding
            let text = TextBlock(running([Span(notice.text, bold: true, language: notice.language)], style: type.body, width: inner),
                                 role: .passage(language: notice.language), spaceBefore: 0)
            return Container([text], role: .division, decoration: .frame, padding: type.boxPadding, spaceBefore: type.sectionGap, keepTogether: .whole)
        }
    }

    /// The logo at most two body lines high (and a third of the width), its aspect kept.
    private func logo(_ logo: ClinicLogo, width: Double) throws(LayoutError) -> Masthead.Logo {
        let picture: Picture
        do {
            picture = try pictures.picture(logo)
        } catch {
            throw .unusableImage(error)
        }
        let aspect = picture.size.width / picture.size.height
        let height = min(type.body.size * type.body.lineSpacing * 2, width / 3 / aspect)
        return Masthead.Logo(picture: picture, size: Size(width: height * aspect, height: height), alt: logo.alt)
    }

    private func heading(_ level: Int, _ text: String, width: Double) -> TextBlock {
        let style = level == 1 ? type.title : level == 2 ? type.section : type.subsection
        let gap = level == 1 ? type.paragraphGap : level == 2 ? type.sectionGap : type.subsectionGap
        return TextBlock(shaper.shape(text, style: style, width: width), role: .heading(level: level), spaceBefore: gap,
                         keepWithNext: true, outline: (level, text))
    }

    private func bullet(_ style: TextStyle? = nil) -> ItemLabel { .text(shaper.shape("•", style: style ?? type.body, width: nil)) }

    private func list(_ items: [(label: ItemLabel, role: StructureRole, text: RichText)], style: TextStyle? = nil,
                      width: Double) -> Flowable {
        func shaped(width: Double) -> [LabeledItem] {
            items.enumerated().map { index, item in
                LabeledItem(label: item.label, labelRole: item.role,
                            body: running(item.text, style: style ?? type.body, width: width - type.listIndent),
                            indent: type.listIndent, spaceBefore: index == 0 ? 0 : type.itemGap)
            }
        }
        let whole = shaped(width: width)
        let oneColumn = Container(whole, role: .list, spaceBefore: type.paragraphGap)
        // Four or more items of a few words each take half the height in two columns. Only
        // items that are one line narrower than a column at full width are shaped again.
        let gutter = type.body.size * 1.5
        let column = (width - gutter) / 2
        if items.count >= 4, whole.allSatisfy({ $0.body.lines.count == 1 && $0.body.shaped.width <= column - type.listIndent }) {
            let halves = shaped(width: column)
            if halves.allSatisfy({ $0.body.lines.count == 1 }) {
                let leftCount = (halves.count + 1) / 2
                return BalancedList(left: Container(Array(halves[..<leftCount]), role: nil, spaceBefore: 0),
                                    right: Container(Array(halves[leftCount...]), role: nil, spaceBefore: 0),
                                    stacked: oneColumn, gutter: gutter, spaceBefore: type.paragraphGap, keepTogether: keepTogether)
            }
        }
        return oneColumn
    }

    private func labeledRows(_ rows: [LabeledValue], width: Double) -> LabeledRows {
        var labelStyle = type.body
        labelStyle.bold = true
        let gap = type.body.size
        let labels = rows.map { shaper.shape($0.label + ":", style: labelStyle, width: width / 2 - gap) }
        let labelWidth = (labels.map(\.width).max() ?? 0) + gap
        let shaped = zip(labels, rows).map { label, row in
            (label: label, value: shaper.shape(row.value, style: type.body, width: width - labelWidth))
        }
        return LabeledRows(rows: shaped, labelWidth: labelWidth, rowGap: type.paragraphGap / 3, spaceBefore: type.paragraphGap)
    }

    private func table(_ table: Table, width: Double) -> Flowable {
        let widths = ColumnWidths.fit(header: table.header, rows: table.rows, width: width,
                                      padding: type.cellPadding, shaper: shaper, type: type)
        func row(_ texts: [String], style: TextStyle) -> TableRow {
            TableRow(cells: zip(texts, widths).map { text, columnWidth in
                let shaped = shaper.shape(text, style: style, width: columnWidth - 2 * type.cellPadding)
                return CellSlice(shaped: shaped, lines: 0..<shaped.lines.count)
            }, padding: type.cellPadding)
        }
        let flowable = TableFlowable(columnWidths: widths, header: row(table.header, style: type.tableHeader),
                                     rows: table.rows.map { row($0, style: type.tableText) }, spaceBefore: type.paragraphGap)
        guard let caption = table.caption else { return flowable }
        var captionStyle = type.body
        captionStyle.bold = true
        let captionBlock = TextBlock(shaper.shape(caption, style: captionStyle, width: width), role: .caption,
                                     spaceBefore: type.paragraphGap, keepWithNext: true)
        return Container([captionBlock, flowable], role: nil, spaceBefore: type.paragraphGap)
    }

    /// The line a kept-together block repeats where it goes on after a page break.
    private func cue(_ text: String, width: Double) -> TextBlock {
        TextBlock(shaper.shape(text, style: type.section, width: width), role: nil, spaceBefore: 0)
    }

    private func columns(_ left: [Block], _ right: [Block], width: Double) throws(LayoutError) -> Flowable {
        func column(_ blocks: [Block], width: Double) throws(LayoutError) -> Container {
            Container(try flowables(blocks, width: width), role: nil, spaceBefore: type.subsectionGap)
        }
        let stacked = Container([try column(left, width: width), try column(right, width: width)], role: nil, spaceBefore: type.subsectionGap)
        let gutter = type.body.size * 1.5
        let columnWidth = (width - gutter) / 2
        // Side by side only while a column still holds about 30 characters a line.
        guard columnWidth >= type.body.size * 0.5 * 30 else { return stacked }
        return SideBySide(left: try column(left, width: columnWidth), right: try column(right, width: columnWidth),
                          stacked: stacked, gutter: gutter, spaceBefore: type.subsectionGap, keepTogether: keepTogether)
    }
}
