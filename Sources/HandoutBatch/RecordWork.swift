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
    var facts: HandoutFacts
    var warnings: [RecordWarning] = []
    var previous: DoneRecord?

    /// The manifest row of this record with its PDF (and its `previews`) on disk.
    func done(_ status: ManifestEntry.Status, pages: Int, bytes: Int, sha256: String, previews: [String]) -> ManifestEntry {
        ManifestEntry(id: id, line: line, status: status, file: file, pages: pages, bytes: bytes, sha256: sha256,
                      recordSHA256: source.record, optionsSHA256: source.options ?? "", warnings: warnings, previews: previews,
                      facts: facts)
    }

    func failed(_ message: String) -> ManifestEntry {
        ManifestEntry(id: id, line: line, status: .failed, error: message, warnings: warnings)
    }
}

/// What a worker does with a job: skip it (resume, files intact, same source) or render and write it.
struct RecordWork: Sendable {
    let builder: RecordBuilder
    let directory: String
    /// Where the page images go (`--png`); nil: the run makes none.
    let previewDirectory: String?
    /// Groups this shard's temporary files.
    let tag: String

    /// The record's manifest row, with why it was made again when an earlier run had done it.
    func process(_ job: Job, producer: any HandoutProducing) -> (entry: ManifestEntry, redone: RedoReason?) {
        guard let earlier = job.previous else { return (make(job, producer: producer), nil) }
        switch earlier.decision(file: FileManager.default.contents(atPath: "\(directory)/\(job.file)"), source: job.source) {
        case let .keep(sha256, bytes):
            let previews = PreviewFiles.names(stem: job.id, pages: Int(earlier.previews))
            guard allPresent(previews) else { return (make(job, producer: producer), .file) }
            return (job.done(.skipped, pages: Int(earlier.pages), bytes: bytes, sha256: sha256, previews: previews), nil)
        case let .redo(reason):
            return (make(job, producer: producer), reason)
        }
    }

    private func make(_ job: Job, producer: any HandoutProducing) -> ManifestEntry {
        let entry = attempt(job, producer: producer)
        if entry.status == .failed { removeStale(id: job.id) }
        return entry
    }

    /// A failed record keeps no handout or page image made from an earlier version of its row:
    /// someone printing from the folder would hand out old data.
    func removeStale(id: String) {
        unlink("\(directory)/\(RecordFileName.pdfName(for: id))")
        if let previewDirectory { PreviewFiles.remove(stem: id, in: previewDirectory) }
    }

    /// Whether the page images an earlier run recorded are still there (the options digest
    /// says whether this run makes them too).
    private func allPresent(_ previews: [String]) -> Bool {
        guard let previewDirectory else { return previews.isEmpty }
        return previews.allSatisfy { FileManager.default.fileExists(atPath: "\(previewDirectory)/\($0)") }
    }

    private func attempt(_ job: Job, producer: any HandoutProducing) -> ManifestEntry {
        do {
            let pdf = try producer.render(job.patient, password: job.password, source: "\(builder.sourceName):\(job.line)")
            let sha = SHA256Hex.of(pdf.data)
            try DurableFile.write(pdf.data, directory: directory, name: job.file, tag: tag)
            let previews = try previewDirectory.map { folder throws(FileWriteError) in
                try PreviewFiles.write(pdf.previews, directory: folder, stem: job.id, tag: tag)
            } ?? []
            return job.done(.ok, pages: pdf.pages, bytes: pdf.data.count, sha256: sha, previews: previews)
        } catch let error as InputError {
            return job.failed(builder.failure(for: error).message)
        } catch let error as LocalizedError {
            return job.failed(error.errorDescription ?? "could not be rendered")
        } catch {
            return job.failed("could not be rendered (\(type(of: error)))")
        }
    }
}
