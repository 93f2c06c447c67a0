import HandoutCore
import HandoutLayout
import Testing

private let headings: Set<StructureRole> = [.heading(level: 1), .heading(level: 2), .heading(level: 3)]

/// What the engine guarantees of the tags: the furniture has none, and the content's nest over
/// the whole document (an element may run on to a later page; each end closes the innermost
/// open element, of its role, and nothing is left open). Ending and beginning again at page
/// breaks is the PDF stage's business (HandoutPDFTests).
private func checkTags(_ pages: [Page], sourceLocation: SourceLocation) {
    var open: [StructureRole] = []
    for (number, page) in pages.enumerated() {
        for item in page.furniture {
            if case .beginTag = item { Issue.record("a tag in the furniture of page \(number + 1)", sourceLocation: sourceLocation) }
            if case .endTag = item { Issue.record("a tag in the furniture of page \(number + 1)", sourceLocation: sourceLocation) }
        }
        for item in page.content {
            if case let .beginTag(role) = item { open.append(role) }
            if case let .endTag(role) = item {
                #expect(open.popLast() == role, "page \(number + 1) ends \(role), not the innermost open element", sourceLocation: sourceLocation)
            }
        }
    }
    #expect(open.isEmpty, "left open: \(open)", sourceLocation: sourceLocation)
}

@Test func theExampleHandoutFitsItsPagesWithEveryRuleKept() throws {
    let document = try Fixtures.document()
    let (engine, pages) = try Fixtures.layout(document)
    #expect(pages.count >= 3)
    checkRules(pages, frame: engine.frame(for: document))
}

@Test(arguments: [Paper.letter, .a4], [false, true])
func rulesHoldOnEveryPaperAndSize(paper: Paper, largePrint: Bool) throws {
    let document = try Fixtures.document(Fixtures.patient(notes: Fixtures.longNotes(pages: 1)))
    let (engine, pages) = try Fixtures.layout(document, paper: paper, typography: largePrint ? .largePrint : .standard)
    checkRules(pages, frame: engine.frame(for: document))
    let bodyRuns = pages.contentRuns.joined().filter { $0.roles.last == .paragraph }
    #expect(bodyRuns.allSatisfy { $0.run.shaped.style.size >= (largePrint ? 18 : 12) })
}

@Test func threePagesOfNotesAndATwelveFactorTableStillPaginate() throws {
    let notes = Fixtures.longNotes(pages: 3)
    let content = try Fixtures.stressContent(factors: 12, tallCellWords: 0)
    let document = try Fixtures.document(Fixtures.patient(notes: notes, factors: []), content: content)
    let (engine, pages) = try Fixtures.layout(document)
    #expect(pages.count >= 4)
    checkRules(pages, frame: engine.frame(for: document))
    // Every factor row is printed exactly once, and the notes are printed in full, in order.
    let text = pages.map(\.text).joined(separator: "\n")
    for index in 1...12 {
        #expect(text.components(separatedBy: "Factor \(index)\n").count - 1 == 1, "Factor \(index)")
    }
    let printedNotes = pages.contentRuns.joined().filter { $0.run.text.hasPrefix("Walk every day") || $0.run.text.contains("worse.") }
    #expect(!printedNotes.isEmpty)
    let words = pages.contentRuns.joined().map(\.run.text).joined(separator: " ").split(separator: " ")
    let expected = notes.split(whereSeparator: { $0 == " " || $0 == "\n" })
    #expect(words.filter { $0 == "Walk" }.count == expected.filter { $0 == "Walk" }.count)
}

@Test func aTableCellTallerThanAPageSplitsBetweenLinesWithTheHeaderRepeated() throws {
    let content = try Fixtures.stressContent(factors: 4, tallCellWords: 700)
    let document = try Fixtures.document(Fixtures.patient(factors: []), content: content)
    let (engine, pages) = try Fixtures.layout(document)
    checkRules(pages, frame: engine.frame(for: document))
    let tablePages = pages.indices.filter { index in pages.contentRuns[index].contains { $0.run.text.contains("word") } }
    #expect(tablePages.count >= 2)
    for index in tablePages {
        // The header row is on every page the table spans: tagged once, then as furniture.
        #expect(pages.runsWithRoles[index].contains { $0.run.text == "Factor" }, "header missing on a table page")
    }
    let headerCells = pages.contentRuns.joined().filter { $0.roles.last == .tableHeader && $0.run.text == "Factor" }
    #expect(headerCells.count == 1)
    // No word of the tall cell is lost or printed twice.
    let words = tablePages.flatMap { pages.contentRuns[$0] }.flatMap { $0.run.text.split(separator: " ") }.filter { $0.hasPrefix("word") }
    #expect(words.count == 700)
    #expect(Set(words).count == 700)
    // The rows after the tall one follow it.
    #expect(pages.contentRuns.joined().map(\.run.text).joined(separator: " ").contains("Factor 4"))
}

