import Foundation

/// What an SVG logo may hold, element by element and attribute by attribute: shapes, text,
/// gradients, clips and masks, each drawn from the file itself. Every answer is why not, or
/// nil. The parsing is `SVGLogoCheck`'s.
enum SVGRules {
    static let svgNamespace = "http://www.w3.org/2000/svg"
    static let xIncludeNamespace = "http://www.w3.org/2001/XInclude"

    static let drawn: Set<String> = [
        "svg", "g", "defs", "symbol", "use", "switch", "title", "desc", "metadata", "style",
        "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan", "textPath",
        "linearGradient", "radialGradient", "stop", "clipPath", "mask", "pattern", "marker",
    ]

    /// `name` without its prefix; `namespace` nil for an element of no namespace (read as SVG).
    static func element(_ name: String, namespace: String?) -> SVGProblem? {
        if namespace == xIncludeNamespace { return .xInclude }
        // Other vocabularies (an editor's own data, RDF metadata) are not drawn.
        if let namespace, namespace != svgNamespace { return nil }
        if drawn.contains(name) { return nil }
        if name == "filter" || name.hasPrefix("fe") { return .filter }
        switch name {
        case "image": return .image
        case "foreignObject": return .foreignObject
        case "script": return .code
        default: return .undrawnElement(name: name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } ? name : nil)
        }
    }

    static func attribute(_ name: String, value: String) -> SVGProblem? {
        let name = name.lowercased()
        if name.hasPrefix("on") { return .code }
        if name == "filter" { return .filter }
        if name == "href", !value.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("#") { return .outsideReference }
        if name == "style" || value.range(of: "url(", options: .caseInsensitive) != nil { return css(value) }
        return nil
    }

    /// A style attribute or a <style> element's text: only `url(#id)`, no imports, no filters.
    static func css(_ text: String) -> SVGProblem? {
        let text = text.lowercased()
        // An escape could spell url( or filter so that no search finds it.
        if text.contains("\\") { return .styleEscape }
        if text.contains("@import") { return .outsideReference }
        var rest = text[...]
        while let found = rest.range(of: "url(") {
            rest = rest[found.upperBound...].drop { $0.isWhitespace || $0 == "\"" || $0 == "'" }
            if !rest.hasPrefix("#") { return .outsideReference }
        }
        rest = text[...]
        while let found = rest.range(of: "filter") {
            rest = rest[found.upperBound...]
            if rest.drop(while: \.isWhitespace).hasPrefix(":") { return .filter }
        }
        return nil
    }
}
