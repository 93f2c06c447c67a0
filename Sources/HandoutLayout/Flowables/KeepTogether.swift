/// When a block kept on one page (a box, a checklist, two columns) may split all the same:
/// when it is taller than a page, and in large print also when moving it whole would leave
/// too much of the page empty (`Typography.emptyShareBeforeSplitting`).
struct KeepTogether {
    /// The room, in points, in which it splits rather than moves; nil: it moves whenever it fits
    /// on a page.
    let splitsInRoom: Double?

    /// Moved whole, never split, unless taller than a page.
    static let whole = KeepTogether(splitsInRoom: nil)

    /// `available`: the room under the gap above the block, which moving it would leave empty too.
    func allowsSplit(height: Double, available: Double, spaceBefore: Double, pageHeight: Double) -> Bool {
        height > pageHeight + epsilon || splitsInRoom.map { available + spaceBefore + epsilon >= $0 } ?? false
    }

    /// The least room the block needs under its gap where it starts, `lead` being the least its
    /// first piece holds once split: all of it, unless it may split; then never less than the
    /// room it splits in, so a heading that keeps with it is never left behind when it moves.
    func leadHeight(whole: Double, lead: Double, spaceBefore: Double) -> Double {
        guard let splitsInRoom else { return whole }
        return min(whole, max(lead, splitsInRoom - spaceBefore))
    }
}