@Test func aRowThatFitsOnTheNextPageMovesWhole() throws {
    let content = try Fixtures.stressContent(factors: 40, tallCellWords: 0)
    let (_, pages) = try Fixtures.layout(try Fixtures.document(Fixtures.patient(factors: []), content: content))
    // Each row's three cells are on the same page.
    for index in 1...40 {
        let page = pages.firstIndex { $0.text.contains("Factor \(index)\n") }
        let answer = pages.firstIndex { $0.text.contains("Motion answer \(index)\n") || $0.text.hasSuffix("Motion answer \(index)") }
        #expect(page != nil && page == answer, "row \(index) was split")
    }
}

/// The layout rules every handout keeps.
private func checkRules(_ pages: [Page], frame: PageFrame, sourceLocation: SourceLocation = #_sourceLocation) {
    checkTags(pages, sourceLocation: sourceLocation)
    let runsWithRoles = pages.runsWithRoles
    let contentRuns = pages.contentRuns
    for (number, page) in pages.enumerated() {
        // A heading is never the last thing on a page.
        if let last = contentRuns[number].last, number + 1 < pages.count {
            #expect(!headings.contains(last.roles.last!), "page \(number + 1) ends with heading '\(last.run.text)'", sourceLocation: sourceLocation)
        }
        // Content stays in the content frame; nothing at all crosses the printable area.
        for (run, _) in contentRuns[number] {
            #expect(frame.content.contains(run.bounds), "'\(run.text)' outside the frame on page \(number + 1)", sourceLocation: sourceLocation)
        }
        for (run, _) in runsWithRoles[number] {
            #expect(frame.printable.contains(run.bounds), "'\(run.text)' outside the margins", sourceLocation: sourceLocation)
        }
        for item in page.items {
            switch item {
            case let .fill(rect, _), let .frame(rect, _, _):
                #expect(frame.printable.contains(rect), "a box outside the margins on page \(number + 1)", sourceLocation: sourceLocation)
            case let .line(from, to, _, _):
                #expect(frame.printable.contains(Rect(x: min(from.x, to.x), y: min(from.y, to.y), width: abs(to.x - from.x), height: abs(to.y - from.y))),
                        sourceLocation: sourceLocation)
            default: break
            }
        }
        // Lines of running text stay readable: at most 80 characters.
        for (run, roles) in contentRuns[number] where roles.last == .paragraph || roles.last == .listBody {
            #expect(run.text.count <= 80, "line too long: '\(run.text)'", sourceLocation: sourceLocation)
        }
        // The patient's name is on every page.
        #expect(runsWithRoles[number].contains { $0.roles.isEmpty && $0.run.text.contains("González") }, sourceLocation: sourceLocation)
    }
    // No widows or orphans: a paragraph split across pages keeps two lines on each side. (A
    // "continued" cue repeats the same line on each page: a repeat, not a split.)
    var linesPerPage: [ObjectIdentifier: [Int: Set<Int>]] = [:]
    for (number, runs) in contentRuns.enumerated() {
        for (run, roles) in runs where roles.last == .paragraph || roles.last == .listBody {
            linesPerPage[ObjectIdentifier(run.shaped), default: [:]][number, default: []].insert(run.lineIndex)
        }
    }
    for lines in linesPerPage.values where Set(lines.values).count > 1 {
        #expect(lines.values.allSatisfy { $0.count >= 2 }, "a widow or orphan line: \(lines)", sourceLocation: sourceLocation)
    }
}

/// A check box is a square at the text's size, with a tick only when checked, inside its Lbl
/// (read by its state, so no glyph is drawn there).
@Test func checkBoxesAreDrawnSquaresWithATickOnlyWhenChecked() throws {
    let (_, pages) = try Fixtures.layout(try Fixtures.document())
    let items = pages.flatMap(\.content)
    var labels: [(checked: Bool, drawn: [DisplayItem])] = []
    for (index, item) in items.enumerated() {
        guard case let .beginTag(.checkBox(spoken)) = item else { continue }
        let end = try #require(items[index...].firstIndex { if case .endTag(.checkBox) = $0 { return true } else { return false } })
        labels.append((spoken == "checked", Array(items[(index + 1)..<end])))
    }
    #expect(labels.count == 7 && labels.filter(\.checked).count == 1)
    for label in labels {
        guard case let .frame(box, _, _) = label.drawn.first else { Issue.record("no square: \(label.drawn)"); continue }
        #expect(box.width == box.height && box.width >= Typography.standard.body.size * 0.85)
        let ticks = label.drawn.filter { if case .polyline = $0 { return true } else { return false } }
        #expect(ticks.count == (label.checked ? 1 : 0))
        #expect(!label.drawn.contains { if case .text = $0 { return true } else { return false } })
    }
}
