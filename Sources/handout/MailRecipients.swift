import Foundation
import HandoutBatch
import HandoutCore
import HandoutMail

/// Joins the patient list to the batch manifest: who gets which PDF, and which records
/// cannot be mailed (no email, no ok handout, a row that does not read).
struct MailRecipients {
    let batch: String
    let csv: String
    let columnOverrides: [String: String]

    /// Why records were not mailed, one line each (record id and line, nothing else).
    struct Unmailed {
        var withoutEmail: [String] = []
        /// No ok handout in the manifest, or a row that does not read.
        var withoutHandout: [String] = []
    }

    func deliveries() throws -> (deliveries: [MailDelivery], unmailed: Unmailed) {
        let handouts = try okHandouts()
        let source = try RecordSources.open(path: csv)
        let map = try source.headers.map { try ColumnMap(headers: $0, overrides: columnOverrides, source: csv) }
        let builder = RecordBuilder(map: map, dateFormat: nil, sourceName: csv, today: today)
        var deliveries: [MailDelivery] = []
        var unmailed = Unmailed()
        while let record = try source.next() {
            let decoded = builder.decode(record)
            let place = "\(csv):\(record.line)"
            guard let id = decoded.id else {
                unmailed.withoutHandout.append("\(place): no id; not mailed")
                continue
            }
            guard let handout = handouts[id] else {
                unmailed.withoutHandout.append("\(place): id \(id) has no handout in the manifest; not mailed")
                continue
            }
            let patient: PatientProfile
            do {
                patient = try builder.profile(decoded, line: record.line)
            } catch {
                unmailed.withoutHandout.append("\(place): id \(id) \(error.message); not mailed")
                continue
            }
            guard let email = patient.email else {
                unmailed.withoutEmail.append("\(place): id \(id) has no email; not mailed")
                continue
            }
            deliveries.append(MailDelivery(
                id: id, recipientName: nil, recipientAddress: email,
                attachmentPath: URL(fileURLWithPath: batch).appendingPathComponent(handout.file),
                language: patient.language ?? "en", expectedSHA256: handout.sha256))
        }
        return (deliveries, unmailed)
    }

    /// The last ok (or verified skipped) row for each id.
    private func okHandouts() throws -> [String: ManifestEntry] {
        var handouts: [String: ManifestEntry] = [:]
        try ManifestReader.read(path: URL(fileURLWithPath: batch).appendingPathComponent("manifest.csv").path) { entry in
            if entry.status == .ok || entry.status == .skipped, !entry.file.isEmpty {
                handouts[entry.id] = entry
            } else {
                handouts[entry.id] = nil
            }
        }
        return handouts
    }
}
