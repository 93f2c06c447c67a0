import CLibXML2
import Foundation

/// Reads an SVG logo with libxml2, the parser librsvg draws it with, and lets through only what
/// `SVGRules` allows, in at most `maximumElements` elements `maximumDepth` deep: whatever passes
/// draws in bounded time and memory. No DTD is read or loaded, no entity replaced, nothing
/// fetched from the network; a DOCTYPE of any kind is refused (a default attribute declared in
/// one once embedded an image that no attribute in the file named).
struct SVGLogoCheck {
    static let maximumElements = 5_000
    static let maximumDepth = 64

    /// libxml2 sets up its globals once, before any thread reads with it.
    private static let parserReady: Void = xmlInitParser()
    private static let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)

    private var names: [String] = []
    private var open: [Int] = []
    private var uses = SVGUseCount()

    /// Why `bytes` is not an SVG logo to draw, or nil.
    static func problem(_ bytes: Data) -> LogoProblem? {
        _ = parserReady
        var check = SVGLogoCheck()
        // The reader keeps the buffer without copying it: all reading happens in here.
        return bytes.withUnsafeBytes { buffer in
            guard let reader = xmlReaderForMemory(buffer.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(buffer.count), nil, nil, options) else {
                return .svgUnreadable
            }
            defer { xmlFreeTextReader(reader) }
            return check.read(reader)
        }
    }

    private mutating func read(_ reader: xmlTextReaderPtr) -> LogoProblem? {
        var status = xmlTextReaderRead(reader)
        while status == 1 {
            if let reason = node(reader) { return .svg(reason, line: Self.line(reader)) }
            if names.first.map({ $0 != "svg" }) == true { return .neitherPNGNorSVG }
            status = xmlTextReaderRead(reader)
        }
        if status != 0 { return .svgNotWellFormed(line: Int(xmlTextReaderGetParserLineNumber(reader))) }
        if names.first != "svg" { return .neitherPNGNorSVG }
        return uses.problem().map { .svg($0, line: nil) }
    }

    /// Why the node the reader is at is not drawn in a logo, or nil.
    private mutating func node(_ reader: xmlTextReaderPtr) -> SVGProblem? {
        switch Int(xmlTextReaderNodeType(reader)) {
        case Self.elementNode:
            return element(reader)
        case Self.textNode, Self.cdataNode:
            let parent = open.dropLast(open.count - Int(xmlTextReaderDepth(reader))).last
            return parent.map { names[$0] } == "style" ? SVGRules.css(Self.string(xmlTextReaderConstValue(reader))) : nil
        case Self.doctypeNode, Self.entityNode:
            return .doctype
        case Self.instructionNode:
            return .processingInstruction
        default:
            return nil
        }
    }

    /// The line of the node the reader is at (an element's start tag, a text's start); nil for
    /// a DOCTYPE, which has none of its own (and stands before the root element).
    private static func line(_ reader: xmlTextReaderPtr) -> Int? {
        xmlTextReaderMoveToElement(reader)
        let line = xmlTextReaderCurrentNode(reader).map { Int(xmlGetLineNo($0)) } ?? 0
        return line > 0 ? line : nil
    }

    private mutating func element(_ reader: xmlTextReaderPtr) -> SVGProblem? {
        guard names.count < Self.maximumElements else { return .tooManyElements(maximum: Self.maximumElements) }
        let depth = Int(xmlTextReaderDepth(reader))
        guard depth < Self.maximumDepth else { return .tooDeep(maximum: Self.maximumDepth) }
        let name = Self.localName(Self.string(xmlTextReaderConstLocalName(reader)))
        let namespace = xmlTextReaderConstNamespaceUri(reader).map { Self.string($0) }
        if names.isEmpty, name != "svg" {
            names.append(name)  // read() then says it is no SVG at all
            return nil
        }
        if let reason = SVGRules.element(name, namespace: namespace) { return reason }
        var id: String?, useTarget: String?
        while xmlTextReaderMoveToNextAttribute(reader) == 1 {
            if xmlTextReaderIsNamespaceDecl(reader) == 1 { continue }
            let attribute = Self.localName(Self.string(xmlTextReaderConstLocalName(reader))).lowercased()
            let value = Self.string(xmlTextReaderConstValue(reader))
            if let reason = SVGRules.attribute(attribute, value: value) { return reason }
            if SVGSize.sized.contains(name), let reason = SVGSize.check(attribute, value: value) { return reason }
            if attribute == "id" { id = value }
            if attribute == "href", name == "use" { useTarget = String(value.trimmingCharacters(in: .whitespacesAndNewlines).dropFirst()) }
        }
        xmlTextReaderMoveToElement(reader)
        open.removeSubrange(min(depth, open.count)...)
        uses.add(parent: open.last, id: id, useTarget: useTarget)
        open.append(names.count)
        names.append(name)
        return nil
    }

    /// The name after any prefix: libxml2 gives one whose prefix is not bound (`xi:include` with no
    /// xmlns:xi) whole.
    private static func localName(_ name: String) -> String {
        name.split(separator: ":").last.map(String.init) ?? name
    }

    private static func string(_ text: UnsafePointer<xmlChar>?) -> String {
        text.map { String(cString: $0) } ?? ""
    }

    private static let elementNode = Int(XML_READER_TYPE_ELEMENT.rawValue), textNode = Int(XML_READER_TYPE_TEXT.rawValue)
    private static let cdataNode = Int(XML_READER_TYPE_CDATA.rawValue), doctypeNode = Int(XML_READER_TYPE_DOCUMENT_TYPE.rawValue)
    private static let entityNode = Int(XML_READER_TYPE_ENTITY_REFERENCE.rawValue)
    private static let instructionNode = Int(XML_READER_TYPE_PROCESSING_INSTRUCTION.rawValue)
}
