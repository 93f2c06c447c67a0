import CPangoCairo
import Foundation
import HandoutCore
import HandoutLayout

/// Cairo's file and what the finisher must know of how it was drawn.
struct DrawnPDF {
    let bytes: [UInt8]
    /// Every link annotation in drawing order (Cairo's order of their objects).
    let links: [LinkAnnotation]
    /// For each page, what each stretch of its content stream that Cairo left outside every
    /// structure element is, in drawing order.
    let artifacts: [[Artifact]]
    /// How many structure elements the drawing began, the Document first.
    let elementCount: Int
    /// What to add to a structure element's dictionary, by the element's place in the order
    /// elements begin (0 is the Document).
    let elementEntries: [Int: String]
}

/// What Cairo drew outside the structure tree: page furniture or decoration.
enum Artifact: Equatable {
    case header, footer, layout

    /// The marked-content tag and properties that say so (ISO 32000-1 §14.8.2.2).
    var markedContent: String {
        switch self {
        case .header: return "/Artifact << /Type /Pagination /Subtype /Header /Attached [/Top] >> BDC"
        case .footer: return "/Artifact << /Type /Pagination /Subtype /Footer /Attached [/Bottom] >> BDC"
        case .layout: return "/Artifact << /Type /Layout >> BDC"
        }
    }
}

/// A link annotation as drawn: where it goes and what a screen reader says for it.
struct LinkAnnotation: Equatable {
    let uri: String
    let contents: String
}

/// Draws laid-out pages on a Cairo PDF surface, in memory: text, rules, fills, links,
/// structure tags, the outline and the document metadata. Reads the display list only.
enum PDFDrawer {
    static func draw(_ pages: [Page], metadata: Document.Metadata,
                     maximumBytes: Int = PDFSurface.defaultMaximumBytes) throws(PDFError) -> DrawnPDF {
        // Every page has the first page's size: calling cairo_pdf_surface_set_size per page
        // makes cairo 1.16 abort when it writes the outline.
        let size = pages.first?.size ?? Paper.letter.size
        let surface = try PDFSurface(size: size, maximumBytes: maximumBytes)
        setMetadata(surface, metadata)
        let steps = drawingSteps(pages)
        let tags = try drawPages(steps, on: CairoContext(surface), size: size)
        return try DrawnPDF(bytes: surface.finish(), links: links(pages), artifacts: steps.map(artifacts),
                            elementCount: tags.begun, elementEntries: tags.entries)
    }

    /// The link annotations of `pages`: one per link per line, in drawing order.
    static func links(_ pages: [Page]) -> [LinkAnnotation] {
        pages.flatMap(\.items).flatMap { item -> [LinkAnnotation] in
            guard case let .text(run) = item else { return [] }
            return run.line.links.map { LinkAnnotation(uri: $0.target.uri, contents: $0.target.alternateDescription ?? $0.text) }
        }
    }

    /// Draws every page; returns the elements it began.
    private static func drawPages(_ pages: [[DrawStep]], on context: CairoContext, size: Size) -> TagWriter {
        let cr = context.pointer
        // A page-sized clip on every drawing: without one, Cairo 1.16's recording surface takes
        // a colour glyph (an emoji) drawn first on a page for a paint of the whole page and drops
        // the structure tags already begun there, then aborts writing the outline
        // (cairo-recording-surface.c, _cairo_recording_surface_paint). The clip writes nothing.
        cairo_rectangle(cr, 0, 0, size.width, size.height)
        cairo_clip(cr)
        var tags = TagWriter(cr: cr)
        tags.begin(StructureRole.documentType)
        var outline = OutlineBuilder(surface: context.surface.pointer)
        for (index, steps) in pages.enumerated() {
            for step in steps {
                switch step {
                case let .item(item, marking): draw(item, marking: marking, cr: cr, tags: &tags, page: index + 1, outline: &outline)
                case .beginSpan: tags.begin(StructureRole.spanType)
                case .endSpan: tags.end(StructureRole.spanType)
                }
            }
            if index + 1 < pages.count { cairo_show_page(cr) }
        }
        tags.end(StructureRole.documentType)
        return tags
    }

    /// Each page's drawing: the running header, outside every element; the content, each
    /// element begun once and ended once however many pages it runs over; the footer, outside
    /// every element. Cairo 1.16 cannot mark artifacts and writes marked content for leaf
    /// elements only, so the furniture of a page an element runs over must not fall inside a
    /// leaf's marked content: a leaf element that runs on (a long paragraph, a list item's
    /// body) gets one Span per page for its text and becomes a parent, and the furniture drawn
    /// while it is open is left untagged for the finisher to mark (`artifacts`).
    static func drawingSteps(_ pages: [Page]) -> [[DrawStep]] {
        let elements = ElementSurvey(pages)
        var open: [Int] = []
        var next = 0
        return pages.map { page in
            var steps = page.header.map { DrawStep.item($0, .header) }
            var spanOpen = false
            for item in page.content {
                switch item {
                case .beginTag:
                    open.append(next)
                    steps.append(.item(item, elements.marking(inside: next)))
                    next += 1
                case .endTag:
                    let element = open.removeLast()
                    if spanOpen {
                        steps.append(.endSpan)
                        spanOpen = false
                    }
                    steps.append(.item(item, elements.marking(inside: element)))
                case .outline:
                    steps.append(.item(item, .outside))
                case .text, .fill, .frame, .line, .polyline, .fills, .image:
                    let element = open.last
                    if let element, elements.runsOnAsLeaf.contains(element), !spanOpen {
                        steps.append(.beginSpan)
                        spanOpen = true
                    }
                    steps.append(.item(item, element.map { spanOpen ? .inLeaf : elements.marking(inside: $0) } ?? .outside))
                }
            }
            if spanOpen { steps.append(.endSpan) }
            return steps + page.footer.map { DrawStep.item($0, .footer) }
        }
    }

