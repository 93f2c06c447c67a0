/// A flowable that can be cut in two and must know which piece it is: the first piece
/// opens its structure tags, the last one closes them.
protocol SplitPieces {
    var isFirstPiece: Bool { get set }
    var isLastPiece: Bool { get set }
}

extension SplitPieces {
    /// Two copies of self, marked first and last, each then given its share of the content.
    func pieces(head: (inout Self) -> Void, tail: (inout Self) -> Void) -> (Self, Self) {
        var first = self
        first.isLastPiece = false
        head(&first)
        var rest = self
        rest.isFirstPiece = false
        tail(&rest)
        return (first, rest)
    }
}
