import HandoutCore
import HandoutLayout
import Testing

/// The display list keeps together what belongs together (issue 12): a box, a checklist with
/// its intro, columns side by side, a heading with the start of what follows, a term with its
/// meaning; what is taller than a page goes on with a "continued" cue.
private func document(_ blocks: [Block]) -> Document {
    Document(metadata: .init(title: "T", author: "Clinic", subject: "S", keywords: [], language: "en-US",
                             date: CalendarDate(year: 2026, month: 1, day: 16)!),
             runningHeader: ["Maria González", "April 17, 1961"], footer: ["Clinic", "Version 1"],
             pageNumberTemplate: "Page {page} of {pages}", blocks: blocks)
}

private func filler(_ count: Int) -> [Block] {
    (0..<count).map { _ in .paragraph([Span("Filler text that takes one line of the page.")]) }
}

private func layout(_ blocks: [Block], typography: Typography = .standard) throws -> [Page] {
    try LayoutEngine(paper: .letter, typography: typography).layout(document(blocks))
}

/// The numbers of the pages that print a line containing `marker`.
private func pages(of marker: String, in pages: [Page]) -> Set<Int> {
    Set(pages.indices.filter { pages[$0].content.contains { if case let .text(run) = $0 { run.text.contains(marker) } else { false } } })
}

private let sevenLineBox = Block.box(.framed, [.heading(level: 2, text: "Boxed")] + (1...7).map { .paragraph([Span("Boxline \($0)")]) },
                                     continued: "Boxed (continued)")

@Test func aBoxThatFitsOnAPageIsNeverSplit() throws {
    var splitSomewhere = false
    for count in 20...40 {
        let laidOut = try layout(filler(count) + [sevenLineBox])
        #expect(pages(of: "Boxline", in: laidOut).count == 1, "split after \(count) filler lines")
        splitSomewhere = splitSomewhere || pages(of: "Filler", in: laidOut).count < laidOut.count
    }
    #expect(splitSomewhere, "no filler count pushed the box to a new page: the test proves nothing")
}

@Test func aBoxTallerThanAPageGoesOnUnderAContinuedCueThatIsNotReadAsAHeading() throws {
    let tall = Block.box(.framed, [.heading(level: 2, text: "Boxed")] + (1...80).map { .paragraph([Span("Boxline \($0)")]) },
                         continued: "Boxed (continued)")
    let laidOut = try layout([tall])
    #expect(laidOut.count >= 2)
    for (number, page) in laidOut.enumerated() {
        let firstContent = page.content.compactMap { if case let .text(run) = $0 { run.text } else { nil } }.first
        #expect(firstContent == (number == 0 ? "Boxed" : "Boxed (continued)"), "page \(number + 1)")
    }
    // The cue is drawn outside the heading's tags: a listener hears the heading once.
    let headings = laidOut.flatMap(\.content).filter { if case .beginTag(.heading) = $0 { true } else { false } }
    #expect(headings.count == 1)
}

@Test func aChecklistStaysWithItsIntroAndItsGroupsSideBySide() throws {
    let item = { (text: String) in ChecklistItem(text: text, checked: false, spokenState: "not checked") }
    let checklist = Block.group([.paragraph([Span("Checkintro: your doctor may check these.")]),
                                 .columns([.heading(level: 3, text: "Checkleft"), .checklist((1...4).map { item("Checkitem left \($0)") })],
                                          [.heading(level: 3, text: "Checkright"), .checklist((1...3).map { item("Checkitem right \($0)") })])])
    for count in 20...40 {
        let laidOut = try layout(filler(count) + [checklist])
        #expect(pages(of: "Check", in: laidOut).count == 1, "split after \(count) filler lines")
    }
}

@Test func aHeadingKeepsAtLeastTwoLinesOfWhatFollows() throws {
    let long = Block.paragraph([Span(String(repeating: "Followline words go on and on across the page here. ", count: 12))])
    for count in 20...40 {
        let laidOut = try layout(filler(count) + [.heading(level: 2, text: "Headed"), long])
        let page = try #require(pages(of: "Headed", in: laidOut).first)
        let following = laidOut[page].content.filter { if case let .text(run) = $0 { run.text.contains("Followline") || run.text.contains("words") } else { false } }
        #expect(following.count >= 2, "after \(count) filler lines the heading has \(following.count) line(s) under it")
    }
}

@Test func columnsSideBySideMoveWholeToTheNextPage() throws {
    let columns = Block.columns([.heading(level: 3, text: "Sideleft"), .bullets((1...4).map { [Span("Sideitem left \($0) with a few more words")] })],
                                [.heading(level: 3, text: "Sideright"), .bullets((1...4).map { [Span("Sideitem right \($0)")] })])
    for count in 20...40 {
        #expect(pages(of: "Side", in: try layout(filler(count) + [columns])).count == 1, "split after \(count) filler lines")
    }
}

