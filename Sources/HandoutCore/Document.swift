/// What the handout says, in reading order, before anything is measured or placed.
/// Built by `Composer`; laid out by HandoutLayout.
public struct Document: Sendable, Hashable {
    public var metadata: Metadata
    /// Printed at the top of every page: whose handout this is (patient safety), in parts a line
    /// may break between (the name, the date of birth) but never inside.
    public var runningHeader: [String]
    /// Printed at the bottom of every page, left and middle; the page number goes right.
    public var footer: [String]
    /// "Page {page} of {pages}".
    public var pageNumberTemplate: String
    public var blocks: [Block]

    public init(metadata: Metadata, runningHeader: [String], footer: [String], pageNumberTemplate: String, blocks: [Block]) {
        self.metadata = metadata
        self.runningHeader = runningHeader
        self.footer = footer
        self.pageNumberTemplate = pageNumberTemplate
        self.blocks = blocks
    }

    public struct Metadata: Sendable, Hashable {
        public var title: String
        public var author: String
        public var subject: String
        public var keywords: [String]
        public var language: String
        /// The moment the PDF says it was made: from SOURCE_DATE_EPOCH or the input, never the clock.
        public var date: CalendarDate

        public init(title: String, author: String, subject: String, keywords: [String], language: String, date: CalendarDate) {
            self.title = title
            self.author = author
            self.subject = subject
            self.keywords = keywords
            self.language = language
            self.date = date
        }
    }
}

/// A run of text with one look; a paragraph is a list of them.
public struct Span: Sendable, Hashable {
    public var text: String
    public var bold: Bool
    /// Drawn as a clickable link.
    public var link: LinkTarget?
    /// The span's language when it is not the handout's (a notice in the patient's own), so that
    /// its glyphs are that language's (Chinese: Simplified or Traditional forms); nil: the handout's.
    public var language: String?

    public init(_ text: String, bold: Bool = false, link: LinkTarget? = nil, language: String? = nil) {
        self.text = text
        self.bold = bold
        self.link = link
        self.language = language
    }
}

public typealias RichText = [Span]

public indirect enum Block: Sendable, Hashable {
    /// Level 1 is the title (one per document), 2 a section, 3 a subsection.
    case heading(level: Int, text: String)
    case paragraph(RichText)
    case bullets([RichText])
    /// Sources: a list in the smaller size of references, for those who look them up.
    case references([RichText])
    /// Label/value pairs in two aligned columns (the patient block).
    case keyValues([LabeledValue])
    /// A term in bold followed by its explanation (the treatment options).
    case definitions([LabeledValue])
    case checklist([ChecklistItem])
    case table(Table)
    /// Two columns of blocks, side by side when both fit the width, else one after the other
    /// (benefits beside drawbacks, one group of check boxes beside the other).
    case columns([Block], [Block])
    /// A question or prompt kept together with blank ruled lines to write the answer on: at
    /// least `lines`, more when the last page has room for them.
    case prompt(String, lines: Int)
    /// A tinted, framed box holding other blocks, kept on one page unless taller than a page;
    /// then its part on the next page starts with `continued` ("Your next steps (continued)").
    case box(BoxStyle, [Block], continued: String? = nil)
    /// Blocks kept on one page the same way, without a box (a checklist with its intro and legend).
    case group([Block], continued: String? = nil)
    /// One line with text at the left and at the right (clinic name and contact), the clinic's
    /// logo, when it has one, before the name.
    case masthead(left: RichText, right: RichText, logo: ClinicLogo?)
    /// A QR code that opens `target` (a web address), with `caption` (what it is for: "Scan to
    /// open our website") and the `address` printed under it; `alt` is what a screen reader says
    /// for the code.
    case qrCode(target: String, alt: String, caption: String, address: RichText)
    /// A framed notice in another language than the handout's (the patient's own, when the
    /// handout is in English for want of a translation they may get), tagged with its language.
    case notice(LanguageNotice)
}

public enum BoxStyle: Sendable, Hashable {
    /// Tinted, no frame: the patient block.
    case tinted
    /// Accent frame with a light tint: "What you need to know", "Your next steps".
    case framed
}

public struct ChecklistItem: Sendable, Hashable {
    public var text: String
    public var checked: Bool
    /// What a screen reader says for the box instead of its glyph: "checked" or "not checked"
    /// in the handout's language.
    public var spokenState: String

    public init(text: String, checked: Bool, spokenState: String) {
        self.text = text
        self.checked = checked
        self.spokenState = spokenState
    }
}

public struct TitledList: Sendable, Hashable, Decodable {
    public var title: String
    public var items: [String]

    public init(title: String, items: [String]) {
        self.title = title
        self.items = items
    }
}

public struct Table: Sendable, Hashable {
    public var caption: String?
    public var header: [String]
    public var rows: [[String]]

    public init(caption: String?, header: [String], rows: [[String]]) {
        self.caption = caption
        self.header = header
        self.rows = rows
    }
}

/// A label (or term) and the text that goes with it.
public struct LabeledValue: Sendable, Hashable {
    public var label: String
    public var value: String

    public init(_ label: String, _ value: String) {
        self.label = label
        self.value = value
    }
}
