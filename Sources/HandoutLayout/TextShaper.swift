import CPangoCairo
import HandoutCore

/// Shapes text with Pango. Not thread-safe: one per thread. Keeps what it shaped, since
/// most of a handout's text is the same for every patient. Every paragraph runs in the
/// handout's direction and starts at the left edge of its box; a right-to-left handout's page
/// is mirrored after layout (`Page.mirrored`), which puts that start at the right edge.
public final class TextShaper {
    private let pango: PangoTextContext
    private var fonts: [TextStyle: FontDescription] = [:]
    private var cache: [CacheKey: ShapedText] = [:]
    /// Past this many entries the cache starts over, so patient text cannot grow it without bound.
    private let cacheLimit = 4096
    /// Korean breaks lines only between words, as Korean is written (CSS `word-break: keep-all`);
    /// Pango would break between any two syllables ("합니" / "다.").
    private let keepsKoreanWordsWhole: Bool

    private struct CacheKey: Hashable {
        let text: RichText
        let style: TextStyle
        let width: Double?
    }

    /// `language`: the content language of the text it shapes ("zh-Hant"), so that fonts and
    /// glyph forms are that language's; nil: Pango's default (the process locale's).
    public init(direction: TextDirection = .leftToRight, language: String? = nil) {
        pango = PangoTextContext(direction: direction, language: language)
        keepsKoreanWordsWhole = language == "ko"
    }

    /// Shapes `text`, wrapping at `width` points (nil: one line per paragraph break).
    public func shape(_ text: RichText, style: TextStyle, width: Double?) -> ShapedText {
        let key = CacheKey(text: text, style: style, width: width)
        if let shaped = cache[key] { return shaped }
        if cache.count >= cacheLimit { cache.removeAll(keepingCapacity: true) }
        let shaped = makeShapedText(text, style: style, width: width)
        cache[key] = shaped
        return shaped
    }

    public func shape(_ text: String, style: TextStyle, width: Double?) -> ShapedText {
        shape([Span(text)], style: style, width: width)
    }

    private func font(_ style: TextStyle) -> FontDescription {
        if let font = fonts[style] { return font }
        let font = FontDescription(style)
        fonts[style] = font
        return font
    }

    /// A link is kept on one line when it fits on one: a link broken over two lines would be two
    /// links to a screen reader (Cairo makes an element per line). One longer than a line breaks.
    private func makeShapedText(_ text: RichText, style: TextStyle, width: Double?) -> ShapedText {
        let whole = makeShapedText(text, style: style, width: width, keepingLinksWhole: true)
        guard let width, text.contains(where: { $0.link != nil }), whole.lines.contains(where: { $0.x + $0.width > width + 0.01 }) else {
            return whole
        }
        return makeShapedText(text, style: style, width: width, keepingLinksWhole: false)
    }

    private func makeShapedText(_ text: RichText, style: TextStyle, width: Double?, keepingLinksWhole: Bool) -> ShapedText {
        let layout = pango_layout_new(pango.context)!
        pango_layout_set_font_description(layout, font(style).pointer)
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
        // The handout's direction, not the first letter's: an Arabic or Hebrew name must not
        // turn "Date of birth" lines right to left (the name itself still reads right to left).
        pango_layout_set_auto_dir(layout, 0)
        pango_layout_set_line_spacing(layout, Float(style.lineSpacing))
        if let width { pango_layout_set_width(layout, Int32((width * Double(PANGO_SCALE)).rounded(.down))) }
        let plain = text.map(\.text).joined()
        pango_layout_set_text(layout, plain, -1)
        let links = applyAttributes(text, to: layout, keepingLinksWhole: keepingLinksWhole)
        let lines = readLines(layout, text: plain, links: links)
        return ShapedText(layout: layout, lines: lines, style: style,
                          unknownGlyphs: Int(pango_layout_get_unknown_glyphs_count(layout)))
    }

