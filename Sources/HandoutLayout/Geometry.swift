import Foundation

/// Lengths are PDF points (1/72 inch); y grows downwards from the top of the page.
public struct Point: Sendable, Hashable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}

public struct Size: Sendable, Hashable {
    public var width: Double
    public var height: Double

    public init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }
}

public struct Rect: Sendable, Hashable {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double

    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    public var maxX: Double { x + width }
    public var maxY: Double { y + height }

    /// True when `other` lies inside, allowing for rounding.
    public func contains(_ other: Rect) -> Bool {
        other.x >= x - epsilon && other.y >= y - epsilon && other.maxX <= maxX + epsilon && other.maxY <= maxY + epsilon
    }
}

/// Lengths closer than this are equal (rounding in text measurement).
let epsilon = 1e-4

public struct Color: Sendable, Hashable {
    public var red: Double
    public var green: Double
    public var blue: Double

    public init(hex: UInt32) {
        red = Double((hex >> 16) & 0xFF) / 255
        green = Double((hex >> 8) & 0xFF) / 255
        blue = Double(hex & 0xFF) / 255
    }

    /// WCAG 2 relative luminance.
    public var luminance: Double {
        func linear(_ c: Double) -> Double { c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4) }
        return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    }

    /// WCAG 2 contrast ratio, 1 to 21.
    public func contrast(with other: Color) -> Double {
        let (light, dark) = luminance > other.luminance ? (luminance, other.luminance) : (other.luminance, luminance)
        return (light + 0.05) / (dark + 0.05)
    }
}

public enum Paper: String, Sendable, CaseIterable, Codable {
    case letter, a4

    public var size: Size {
        switch self {
        case .letter: return Size(width: 612, height: 792)
        case .a4: return Size(width: 595.276, height: 841.89)
        }
    }
}