    /// What the drawer must know of each element (numbered in the order they begin) before it
    /// draws the first page.
    struct ElementSurvey {
        /// Elements with elements in them: Cairo writes no marked content of their own.
        var parents: Set<Int> = []
        /// Elements with a link in their own text: their text goes into Spans and Links.
        var linked: Set<Int> = []
        /// Leaf elements open at the bottom of a page: their text goes into a Span per page.
        var runsOnAsLeaf: Set<Int> = []

        init(_ pages: [Page]) {
            var open: [Int] = []
            var count = 0
            var runsOn: Set<Int> = []
            for page in pages {
                for item in page.content {
                    switch item {
                    case .beginTag:
                        if let parent = open.last { parents.insert(parent) }
                        open.append(count)
                        count += 1
                    case .endTag: open.removeLast()
                    case let .text(run) where !run.line.links.isEmpty: if let element = open.last { linked.insert(element) }
                    default: break
                    }
                }
                runsOn.formUnion(open)
            }
            runsOnAsLeaf = runsOn.subtracting(parents).subtracting(linked)
        }

        /// Where what is drawn directly in `element` lands (outside a Span the drawer adds).
        func marking(inside element: Int) -> Marking {
            linked.contains(element) ? .inText : parents.contains(element) || runsOnAsLeaf.contains(element) ? .inParent : .inLeaf
        }
    }

    /// Where an item is drawn in Cairo 1.16's marked content, which only leaf elements get: an
    /// element with children (a Table, a Div, a P with a Link in it) writes no marked content of
    /// its own, so what is drawn directly in it would be untagged. For a begin or end tag, where
    /// the element's own content lands.
    enum Marking: Equatable {
        /// Page furniture, outside every element.
        case header, footer
        /// Outside every element (decoration between blocks).
        case outside
        /// Directly in an element with elements in it (a Table, a Div, a list): decoration, like
        /// a continued table's repeated header row.
        case inParent
        /// Directly in an element with a link in its text: text goes into Spans and Links.
        case inText
        /// In a leaf element (or a Span the drawer adds), inside its marked content.
        case inLeaf
    }

    /// One step of drawing a page: an item of the display list and where Cairo writes it, or
    /// the begin or end of a Span the drawer adds around a page's share of a leaf that runs on.
    enum DrawStep {
        case item(DisplayItem, Marking)
        case beginSpan, endSpan
    }

    /// The stretches of a page's drawing that Cairo writes outside every marked-content
    /// sequence of an element, and what each is. A stretch ends where an element's marked
    /// content begins: at a leaf element, a Span the drawer adds, and text drawn in Spans or
    /// Links. A stretch that holds furniture and decoration (a box running on above the
    /// header) is furniture.
    static func artifacts(_ steps: [DrawStep]) -> [Artifact] {
        var stretches: [Artifact] = []
        var open = false
        for step in steps {
            let untagged: Artifact?
            let marksContent: Bool
            switch step {
            case .beginSpan: (untagged, marksContent) = (nil, true)
            case .endSpan: (untagged, marksContent) = (nil, false)
            case let .item(item, marking):
                let kind: Artifact = marking == .header ? .header : marking == .footer ? .footer : .layout
                switch item {
                case .text: untagged = marking == .inText || marking == .inLeaf ? nil : kind
                case .fill, .frame, .line, .polyline, .fills, .image: untagged = marking == .inLeaf ? nil : kind
                case .beginTag, .endTag, .outline: untagged = nil
                }
                // What a leaf holds comes after its begin, at least its end: a leaf's begin marks content.
                if case .beginTag = item { marksContent = marking == .inLeaf } else { marksContent = marking == .inText }
            }
            if let untagged {
                if !open {
                    stretches.append(untagged)
                } else if untagged != .layout {
                    stretches[stretches.count - 1] = untagged
                }
                open = true
            } else if marksContent {
                open = false
            }
        }
        return stretches
    }

