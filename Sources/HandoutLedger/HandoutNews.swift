/// A patient's handout in this batch beside the last one sent to them (in any folder): what mail
/// does with it. Compared by the PDF's SHA-256, since the PDF is what the patient gets: a changed
/// appointment, topic, language or content changes it; the same record and settings make the
/// same bytes (output is deterministic). A printed date (`--date`) that moves each week changes
/// the PDF too, so the same record then counts as changed.
public enum HandoutNews: String, Sendable, CaseIterable {
    /// Never sent to this patient.
    case new
    /// Sent before, with another PDF: sent again, as an updated handout.
    case changed
    /// This very PDF was sent: not sent again (unless asked with `--resend`).
    case unchanged
    /// This very PDF was handed over without a reply (it may have arrived): a person decides
    /// (`--retry-uncertain`).
    case uncertain

    public init(pdfSHA256: String, last: LastDelivery?) {
        guard let last else { self = .new; return }
        if last.pdfSHA256 != pdfSHA256 { self = .changed } else { self = last.uncertain ? .uncertain : .unchanged }
    }
}
