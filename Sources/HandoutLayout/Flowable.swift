/// A piece of content the paginator can place: it knows its height at the frame width,
/// how to split itself to fit a given height, and which boxes it draws.
protocol Flowable {
    var height: Double { get }
    /// Gap above it, dropped at the top of a page or box.
    var spaceBefore: Double { get }
    /// Headings: never the last thing in a region.
    var keepWithNext: Bool { get }
    /// The smallest first piece a split may leave (two lines for a paragraph); the whole
    /// height when it cannot split. What a heading above it needs to stay with it.
    var minimumLeadHeight: Double { get }
    /// A first part no taller than `available` and the rest, or nil when no split is
    /// allowed there. `pageHeight` is a whole empty region, for "would it fit if moved".
    func split(toFit available: Double, pageHeight: Double) -> (Flowable, Flowable)?
    func place(at origin: Point, width: Double, into items: inout [DisplayItem])
    /// How many sets of writing lines it holds, and a copy with `extra` more lines in each:
    /// the last page's spare room becomes room to write.
    var writingLineBlocks: Int { get }
    func withExtraWritingLines(_ extra: Int) -> Flowable
}

extension Flowable {
    var minimumLeadHeight: Double { height }
    var keepWithNext: Bool { false }
    var writingLineBlocks: Int { 0 }
    func withExtraWritingLines(_ extra: Int) -> Flowable { self }
}

/// Where a flowable went in a region.
struct Placement {
    let flowable: Flowable
    let y: Double
}

struct FlowResult {
    var placed: [Placement] = []
    var used: Double = 0
    var remaining: [Flowable] = []
}

enum FlowError: Error {
    /// Only reachable if a flowable cannot split and is taller than an empty page.
    case tooLarge(height: Double, available: Double)
}

/// Fills one region of `available` height with `items`, in order: each that fits is
/// placed, the first that does not is split if it may be, and what is left is returned.
/// `mustProgress`: the region is a fresh page, so something must be placed.
func flow(_ items: [Flowable], available: Double, pageHeight: Double, mustProgress: Bool) throws(FlowError) -> FlowResult {
    var result = FlowResult()
    var queue = items[...]
    while let item = queue.first {
        let gap = result.placed.isEmpty ? 0 : item.spaceBefore
        let room = available - result.used - gap
        if keepChainHeight(queue) <= room + epsilon {
            result.placed.append(Placement(flowable: item, y: result.used + gap))
            result.used += gap + item.height
            queue.removeFirst()
            continue
        }
        let isFirst = result.placed.isEmpty && mustProgress
        if let (head, tail) = item.split(toFit: room, pageHeight: pageHeight) {
            result.placed.append(Placement(flowable: head, y: result.used + gap))
            result.used += gap + head.height
            queue[queue.startIndex] = tail
            break
        }
        if isFirst {
            // A keep chain taller than a page: give up on keeping, never on progress.
            guard item.height <= room + epsilon else { throw .tooLarge(height: item.height, available: room) }
            result.placed.append(Placement(flowable: item, y: 0))
            result.used = item.height
            queue.removeFirst()
            continue
        }
        break
    }
    result.remaining = Array(queue)
    return result
}

/// Height `items.first` needs to be placed whole with the start of what it keeps with.
private func keepChainHeight(_ items: ArraySlice<Flowable>) -> Double {
    guard let first = items.first else { return 0 }
    let rest = items.dropFirst()
    guard first.keepWithNext, let next = rest.first else { return first.height }
    return first.height + next.spaceBefore + leadHeight(rest)
}

/// The least height the start of `items` can be placed in: unsplittable keep-with-next items
/// whole (a heading), then the minimum lead of the next: a lead-in paragraph that may split
/// needs only its first lines there, its last ones going on with what it introduces.
func leadHeight(_ items: ArraySlice<Flowable>) -> Double {
    var total = 0.0
    for (offset, item) in items.enumerated() {
        let gap = offset == 0 ? 0 : item.spaceBefore
        let splits = item.minimumLeadHeight < item.height - epsilon
        guard item.keepWithNext, !splits, offset + 1 < items.count else { return total + gap + item.minimumLeadHeight }
        total += gap + item.height
    }
    return total
}
