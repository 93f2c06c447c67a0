// Where a handout's render time goes, stage by stage, on one thread: compose and lay out,
// draw (Cairo), finish (the incremental update: artifacts, element entries, links, XMP).
// Prints each stage's CPU time per handout (this thread's, so a busy machine's other work does
// not count) and the finishing pass's share of the whole; with --png-dpi, the page images of
// `--png` as well (apart from the handout's total: they are made only when asked for).
// Run by scripts/bench.sh on a release build.
//
//   handout-render-bench [--count 300] [--patient Examples/patient.json] [--png-dpi 96] [--clinic clinic.json]
//
// --clinic gives the patient that clinic instead of its own (what a logo or a QR code costs).
import Foundation
import HandoutCore
import HandoutLayout
import HandoutPDF

func option(_ name: String, _ fallback: String) -> String {
    let arguments = CommandLine.arguments
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return fallback }
    return arguments[index + 1]
}

let count = Int(option("--count", "300")) ?? 300
let previewDPI = Int(option("--png-dpi", ""))
let date = CalendarDate(year: 2026, month: 1, day: 16)!
var patient = try PatientJSON.load(path: option("--patient", "Examples/patient.json"), today: date)
if CommandLine.arguments.contains("--clinic") { patient.clinic = try ClinicJSON.load(path: option("--clinic", "")) }
let composer = Composer(comparison: try ContentLoader.builtIn(language: "en"), strings: try ContentLoader.strings(language: "en"),
                        defaultClinic: nil, date: date)
let engine = LayoutEngine(paper: .letter, typography: .standard)

/// This thread's CPU time, in milliseconds.
func cpuMilliseconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) * 1000 + Double(time.tv_nsec) / 1e6
}

var layout = 0.0
var draw = 0.0
var finish = 0.0
var previews = 0.0
var pageCount = 0
// The first few handouts fill the shaper's cache and warm the allocator; they are not counted.
for round in 0..<(count + 5) {
    let start = cpuMilliseconds()
    let document = try composer.compose(patient, source: "bench")
    let pages = try engine.layout(document)
    let laidOut = cpuMilliseconds()
    let drawn = try PDFWriter.draw(pages, metadata: document.metadata)
    let drawnAt = cpuMilliseconds()
    _ = try PDFWriter.finish(drawn, kind: .standard)
    let finished = cpuMilliseconds()
    if let previewDPI { _ = try PagePreview.png(pages, dpi: previewDPI) }
    let previewed = cpuMilliseconds()
    guard round >= 5 else { continue }
    layout += laidOut - start
    draw += drawnAt - laidOut
    finish += finished - drawnAt
    previews += previewed - finished
    pageCount += pages.count
}

for (name, milliseconds) in [("compose_layout", layout), ("draw", draw), ("finish", finish)] {
    print((name + "_cpu_ms").padding(toLength: 25, withPad: " ", startingAt: 0) + String(format: "%.3f", milliseconds / Double(count)))
}
print("finish_share             " + String(format: "%.1f%%", finish / (layout + draw + finish) * 100))
if let previewDPI {
    print("png_\(previewDPI)dpi_cpu_ms".padding(toLength: 25, withPad: " ", startingAt: 0) + String(format: "%.3f", previews / Double(count)))
    print("png_\(previewDPI)dpi_cpu_ms_per_page".padding(toLength: 25, withPad: " ", startingAt: 0) + String(format: "%.3f", previews / Double(pageCount)))
}
