@testable import HandoutMail

/// A journal that keeps its rows in memory and refuses to write rows of one status,
/// as a full disk would.
actor FailingJournal: MailJournalWriter {
    static let failure = MailJournalError.cannotWrite(path: "/clinic/batch/mail-journal.csv", reason: "No space left on device")

    let failing: MailJournalStatus
    private(set) var entries: [MailJournalEntry] = []

    init(failing: MailJournalStatus) {
        self.failing = failing
    }

    func append(_ entry: MailJournalEntry) throws(MailJournalError) {
        guard entry.status != failing else { throw Self.failure }
        entries.append(entry)
    }
}
