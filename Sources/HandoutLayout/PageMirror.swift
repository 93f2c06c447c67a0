/// A right-to-left handout's page: the left-to-right layout reflected about the page's middle,
/// so text, bullets, labels, the first table column and the first of two columns start at the
/// right margin, and the running header and footer swap sides. Only places move: each line of
/// text keeps the order Pango gave its letters, and what has a shape of its own (a check mark,
/// a QR code, a picture) moves whole, unreflected. Drawing order, and so reading order, stays.
extension Page {
    func mirrored() -> Page {
        let reflection = Reflection(width: size.width)
        return Page(size: size, header: header.map(reflection.item), footer: footer.map(reflection.item), content: content.map(reflection.item))
    }
}

/// Reflects places about the vertical line through the middle of a page `width` wide.
private struct Reflection {
    let width: Double

    func item(_ item: DisplayItem) -> DisplayItem {
        switch item {
        case let .text(run):
            let line = run.line
            // The line's box lands where its reflection is; the drawer places the line by its origin.
            let origin = Point(x: width - run.origin.x - 2 * line.x - line.width, y: run.origin.y)
            return .text(TextRun(shaped: run.shaped, lineIndex: run.lineIndex, origin: origin))
        case let .fill(rect, color): return .fill(self.rect(rect), color)
        case let .frame(rect, color, lineWidth): return .frame(self.rect(rect), color, lineWidth: lineWidth)
        case let .line(from, to, color, lineWidth): return .line(from: point(from), to: point(to), color, lineWidth: lineWidth)
        case let .polyline(points, color, lineWidth): return .polyline(moved(points), color, lineWidth: lineWidth)
        case let .fills(rects, color): return .fills(moved(rects), color)
        case let .image(picture, rect): return .image(picture, self.rect(rect))
        case .beginTag, .endTag, .outline: return item
        }
    }

    private func point(_ point: Point) -> Point {
        Point(x: width - point.x, y: point.y)
    }

    private func rect(_ rect: Rect) -> Rect {
        Rect(x: width - rect.maxX, y: rect.y, width: rect.width, height: rect.height)
    }

    /// Shifted so that their extent is reflected, their shape kept.
    private func moved(_ points: [Point]) -> [Point] {
        let shift = self.shift(left: points.map(\.x).min() ?? 0, right: points.map(\.x).max() ?? 0)
        return points.map { Point(x: $0.x + shift, y: $0.y) }
    }

    private func moved(_ rects: [Rect]) -> [Rect] {
        let shift = self.shift(left: rects.map(\.x).min() ?? 0, right: rects.map(\.maxX).max() ?? 0)
        return rects.map { Rect(x: $0.x + shift, y: $0.y, width: $0.width, height: $0.height) }
    }

    private func shift(left: Double, right: Double) -> Double {
        (width - right) - left
    }
}
