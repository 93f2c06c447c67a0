import Foundation
import HandoutTestSupport
import Testing
@testable import HandoutCore

/// The SVG a clinic names as its logo, read from a temporary file as a settings file would name it.
private func readLogo(_ svg: String) throws(InputError) -> ClinicLogo {
    let path = NSTemporaryDirectory() + "handout-logo-\(UUID().uuidString).svg"
    try! Data(svg.utf8).write(to: URL(fileURLWithPath: path))
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try ClinicLogo.read(path: path, alt: "Logo", source: "handout.yaml", field: "logo", altField: "logo-alt")
}

private func refusal(_ svg: String) -> String? {
    do {
        _ = try readLogo(svg)
        return nil
    } catch let .invalidField(source, field, problem) {
        return source == "handout.yaml" && field == "logo" ? problem.english : "wrong place: \(source) \(field)"
    } catch {
        return "\(error)"
    }
}

private let open = #"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="96" height="96">"#
private let png = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="

private let doctype = "has a DOCTYPE (a DTD, entities or default attributes), which a logo does not need; save it as plain SVG"
private let filter = "has a filter; filters are not drawn in logos: save it without"
private let outside = "refers to other files or web addresses (data: too); use one that holds everything it draws"
private let code = "has a script or an event attribute (like onload); a logo runs no code: save it without"