/// A term runs in with its meaning, so the two can never be parted.
@Test func aTermAndItsMeaningShareTheirFirstLine() throws {
    let laidOut = try layout([.definitions([LabeledValue("Dynamic stabilization", "A device supports your spine.")])])
    #expect(laidOut[0].text.contains("Dynamic stabilization: A device supports your spine."))
}

private func writingLines(_ page: Page) -> Int {
    page.content.filter { if case let .line(_, _, color, _) = $0 { color == Palette.writingLine } else { false } }.count
}

@Test func thePagesSpareRoomBecomesTheSameNumberOfWritingLinesForEveryQuestion() throws {
    let questions: [Block] = (1...3).map { .prompt("Question \($0)?", lines: 0) }
    let roomy = try layout(filler(5) + questions)
    #expect(roomy.count == 1)
    #expect(writingLines(roomy[0]) == 3 * LayoutEngine.maximumExtraWritingLines)
    // With little room left, fewer lines each, never a page more.
    let crowded = try layout(filler(20) + questions)
    let lines = writingLines(crowded[crowded.count - 1])
    #expect(crowded.count == 1 && lines % 3 == 0 && lines > 0 && lines < 3 * LayoutEngine.maximumExtraWritingLines, "\(lines) lines")
}

@Test func shortItemsShareTwoColumnsAsOneListReadDownTheLeftColumnFirst() throws {
    let laidOut = try layout([.bullets(["Alpha", "Bravo", "Charlie", "Delta"].map { [Span($0)] })])
    let content = laidOut[0].content
    #expect(content.filter { if case .beginTag(.list) = $0 { true } else { false } }.count == 1)
    let runs = content.compactMap { if case let .text(run) = $0, run.text != "•" { run } else { nil } }
    #expect(runs.map(\.text) == ["Alpha", "Bravo", "Charlie", "Delta"])
    #expect(runs[2].origin.x > runs[0].origin.x && runs[2].origin.y == runs[0].origin.y)
}

/// A sentence ending in a colon introduces the list under it: the two share a page.
@Test func aLeadInSentenceStaysWithTheListItIntroduces() throws {
    let list = Block.bullets((1...4).map { [Span("Leadlist item \($0) with enough words to wrap onto two lines of the page, or nearly")] })
    var pushed = false
    for count in 20...40 {
        let laidOut = try layout(filler(count) + [.paragraph([Span("Leadin: the list depends on:")]), list])
        let lead = try #require(pages(of: "Leadin", in: laidOut).first)
        #expect(pages(of: "Leadlist item 1", in: laidOut) == [lead], "after \(count) filler lines")
        pushed = pushed || lead > 0
    }
    #expect(pushed)
}

/// A heading right above a table goes with the header row and the whole first row.
@Test func aHeadingStaysWithTheTableUnderIt() throws {
    let table = Block.table(Table(caption: nil, header: ["Tablehead A", "Tablehead B"],
                                  rows: (1...4).map { ["Tablerow \($0) " + String(repeating: "with words that wrap ", count: 8),
                                                        String(repeating: "and more words here ", count: 8)] }))
    for count in 10...40 {
        let laidOut = try layout(filler(count) + [.heading(level: 2, text: "Tabled"), table])
        #expect(pages(of: "Tabled", in: laidOut) == pages(of: "Tablerow 1", in: laidOut), "after \(count) filler lines")
    }
}

/// In large print a box that would leave more than a quarter of a page empty by moving splits
/// there instead, going on under its cue as one element; in less room it still moves whole.
@Test func inLargePrintABoxSplitsRatherThanLeaveAQuarterOfAPageEmpty() throws {
    let engine = LayoutEngine(paper: .letter, typography: .largePrint)
    let frame = engine.frame(for: document([])).content
    let tall = Block.box(.framed, [.heading(level: 2, text: "Boxed")] + (1...12).map { .paragraph([Span("Boxline \($0)")]) },
                         continued: "Boxed (continued)")
    var (splits, moves) = (0, 0)
    for count in 1...20 {
        let laidOut = try engine.layout(document(filler(count) + [tall]))
        let boxPages = pages(of: "Boxline", in: laidOut)
        let divisions = laidOut.flatMap(\.content).filter { if case .beginTag(.division) = $0 { true } else { false } }
        #expect(divisions.count == 1)
        if boxPages.count > 1 {
            splits += 1
            let cue = laidOut[boxPages.sorted()[1]].content.compactMap { if case let .text(run) = $0 { run.text } else { nil } }.first
            #expect(cue == "Boxed (continued)")
        } else if let page = boxPages.first, page > 0 {
            moves += 1
            #expect(frame.maxY - laidOut[page - 1].contentBottom < frame.height / 4, "moved whole after \(count) filler lines")
        }
    }
    #expect(splits > 0 && moves > 0, "splits \(splits), moves \(moves): the test proves nothing")
    // In standard print the same box never splits: it fits on a page.
    for count in 20...40 {
        #expect(pages(of: "Boxline", in: try layout(filler(count) + [tall])).count == 1)
    }
}
