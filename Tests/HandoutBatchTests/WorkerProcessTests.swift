import Foundation
import HandoutBatch
import HandoutCore
import HandoutTestSupport
import Testing

/// The renderer processes of a batch, driven by a scripted worker that crashes, faults or hangs
/// on cue: a crash or a hang fails its one record, the worker is replaced, every other record
/// is produced.
@Suite struct WorkerProcessTests {
    static let worker = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Workers/scripted_worker.py").path
    static let header = "id,first_name,last_name,birth_date\n"

    func run(_ names: [String], jobs: Int, limits: WorkerLimits = WorkerLimits(), previews: Bool = false,
             dir: Scratch = Scratch()) throws -> (summary: BatchSummary, rows: [ManifestRow], dir: Scratch) {
        let rows = names.enumerated().map { "P\($0.offset),\($0.element),Lopez,1961-04-17" }
        let input = dir.write("patients.csv", Self.header + rows.joined(separator: "\n") + "\n")
        let summary = try runBatch(input, out: dir.path + "/out", jobs: jobs, previewDirectory: previews ? dir.path + "/previews" : nil) {
            try WorkerProcessProducer(command: ["/usr/bin/python3", Self.worker], hello: Data("{}".utf8), limits: limits)
        }
        return (summary, try readManifest(dir.path + "/out/manifest.csv").sorted { $0.line < $1.line }, dir)
    }

    @Test func aCrashingRecordFailsAloneAndTheWorkerIsReplaced() throws {
        let (summary, rows, dir) = try run(["Ana", "CRASH", "Bo", "SEGV", "Cy", "Di"], jobs: 1)
        #expect(summary.produced == 4)
        #expect(summary.failed == 2)
        #expect(summary.exitCode == 1)
        #expect(rows[1].status == "failed")
        #expect(rows[1].error.contains("the renderer stopped on this record (signal 6, an abort in the renderer)"))
        #expect(rows[3].error.contains("signal 11, a memory fault"))
        for index in [0, 2, 4, 5] { #expect(rows[index].status == "ok") }
        // Three processes served one job slot: the first, and one after each crash.
        let pids = Set(try [0, 2, 4, 5].map { index in
            try String(contentsOfFile: "\(dir.path)/out/P\(index).pdf", encoding: .utf8).split(separator: " ").last!
        })
        #expect(pids.count == 3)
    }

    /// The renderer process sends the page images with the PDF; the batch writes them. A record
    /// whose renderer crashes gets none, and keeps none from an earlier run.
    @Test func pageImagesComeFromTheRendererAndACrashedRecordHasNone() throws {
        let dir = Scratch()
        try FileManager.default.createDirectory(atPath: dir.path + "/previews", withIntermediateDirectories: true)
        for page in 1...3 { dir.write("previews/P1-p\(page).png", "from an earlier run") }
        let (summary, _, _) = try run(["Ana", "CRASH", "Bo"], jobs: 1, previews: true, dir: dir)
        #expect(summary.produced == 2 && summary.failed == 1)
        #expect(dir.files(in: "previews") == ["P0-p1.png", "P0-p2.png", "P2-p1.png", "P2-p2.png"])
        #expect(FileManager.default.contents(atPath: dir.path + "/previews/P2-p2.png") == Data("image 2 of P2".utf8))
        var previews: [Int: [String]] = [:]
        try ManifestReader.read(path: dir.path + "/out/manifest.csv") { previews[$0.line] = $0.previews }
        #expect(previews == [2: ["P0-p1.png", "P0-p2.png"], 3: [], 4: ["P2-p1.png", "P2-p2.png"]])
        let attributes = try FileManager.default.attributesOfItem(atPath: dir.path + "/previews/P0-p1.png")
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
    }

    @Test func aRecordOverTheTimeLimitIsStoppedAndFailsAlone() throws {
        let (summary, rows, _) = try run(["Ana", "HANG", "Bo"], jobs: 2, limits: WorkerLimits(secondsPerRecord: 1))
        #expect(summary.produced == 2)
        #expect(rows[1].error.contains("took longer than the time limit"))
    }

    @Test func aWorkerThatCannotStartStopsTheRunBeforeAnyRecord() throws {
        let dir = Scratch()
        let input = dir.write("patients.csv", Self.header + "P1,Ana,Lopez,1961-04-17\n")
        #expect(throws: BatchError.self) {
            try runBatch(input, out: dir.path + "/out") { try WorkerProcessProducer(command: ["/bin/false"], hello: Data("{}".utf8)) }
        }
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/out/P1.pdf"))
    }
}
