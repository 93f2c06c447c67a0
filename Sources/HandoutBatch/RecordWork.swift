import Foundation
import HandoutCore
import HandoutSupport

/// One record for a worker: what to make, from what, and what an earlier run recorded of it.
struct Job: Sendable {
    var line: Int
    var id: String
    var patient: PatientProfile
    var password: String?
    var file: String
    var source: SourceDigests
    var previous: DoneRecord?

    /// The manifest row of this record with its PDF on disk.
    func done(_ status: ManifestEntry.Status, pages: Int, bytes: Int, sha256: String) -> ManifestEntry {
        ManifestEntry(id: id, line: line, status: status, file: file, pages: pages, bytes: bytes, sha256: sha256,
                      recordSHA256: source.record, optionsSHA256: source.options ?? "")
    }
}

/// What a worker does with a job: skip it (resume, file intact, same source) or render and write it.
struct RecordWork: Sendable {
    let builder: RecordBuilder
    let directory: String
    /// Groups this shard's temporary files.
    let tag: String

    /// The record's manifest row, with why it was made again when an earlier run had done it.
    func process(_ job: Job, producer: any HandoutProducing) -> (entry: ManifestEntry, redone: RedoReason?) {
        guard let earlier = job.previous else { return (make(job, producer: producer), nil) }
        switch earlier.decision(file: FileManager.default.contents(atPath: "\(directory)/\(job.file)"), source: job.source) {
        case let .keep(sha256, bytes):
            return (job.done(.skipped, pages: Int(earlier.pages), bytes: bytes, sha256: sha256), nil)
        case let .redo(reason):
            return (make(job, producer: producer), reason)
        }
    }

    private func make(_ job: Job, producer: any HandoutProducing) -> ManifestEntry {
        let entry = attempt(job, producer: producer)
        if entry.status == .failed { Self.removeStale(job.file, in: directory) }
        return entry
    }

    /// A failed record keeps no handout made from an earlier version of its row: someone
    /// printing from the folder would hand out old data.
    static func removeStale(_ file: String, in directory: String) {
        unlink("\(directory)/\(file)")
    }

    private func attempt(_ job: Job, producer: any HandoutProducing) -> ManifestEntry {
        do {
            let pdf = try producer.render(job.patient, password: job.password, source: "\(builder.sourceName):\(job.line)")
            let sha = SHA256Hex.of(pdf.data)
            try DurableFile.write(pdf.data, directory: directory, name: job.file, tag: tag)
            return job.done(.ok, pages: pdf.pages, bytes: pdf.data.count, sha256: sha)
        } catch let error as InputError {
            return ManifestEntry(id: job.id, line: job.line, status: .failed, error: builder.failure(for: error).message)
        } catch let error as LocalizedError {
            return ManifestEntry(id: job.id, line: job.line, status: .failed, error: error.errorDescription ?? "could not be rendered")
        } catch {
            return ManifestEntry(id: job.id, line: job.line, status: .failed, error: "could not be rendered (\(type(of: error)))")
        }
    }
}
