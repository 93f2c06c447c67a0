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

    func run(_ names: [String], jobs: Int, limits: WorkerLimits = WorkerLimits()) throws -> (summary: BatchSummary, rows: [ManifestRow], dir: Scratch) {
        let dir = Scratch()
        let rows = names.enumerated().map { "P\($0.offset),\($0.element),Lopez,1961-04-17" }
        let input = dir.write("patients.csv", Self.header + rows.joined(separator: "\n") + "\n")
        let summary = try runBatch(input, out: dir.path + "/out", jobs: jobs) {
            try WorkerProcessProducer(command: ["/usr/bin/python3", Self.worker], limits: limits)
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

    @Test func aRecordOverTheTimeLimitIsStoppedAndFailsAlone() throws {
        let (summary, rows, _) = try run(["Ana", "HANG", "Bo"], jobs: 2, limits: WorkerLimits(secondsPerRecord: 1))
        #expect(summary.produced == 2)
        #expect(rows[1].error.contains("took longer than the time limit"))
    }

    @Test func aWorkerThatCannotStartStopsTheRunBeforeAnyRecord() throws {
        let dir = Scratch()
        let input = dir.write("patients.csv", Self.header + "P1,Ana,Lopez,1961-04-17\n")
        #expect(throws: BatchError.self) {
            try runBatch(input, out: dir.path + "/out") { try WorkerProcessProducer(command: ["/bin/false"]) }
        }
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/out/P1.pdf"))
    }
}
