import Foundation
import HandoutCore
import HandoutLayout
import HandoutTestSupport

/// A patient, the built-in content and a layout engine, for tests on the display list.
enum Fixtures {
    static let clinic = Clinic(name: "Riverside Spine Clinic", phone: "(555) 555-0142", afterHoursPhone: "(555) 555-0199",
                               address: "1200 River Road", website: "https://spine.example.org")

    static func patient(notes: String? = nil, factors: [String] = ["osteoporosis"]) -> PatientProfile {
        PatientProfile(id: "P1", givenName: "Maria", familyName: "González", birthDate: CalendarDate(year: 1961, month: 4, day: 17)!,
                       mrn: "MRN-1", clinician: "Dr. Raman", notes: notes, factors: factors, clinic: clinic)
    }

    static func document(_ patient: PatientProfile = patient(), content: Comparison? = nil) throws -> Document {
        let comparison = try content ?? ContentLoader.builtIn(language: "en")
        let composer = Composer(comparison: comparison, strings: try ContentLoader.strings(language: "en"),
                                defaultClinic: nil, date: CalendarDate(year: 2026, month: 1, day: 16)!)
        return try composer.compose(patient, source: "test")
    }

    static func layout(_ document: Document, paper: Paper = .letter, typography: Typography = .standard) throws -> (LayoutEngine, [Page]) {
        let engine = LayoutEngine(paper: paper, typography: typography)
        return (engine, try engine.layout(document))
    }

    /// A clinician's note long enough to fill about `pages` pages on its own.
    static func longNotes(pages: Int) -> String {
        let sentence = "Walk every day, rest when the pain is sharp, and write down what makes it better or worse. "
        return (0..<(pages * 9)).map { _ in String(repeating: sentence, count: 4) }.joined(separator: "\n\n")
    }

    /// A comparison whose table has `factors` rows, one cell far taller than a page.
    static func stressContent(factors: Int, tallCellWords: Int) throws -> Comparison {
        let tall = (0..<tallCellWords).map { "word\($0)" }.joined(separator: " ")
        let rows = (1...factors).map { index in
            "            - [\"Factor \(index)\", \"\(index == 3 ? tall : "Fusion answer \(index)")\", \"Motion answer \(index)\"]"
        }.joined(separator: "\n")
        let yaml = CLI.contentYAML(blocks: """
              - table:
                  columns: ["Factor", "Spinal fusion", "Motion-preserving options"]
                  rows:
        \(rows)
              - paragraph: "After the table."
        """)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("stress-\(UUID()).yaml").path
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return try ContentLoader.comparison(at: path)
    }
}

extension Array where Element == Page {
    /// Each page's text runs with the structure roles they are nested in (empty: page
    /// furniture). Tags may open on one page and close on a later one.
    var runsWithRoles: [[(run: TextRun, roles: [StructureRole])]] {
        var stack: [StructureRole] = []
        return map { page in
            var runs: [(TextRun, [StructureRole])] = page.furniture.compactMap { item in
                if case let .text(run) = item { return (run, []) } else { return nil }
            }
            for item in page.content {
                switch item {
                case let .beginTag(role): stack.append(role)
                case .endTag: stack.removeLast()
                case let .text(run): runs.append((run, stack))
                default: break
                }
            }
            return runs
        }
    }

    /// Each page's content runs (not furniture).
    var contentRuns: [[(run: TextRun, roles: [StructureRole])]] {
        runsWithRoles.map { runs in runs.filter { !$0.roles.isEmpty } }
    }
}

extension Page {
    /// The lowest point the page's content reaches (0 when it has none): how full it is.
    var contentBottom: Double {
        content.reduce(0) { lowest, item in
            switch item {
            case let .text(run): return max(lowest, run.bounds.maxY)
            case let .fill(rect, _), let .frame(rect, _, _), let .image(_, rect): return max(lowest, rect.maxY)
            case let .line(from, to, _, _): return max(lowest, from.y, to.y)
            case let .fills(rects, _): return rects.reduce(lowest) { max($0, $1.maxY) }
            case let .polyline(points, _, _): return points.reduce(lowest) { max($0, $1.y) }
            case .beginTag, .endTag, .outline: return lowest
            }
        }
    }
}
