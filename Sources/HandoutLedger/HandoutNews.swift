/// A patient's handout in this batch beside the last one sent to them (in any folder): what mail
/// does with it. Compared by what the patient reads (`HandoutFacts.readsSHA256`): the record, the
/// topic, language, content and the options that shape the handout, all but the day printed on
/// it. So a changed appointment, topic, language or content is news, and a printed date
/// (`--date`, `SOURCE_DATE_EPOCH`) that moves each week is not. When either side's digest is not
/// known (a handout recorded before the ledger kept it), the PDF's SHA-256 decides: the same
/// record and settings make the same bytes (output is deterministic).
public enum HandoutNews: String, Sendable, CaseIterable {
    /// Never sent to this patient.
    case new
    /// Sent before, a handout that told something else: sent again, as an updated handout.
    case changed
    /// A handout that told the same was sent: not sent again (unless asked with `--resend`).
    case unchanged
    /// A handout that told the same was handed over without a reply (it may have arrived): a
    /// person decides (`--retry-uncertain`).
    case uncertain

    /// `readsSHA256`: this handout's (empty when not known).
    public init(pdfSHA256: String, readsSHA256: String, last: LastDelivery?) {
        guard let last else { self = .new; return }
        let same = if let lastReads = last.readsSHA256, !readsSHA256.isEmpty {
            lastReads == LedgerDigest.short(readsSHA256)
        } else {
            last.pdfSHA256 == LedgerDigest.short(pdfSHA256)
        }
        if !same { self = .changed } else { self = last.uncertain ? .uncertain : .unchanged }
    }
}
