import Foundation
import HandoutBatch
import HandoutCore
import HandoutTestSupport

/// A stand-in for the real renderer: deterministic bytes from the patient; "bad-factor" is an
/// unknown factor, as the real content would say.
struct FakeProducer: HandoutProducing {
    func render(_ patient: PatientProfile, password: String?, source: String) throws -> RenderedPDF {
        if patient.factors.contains("bad-factor") {
            throw InputError.unknownFactor(source: source, position: 1, known: ["instability"])
        }
        let text = "%PDF-fake\n\(patient.id)|\(patient.fullName)|\(patient.birthDate)|\(patient.notes ?? "")|\(patient.factors.joined(separator: ","))|\(patient.appointment?.date.description ?? "")\n"
        return RenderedPDF(data: Data(text.utf8), pages: 1 + patient.factors.count)
    }
}

struct ManifestRow: Equatable {
    var id: String, line: Int, status: String, file: String, error: String, sha256: String, recordSHA256: String, optionsSHA256: String
}

func readManifest(_ path: String) throws -> [ManifestRow] {
    var rows: [ManifestRow] = []
    try ManifestReader.read(path: path) { entry in
        rows.append(ManifestRow(id: entry.id, line: entry.line, status: entry.status.rawValue, file: entry.file,
                                error: entry.error, sha256: entry.sha256, recordSHA256: entry.recordSHA256,
                                optionsSHA256: entry.optionsSHA256))
    }
    return rows
}

let fixedToday = CalendarDate(year: 2025, month: 6, day: 1)!

func runBatch(_ input: String, out: String, jobs: Int = 2, shard: Shard = .whole, limit: Int? = nil,
              resume: Bool = false, map: ColumnOverrides = [:], dateFormat: String? = nil, renderOptions: String = "standard",
              previewDirectory: String? = nil,
              producer: @escaping @Sendable () throws -> any HandoutProducing = { FakeProducer() }) throws -> BatchSummary {
    let options = BatchOptions(input: input, outputDirectory: out, jobs: jobs, shard: shard, limit: limit, resume: resume,
                               columnOverrides: map, dateFormat: try dateFormat.map { try DateFormat($0) },
                               today: fixedToday, progress: false, previewDirectory: previewDirectory)
    let optionsDigest = SourceDigest.of(renderOptions)
    return try BatchRunner(options: options, makeProducer: producer, optionsDigest: { _ in optionsDigest }, log: { _ in }).run()
}
