import Foundation

/// What an SVG logo may hold, element by element and attribute by attribute: shapes, text,
/// gradients, clips and masks, each drawn from the file itself. Every answer is why not, in
/// plain words, or nil. The parsing is `SVGLogoCheck`'s.
enum SVGRules {
    static let svgNamespace = "http://www.w3.org/2000/svg"
    static let xIncludeNamespace = "http://www.w3.org/2001/XInclude"

    static let drawn: Set<String> = [
        "svg", "g", "defs", "symbol", "use", "switch", "title", "desc", "metadata", "style",
        "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan", "textPath",
        "linearGradient", "radialGradient", "stop", "clipPath", "mask", "pattern", "marker",
    ]

    static let filter = "has a filter; filters are not drawn in logos: save it without"
    static let outside = "refers to other files or web addresses (data: too); use one that holds everything it draws"
    static let code = "has a script or an event attribute (like onload); a logo runs no code: save it without"

    /// `name` without its prefix; `namespace` nil for an element of no namespace (read as SVG).
    static func element(_ name: String, namespace: String?) -> String? {
        if namespace == xIncludeNamespace { return "includes another file (XInclude); use one that holds everything it draws" }
        // Other vocabularies (an editor's own data, RDF metadata) are not drawn.
        if let namespace, namespace != svgNamespace { return nil }
        if drawn.contains(name) { return nil }
        if name == "filter" || name.hasPrefix("fe") { return filter }
        switch name {
        case "image": return "has an embedded image; a logo is drawn from shapes and text: save it without images, or use a PNG logo"
        case "foreignObject": return "has a foreignObject (HTML inside the SVG), which logos do not draw: save it without"
        case "script": return code
        default:
            let shown = name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } ? " <\(name)>" : ""
            return "has an element\(shown) that logos do not draw (animation, links, fonts); save it as plain shapes"
        }
    }

    static func attribute(_ name: String, value: String) -> String? {
        let name = name.lowercased()
        if name.hasPrefix("on") { return code }
        if name == "filter" { return filter }
        if name == "href", !value.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("#") { return outside }
        if name == "style" || value.range(of: "url(", options: .caseInsensitive) != nil { return css(value) }
        return nil
    }

    /// A style attribute or a <style> element's text: only `url(#id)`, no imports, no filters.
    static func css(_ text: String) -> String? {
        let text = text.lowercased()
        // An escape could spell url( or filter so that no search finds it.
        if text.contains("\\") { return "has an escape (\\) in its style; save it without" }
        if text.contains("@import") { return outside }
        var rest = text[...]
        while let found = rest.range(of: "url(") {
            rest = rest[found.upperBound...].drop { $0.isWhitespace || $0 == "\"" || $0 == "'" }
            if !rest.hasPrefix("#") { return outside }
        }
        rest = text[...]
        while let found = rest.range(of: "filter") {
            rest = rest[found.upperBound...]
            if rest.drop(while: \.isWhitespace).hasPrefix(":") { return filter }
        }
        return nil
    }
}
