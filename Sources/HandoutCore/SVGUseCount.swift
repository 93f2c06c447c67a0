/// How many elements an SVG draws once each <use> is drawn as the element it names: ten uses
/// of a group of ten uses, ten deep, draw ten billion shapes from a file of a hundred elements.
struct SVGUseCount {
    static let maximumDrawn = 20_000
    /// Uses within what a use draws; also what stops a use that names its own ancestor.
    static let maximumHops = 8

    private var children: [[Int]] = []
    private var ids: [String: Int] = [:]
    private var targets: [Int: String] = [:]

    /// Adds the next element in document order (its parent added before it).
    mutating func add(parent: Int?, id: String?, useTarget: String?) {
        let index = children.count
        children.append([])
        if let parent { children[parent].append(index) }
        if let id, ids[id] == nil { ids[id] = index }
        if let useTarget { targets[index] = useTarget }
    }

    /// Why the drawing is too large, or nil.
    func problem() -> SVGProblem? {
        if children.isEmpty { return nil }
        var memo: [Int: Int] = [:]
        guard let drawn = count(0, hops: 0, memo: &memo) else {
            return .useLoop(maximumHops: Self.maximumHops)
        }
        return drawn > Self.maximumDrawn ? .tooManyShapes(maximum: Self.maximumDrawn) : nil
    }

    /// Saturates past the budget, so a wide file stops adding; nil for too many hops.
    private func count(_ element: Int, hops: Int, memo: inout [Int: Int]) -> Int? {
        if let known = memo[element] { return known }
        var total = 1
        var parts = children[element].map { ($0, hops) }
        if let target = targets[element].flatMap({ ids[$0] }) { parts.append((target, hops + 1)) }
        for (part, partHops) in parts {
            guard partHops <= Self.maximumHops, let drawn = count(part, hops: partHops, memo: &memo) else { return nil }
            total = min(total + drawn, Self.maximumDrawn + 1)
        }
        memo[element] = total
        return total
    }
}