    /// Bold and link runs as Pango attributes, optional ligatures off; returns each link's byte range.
    private func applyAttributes(_ text: RichText, to layout: OpaquePointer, keepingLinksWhole: Bool) -> [(range: Range<Int>, target: LinkTarget)] {
        let attributes = pango_attr_list_new()
        // No optional ligatures ("fi" stays two letters): text extraction and screen readers get
        // the letters themselves, and Cairo, which puts every single letter of WinAnsi in one
        // subset and every other glyph in a second, then embeds each face once for Latin text.
        // Scripts whose shaping needs ligatures keep them (required ligatures stay on).
        insert(pango_attr_font_features_new("liga 0"), 0..<Int(UInt32.max), attributes)
        if keepsKoreanWordsWhole {
            for word in Self.hangulWords(text.map(\.text).joined()) { insert(pango_attr_allow_breaks_new(0), word, attributes) }
        }
        var links: [(Range<Int>, LinkTarget)] = []
        var offset = 0
        for span in text {
            let range = offset..<(offset + span.text.utf8.count)
            offset = range.upperBound
            if span.bold { insert(pango_attr_weight_new(PANGO_WEIGHT_BOLD), range, attributes) }
            if let language = span.language { insert(pango_attr_language_new(FontLanguage.pango(language)), range, attributes) }
            if let target = span.link {
                // Underlined as well as colored: a link is never shown by color alone.
                insert(pango_attr_underline_new(PANGO_UNDERLINE_SINGLE), range, attributes)
                let c = Palette.link
                insert(pango_attr_foreground_new(UInt16(c.red * 65535), UInt16(c.green * 65535), UInt16(c.blue * 65535)), range, attributes)
                if keepingLinksWhole { insert(pango_attr_allow_breaks_new(0), range, attributes) }
                links.append((range, target))
            }
        }
        pango_layout_set_attributes(layout, attributes)
        pango_attr_list_unref(attributes)
        return links
    }

    /// The byte ranges of the words (runs between white space) that hold Hangul. Other words,
    /// such as a web address longer than a line, may still break anywhere.
    /// Hangul syllables, jamo and compatibility jamo.
    private static let hangul: [ClosedRange<UInt32>] = [0xAC00...0xD7A3, 0x1100...0x11FF, 0x3130...0x318F]

    static func hangulWords(_ text: String) -> [Range<Int>] {
        var words: [Range<Int>] = []
        var start: Int?
        var holdsHangul = false
        var offset = 0
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace {
                if let start, holdsHangul { words.append(start..<offset) }
                (start, holdsHangul) = (nil, false)
            } else {
                start = start ?? offset
                holdsHangul = holdsHangul || Self.hangul.contains { $0.contains(scalar.value) }
            }
            offset += UTF8.width(scalar)
        }
        if let start, holdsHangul { words.append(start..<offset) }
        return words
    }

    private func insert(_ attribute: UnsafeMutablePointer<PangoAttribute>?, _ range: Range<Int>, _ list: OpaquePointer?) {
        guard let attribute else { return }
        attribute.pointee.start_index = UInt32(range.lowerBound)
        attribute.pointee.end_index = UInt32(range.upperBound)
        pango_attr_list_insert(list, attribute)
    }

    private func readLines(_ layout: OpaquePointer, text: String, links: [(range: Range<Int>, target: LinkTarget)]) -> [ShapedLine] {
        let bytes = Array(text.utf8)
        var lines: [ShapedLine] = []
        let iterator = pango_layout_get_iter(layout)
        defer { pango_layout_iter_free(iterator) }
        repeat {
            var top: Int32 = 0
            var bottom: Int32 = 0
            pango_layout_iter_get_line_yrange(iterator, &top, &bottom)
            let baseline = pango_layout_iter_get_baseline(iterator)
            let line = pango_layout_iter_get_line_readonly(iterator)!
            var logical = PangoRectangle()
            pango_layout_line_get_extents(line, nil, &logical)
            let start = Int(line.pointee.start_index)
            let end = start + Int(line.pointee.length)
            let lineText = String(decoding: bytes[start..<end], as: UTF8.self)
            let spans = links.compactMap { link in linkSpan(link.range, link.target, lineRange: start..<end, bytes: bytes) }
            lines.append(ShapedLine(
                text: lineText.trimmingCharacters(in: .whitespacesAndNewlines),
                top: points(top), bottom: points(bottom), baseline: points(baseline),
                x: points(logical.x), width: points(logical.width), links: spans))
        } while pango_layout_iter_next_line(iterator) != 0
        return lines
    }

    private func linkSpan(_ range: Range<Int>, _ target: LinkTarget, lineRange: Range<Int>, bytes: [UInt8]) -> LinkSpan? {
        let overlap = range.clamped(to: lineRange)
        guard !overlap.isEmpty else { return nil }
        return LinkSpan(bytes: overlap, text: String(decoding: bytes[overlap], as: UTF8.self), target: target)
    }
}

func points(_ pangoUnits: Int32) -> Double {
    Double(pangoUnits) / Double(PANGO_SCALE)
}
