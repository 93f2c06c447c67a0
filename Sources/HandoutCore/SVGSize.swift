import Foundation

/// The sizes an <svg> or <pattern> asks to be drawn at (`width`, `height`, `viewBox`), each at
/// most `maximumSide` CSS pixels: librsvg makes image surfaces of a pattern's tile, so a huge one
/// is memory and time, not ink.
enum SVGSize {
    static let maximumSide = ClinicLogo.maximumSVGSide
    static let sized: Set<String> = ["svg", "pattern"]
    static let problem = SVGProblem.badSize(maximumSide: Int(maximumSide))

    /// CSS pixels per unit; a percentage is of a size already checked.
    private static let units: [String: Double] = [
        "": 1, "px": 1, "pt": 4.0 / 3, "pc": 16, "in": 96, "cm": 96 / 2.54, "mm": 96 / 25.4, "em": 16, "ex": 8, "%": 0,
    ]

    /// Why the attribute `name` (lowercased, without prefix) of a sized element is not a size, or nil.
    static func check(_ name: String, value: String) -> SVGProblem? {
        switch name {
        case "width", "height":
            return length(value).map(fits) == true ? nil : problem
        case "viewbox":
            let numbers = value.split(whereSeparator: { $0 == "," || $0.isWhitespace }).map { Double($0) }
            guard numbers.count == 4, let x = numbers[0], let y = numbers[1], let width = numbers[2], let height = numbers[3],
                  abs(x) <= maximumSide, abs(y) <= maximumSide, fits(width), fits(height) else { return problem }
            return nil
        default:
            return nil
        }
    }

    private static func fits(_ pixels: Double) -> Bool {
        pixels.isFinite && pixels >= 0 && pixels <= maximumSide
    }

    /// A length in CSS pixels, or nil when it is not one.
    private static func length(_ text: String) -> Double? {
        let text = text.trimmingCharacters(in: .whitespaces).lowercased()
        let unit = String(text.reversed().prefix { $0.isLetter || $0 == "%" }.reversed())
        guard let perUnit = units[unit], let number = Double(text.dropLast(unit.count)) else { return nil }
        return number * perUnit
    }
}
