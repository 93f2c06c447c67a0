import Foundation
import HandoutCore
import HandoutSupport

/// The reading side of a batch: streams the input, keeps this shard's records up to the limit,
/// checks ids (safe, not repeated in any shard) and fields, and turns each record into a checked
/// patient or a failure. Runs on one thread; writes nothing (the preflight runs it too).
struct RecordDispatch {
    enum Outcome {
        /// `password`: the record's own (`BatchOptions.recordPassword`), if the run gives one.
        case patient(line: Int, id: String, PatientProfile, password: String?)
        /// `id` is empty when it cannot be shown (missing, or not a safe file name). `ownsID`: the
        /// row is the one its id belongs to (not a duplicate), so an older handout of it is stale.
        case failed(id: String, line: Int, RowFailure, ownsID: Bool)
    }

    let source: any RecordSource
    let builder: RecordBuilder
    let shard: Shard
    let limit: Int?
    let hasDefaultClinic: Bool
    let password: ResolvedRecordPassword?
    /// The date style read from the file's own dates, when the run names none (`DateFormat.detect`).
    let detectedDateFormat: DateFormat?
    /// Why reading stopped before the end of the input, if it did.
    private(set) var readError: BatchError?
    /// The record the last outcome came from.
    private(set) var lastRecord: SourceRecord?
    private var seen: [String: Int] = [:]
    private var index = 0
    private var taken = 0

    /// Opens the run's input: its columns mapped (CSV), its records checked by the run's rules.
    init(reading options: BatchOptions) throws(BatchError) {
        source = try RecordSources.open(path: options.input, name: options.inputName, format: options.inputFormat)
        let map = try source.headers.map { headers throws(BatchError) in
            try ColumnMap(headers: headers, overrides: options.columnOverrides, source: options.inputName)
        }
        detectedDateFormat = options.dateFormat == nil && map != nil
            ? DateFormat.detect(path: options.input, name: options.inputName, format: options.inputFormat, overrides: options.columnOverrides) : nil
        builder = RecordBuilder(map: map, dateFormat: options.dateFormat ?? detectedDateFormat, nameFormat: options.nameFormat,
                                languages: options.languages, sourceName: (options.input as NSString).lastPathComponent, today: options.today)
        shard = options.shard
        limit = options.limit
        hasDefaultClinic = options.hasDefaultClinic
        password = try options.recordPassword?.resolve(map: map, source: options.inputName)
    }

    /// The next record of this shard, nil at the end of the input or of the limit.
    mutating func next() -> Outcome? {
        while true {
            let record: SourceRecord
            do {
                guard let next = try source.next() else { return nil }
                record = next
            } catch {
                readError = error
                return nil
            }
            let mine = shard.takes(index)
            index += 1
            guard mine else {
                // Other shards' records still count for duplicate detection.
                if let id = builder.decode(record).id, seen[RecordFileName.collisionKey(id)] == nil {
                    seen[RecordFileName.collisionKey(id)] = record.line
                }
                continue
            }
            if let limit, taken >= limit { return nil }
            taken += 1
            return outcome(of: record)
        }
    }

    private mutating func outcome(of record: SourceRecord) -> Outcome {
        lastRecord = record
        let decoded = builder.decode(record)
        if case let .failure(failure) = decoded.record, decoded.id == nil {
            return .failed(id: "", line: record.line, failure, ownsID: false)
        }
        guard let id = decoded.id else { return idFailure(record, .empty) }
        // An id that cannot be a file name is not shown either: a stray quote can make it
        // the text of whole rows (names, birth dates).
        if let problem = RecordFileName.problem(with: id) { return idFailure(record, .unsafeID(problem)) }
        let key = RecordFileName.collisionKey(id)
        if let first = seen[key] { return idFailure(record, .duplicate(ofLine: first), id: id) }
        seen[key] = record.line
        let patient: PatientProfile
        do {
            patient = try builder.profile(decoded, line: record.line)
        } catch {
            return .failed(id: id, line: record.line, error, ownsID: true)
        }
        guard patient.clinic != nil || hasDefaultClinic else {
            return .failed(id: id, line: record.line, .noClinic, ownsID: true)
        }
        do {
            return .patient(line: record.line, id: id, patient, password: try password?.password(for: patient, record: record))
        } catch {
            return .failed(id: id, line: record.line, error, ownsID: true)
        }
    }

    /// `id`: the id to show, when it is safe to.
    private func idFailure(_ record: SourceRecord, _ problem: RowProblem, id: String = "") -> Outcome {
        .failed(id: id, line: record.line, builder.idFailure(problem), ownsID: false)
    }
}