    private static func setMetadata(_ surface: PDFSurface, _ metadata: Document.Metadata) {
        let date = metadata.date.description + "T00:00:00Z"
        let entries: [(cairo_pdf_metadata_t, String)] = [
            (CAIRO_PDF_METADATA_TITLE, metadata.title),
            (CAIRO_PDF_METADATA_AUTHOR, metadata.author),
            (CAIRO_PDF_METADATA_SUBJECT, metadata.subject),
            (CAIRO_PDF_METADATA_KEYWORDS, metadata.keywords.joined(separator: ", ")),
            (CAIRO_PDF_METADATA_CREATOR, "Handout"),
            (CAIRO_PDF_METADATA_CREATE_DATE, date),
            (CAIRO_PDF_METADATA_MOD_DATE, date),
        ]
        for (key, value) in entries { cairo_pdf_surface_set_metadata(surface.pointer, key, value) }
    }

    private static func draw(_ item: DisplayItem, marking: Marking, cr: OpaquePointer, tags: inout TagWriter, page: Int,
                             outline: inout OutlineBuilder) {
        switch item {
        case let .beginTag(role):
            tags.begin(role.pdfStructureType, entries: role.pdfEntries)
        case let .endTag(role):
            tags.end(role.pdfStructureType)
        case let .outline(level, title, y):
            outline.add(level: level, title: title, page: page, y: y)
        default:
            CairoInk.draw(item, cr: cr) { show($0, inSpans: marking == .inText, cr: cr, tags: &tags) }
        }
    }

    /// Draws one line of text. A line with links is drawn in pieces of consecutive Pango runs
    /// (a link's attributes give it runs of its own; `LineRuns` draws them without editing the
    /// line), each link's inside its Link tag: the link text is then in the Link element, and
    /// Cairo takes the annotation's rectangle from it. With `inSpans` every other piece is drawn
    /// in a Span element.
    private static func show(_ run: TextRun, inSpans: Bool, cr: OpaquePointer, tags: inout TagWriter) {
        run.shaped.withLayoutLine(run.lineIndex) { line in
            let links = run.line.links
            guard !links.isEmpty || inSpans else {
                CairoInk.show(line, at: run.origin, cr: cr)
                return
            }
            let runs = LineRuns(line)
            func target(_ index: Int) -> LinkTarget? {
                let offset = runs.byteOffset(of: index)
                return links.first { $0.bytes.contains(offset) }?.target
            }
            // Pieces in the order they are seen, each with its left edge; then drawn in the order
            // they are read (a right-to-left line's runs are seen from its end to its start).
            var pieces: [(runs: Range<Int>, link: LinkTarget?, x: Double, width: Int32)] = []
            var x = run.origin.x
            var first = 0
            while first < runs.count {
                let link = target(first)
                var end = first + 1
                while end < runs.count, target(end) == link { end += 1 }
                let width = runs.width(of: first..<end)
                pieces.append((first..<end, link, x, width))
                x += Double(width) / Double(PANGO_SCALE)
                first = end
            }
            for piece in pieces.sorted(by: { runs.byteOffset(of: $0.runs) < runs.byteOffset(of: $1.runs) }) {
                // LinkTarget holds URI-safe ASCII only (no quote, parenthesis or backslash): it can
                // close neither Cairo's attribute string nor the PDF string Cairo copies it into.
                // A piece that shows nothing (only the marks that isolate an inserted value) gets no
                // Span: an empty element would be read as nothing by a screen reader.
                let tag = piece.link.map { (CAIRO_TAG_LINK, "uri='\($0.uri)'") }
                    ?? (inSpans && piece.width > 0 ? (StructureRole.spanType, "") : nil)
                if let (name, attributes) = tag { tags.begin(name, attributes: attributes) }
                runs.draw(piece.runs, at: Point(x: piece.x, y: run.origin.y), cr: cr)
                if let (name, _) = tag { tags.end(name) }
            }
        }
    }
}

/// Begins and ends Cairo's tags, numbering the structure elements in the order they begin,
/// which is the order of Cairo's structure tree read depth first, and keeping by number what
/// the finisher must add to an element's dictionary.
private struct TagWriter {
    let cr: OpaquePointer
    private(set) var begun = 0
    private(set) var entries: [Int: String] = [:]

    init(cr: OpaquePointer) {
        self.cr = cr
    }

    mutating func begin(_ name: String, attributes: String? = nil, entries: String? = nil) {
        if let entries { self.entries[begun] = entries }
        begun += 1
        cairo_tag_begin(cr, name, attributes)
    }

    func end(_ name: String) {
        cairo_tag_end(cr, name)
    }
}

/// Bookmarks nested by heading level.
private struct OutlineBuilder {
    let surface: OpaquePointer
    /// The last bookmark id at each level; level 0 is the root.
    var parents: [Int32] = [Int32(CAIRO_PDF_OUTLINE_ROOT)]

    init(surface: OpaquePointer) {
        self.surface = surface
    }

    mutating func add(level: Int, title: String, page: Int, y: Double) {
        let depth = min(max(level, 1), parents.count)
        let parent = parents[depth - 1]
        let flags = level <= 2 ? CAIRO_PDF_OUTLINE_FLAG_OPEN : cairo_pdf_outline_flags_t(0)
        let id = cairo_pdf_surface_add_outline(surface, parent, title, String(format: "page=%d pos=[0 %.2f]", page, y), flags)
        parents = Array(parents.prefix(depth)) + [id]
    }
}