/// Each hostile logo by name, so that a failure does not print it; the line is where the refusal
/// is (none for a DOCTYPE: it stands before the root element).
private let hostile: [String: (svg: String, line: Int?, reason: String)] = [
    // A default attribute from the DTD: no `href=` in the element, yet librsvg drew the image.
    "attlist-default": ("<!DOCTYPE svg [\n<!ATTLIST use href CDATA \"\(png)\">\n]>\n\(open)<use width=\"9\"/></svg>", nil, doctype),
    "entity": ("<!DOCTYPE svg [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>\n\(open)<text>&b;</text></svg>", nil, doctype),
    "public-dtd": (#"<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">"# + open + "</svg>", nil, doctype),
    "turbulence": (open + "\n<filter id=\"f\"><feTurbulence baseFrequency=\"0.01\" numOctaves=\"10\"/></filter></svg>", 2, filter),
    "blur": (open + #"<defs><filter id="f"><feGaussianBlur stdDeviation="900"/></filter></defs><rect width="9" height="9" filter="url(#f)"/></svg>"#, 1, filter),
    "blur-property": (open + #"<rect width="9" height="9" style="fill:red; filter : blur(40px)"/></svg>"#, 1, filter),
    "fe-alone": (open + #"<feFlood flood-color="red"/></svg>"#, 1, filter),
    "data-image": (open + "<image width=\"9\" height=\"9\" href=\"\(png)\"/></svg>", 1,
                   "has an embedded image; a logo is drawn from shapes and text: save it without images, or use a PNG logo"),
    "data-use": (open + "<use xlink:href=\"\(png)\"/></svg>", 1, outside),
    "foreign-object": (open + #"<foreignObject width="9" height="9"><p xmlns="http://www.w3.org/1999/xhtml">hi</p></foreignObject></svg>"#, 1,
                       "has a foreignObject (HTML inside the SVG), which logos do not draw: save it without"),
    "script": (open + "<script>alert(1)</script></svg>", 1, code),
    "onload": (open.replacingOccurrences(of: ">", with: " onload=\"alert(1)\">"), 1, code),
    "style-url-data": (open + "<rect width=\"9\" height=\"9\" style=\"fill: url( '\(png)' )\"/></svg>", 1, outside),
    "style-element-url": (open + "\n<style>rect { fill: url(data:x) }</style></svg>", 2, outside),
    "style-escape": (open + #"<style>rect { fill: \75rl(data:x) }</style></svg>"#, 1, "has an escape (\\) in its style; save it without"),
    "stylesheet-instruction": (#"<?xml-stylesheet href="https://evil.example/a.css"?>"# + open + "</svg>", 1,
                               "has a processing instruction, such as an outside stylesheet; save it as plain SVG"),
    "xinclude": (open + #"<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="/etc/passwd" parse="text"/></svg>"#, 1,
                 "includes another file (XInclude); use one that holds everything it draws"),
    "animation": (open + #"<rect width="9" height="9"><animate attributeName="x" to="9"/></rect></svg>"#, 1,
                  "has an element <animate> that logos do not draw (animation, links, fonts); save it as plain shapes"),
    "huge-width": (#"<svg xmlns="http://www.w3.org/2000/svg" width="1e9" height="96"></svg>"#, 1,
                   "gives a width, height or viewBox that is not a size up to 20000 pixels; save it at logo size"),
    "huge-viewbox": (#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 30000 10"></svg>"#, 1,
                     "gives a width, height or viewBox that is not a size up to 20000 pixels; save it at logo size"),
    "huge-pattern": (open + #"<pattern id="p" width="900in" height="1"/></svg>"#, 1,
                     "gives a width, height or viewBox that is not a size up to 20000 pixels; save it at logo size"),
    "deep": (open + String(repeating: "<g>", count: 64) + String(repeating: "</g>", count: 64) + "</svg>", 1, "nests elements more than 64 deep"),
]

@Test(arguments: hostile.keys.sorted())
func aHostileSVGLogoIsRefusedNamingItsLine(_ name: String) {
    let (svg, line, reason) = hostile[name]!
    #expect(refusal(svg) == "names an SVG " + (line.map { "whose line \($0) " } ?? "that ") + reason)
}

@Test func anSVGWithTooManyElementsIsRefusedAsSoonAsItPassesTheCap() {
    let svg = open + String(repeating: "<rect width=\"1\" height=\"1\"/>", count: 5_000) + "</svg>"
    #expect(refusal(svg) == "names an SVG whose line 1 is past 5000 elements; a logo needs far fewer")
}

/// Ten uses of a group of ten uses, six deep: a million rectangles from 60 elements.
@Test func usesThatMultiplyAreRefused() {
    var svg = open + #"<defs><g id="g0"><rect width="1" height="1"/></g>"#
    for level in 1...6 {
        svg += "<g id=\"g\(level)\">" + String(repeating: "<use href=\"#g\(level - 1)\"/>", count: 10) + "</g>"
    }
    #expect(refusal(svg + "</defs></svg>") == "names an SVG that draws more than 20000 shapes through its <use> elements; save it simpler")
    let loop = open + ##"<g id="a"><use href="#a"/></g></svg>"##
    #expect(refusal(loop) == "names an SVG that has <use> elements that draw what draws them, or more than 8 deep; save it with plain shapes")
}

@Test func aBrokenSVGIsRefused() {
    #expect(refusal(open + "<rect></svg>") == "names an SVG image that is not well-formed XML (near line 1)")
    #expect(refusal("<html><svg/></html>") == "names a file that is neither a PNG nor an SVG image")
}

/// What editors save: their own namespaces and metadata, gradients, clips, a style sheet, uses
/// of its own parts, and the example clinic's logo.
@Test func plainLogosPass() throws {
    let inkscape = """
        <?xml version="1.0" encoding="UTF-8" standalone="no"?>
        <!-- Created with Inkscape (http://www.inkscape.org/) -->
        <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
             xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
             xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dc="http://purl.org/dc/elements/1.1/"
             width="210mm" height="99mm" viewBox="0 0 210 99" inkscape:version="1.3">
          <sodipodi:namedview id="base" pagecolor="#ffffff" inkscape:zoom="0.5"/>
          <metadata><rdf:RDF><dc:title>Clinic</dc:title></rdf:RDF></metadata>
          <defs>
            <linearGradient id="a"><stop offset="0" style="stop-color:#1f3a5f"/><stop offset="1" stop-color="#9cc3e6"/></linearGradient>
            <linearGradient xlink:href="#a" id="b" x1="0" x2="1"/>
            <clipPath id="c"><rect width="200" height="90"/></clipPath>
            <style>.mark { fill: url(#b); stroke: url( "#a" ) } text { font-family: sans-serif }</style>
          </defs>
          <g inkscape:label="Layer 1" clip-path="url(#c)">
            <path id="p" class="mark" d="M10 10 h 50 v 50 z" style="opacity:0.9;fill-rule:evenodd"/>
            <use xlink:href="#p" x="60"/>
            <text x="10" y="90">Clinic <tspan font-weight="bold">Spine</tspan></text>
          </g>
        </svg>
        """
    #expect(try readLogo(inkscape).format == .svg)
    #expect(try readLogo(TestImages.exampleSVG).format == .svg)
}
