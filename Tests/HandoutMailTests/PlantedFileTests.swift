import Foundation
import Testing

@testable import HandoutMail

/// Links planted where mail writes (the journal, the outbox's `.eml` files) are never written
/// through: what they point to stays as it was.
@Suite("Planted links")
struct PlantedFileTests {
    let directory: URL
    /// A file that must not change, and one that must not come to exist.
    let precious: URL
    let absent: URL

    init() throws {
        directory = try TestPaths.temporaryDirectory("planted")
        precious = directory.appendingPathComponent("precious.txt")
        absent = directory.appendingPathComponent("absent.txt")
        try Data().write(to: precious)
    }

    private var preciousIsUntouched: Bool {
        (try? Data(contentsOf: precious)) == Data() && !FileManager.default.fileExists(atPath: absent.path)
    }

    @Test(arguments: ["precious.txt", "absent.txt"])
    func aSymbolicLinkAtTheJournalIsRefused(_ target: String) throws {
        let journal = directory.appendingPathComponent("mail-journal.csv")
        try FileManager.default.createSymbolicLink(atPath: journal.path, withDestinationPath: directory.appendingPathComponent(target).path)
        #expect(throws: MailJournalError.cannotOpen(path: journal.path, reason: "it is a symbolic link; move it away")) {
            try MailJournal(url: journal)
        }
        #expect(throws: MailJournalError.self) { try MailJournal.read(url: journal) }
        #expect(preciousIsUntouched)
    }

    @Test func aHardLinkAtTheJournalIsRefused() throws {
        let journal = directory.appendingPathComponent("mail-journal.csv")
        try FileManager.default.linkItem(at: precious, to: journal)
        #expect(throws: MailJournalError.self) { try MailJournal(url: journal) }
        #expect(preciousIsUntouched)
    }

    @Test func linksPlantedInTheOutboxAreReplacedNotFollowed() async throws {
        let outbox = directory.appendingPathComponent("outbox")
        try FileManager.default.createDirectory(at: outbox, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        // At the final names, and at the temporary name the old writer used (predictable: pid).
        try FileManager.default.createSymbolicLink(atPath: outbox.appendingPathComponent("p001.eml").path, withDestinationPath: precious.path)
        try FileManager.default.createSymbolicLink(atPath: outbox.appendingPathComponent("p002.eml").path, withDestinationPath: absent.path)
        try FileManager.default.createSymbolicLink(
            atPath: outbox.appendingPathComponent(".p001.eml.\(getpid()).tmp").path, withDestinationPath: precious.path)
        let deliveries = try Fixtures.deliveries(count: 2, in: directory)
        let summary = try await MailRun(
            settings: Fixtures.settings(journal: directory.appendingPathComponent("mail-journal.csv"), smtp: nil),
            options: MailRunOptions(outboxDirectory: outbox)
        ).run(deliveries)
        #expect(summary.count(.written) == 2)
        #expect(preciousIsUntouched)
        for name in ["p001.eml", "p002.eml"] {
            let attributes = try FileManager.default.attributesOfItem(atPath: outbox.appendingPathComponent(name).path)
            #expect(attributes[.type] as? FileAttributeType == .typeRegular)
            #expect(attributes[.posixPermissions] as? Int == 0o600)
        }
        #expect(try EmailSummary.parse(files: [outbox.appendingPathComponent("p001.eml")])[0].to_addresses == ["p001@patients.example"])
    }

    @Test func anOutboxOthersCanWriteIsRefused() async throws {
        let outbox = directory.appendingPathComponent("shared-outbox")
        try FileManager.default.createDirectory(at: outbox, withIntermediateDirectories: false)
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: outbox.path)
        let deliveries = try Fixtures.deliveries(count: 1, in: directory)
        await #expect(throws: MailRunError.self) {
            try await MailRun(
                settings: Fixtures.settings(journal: directory.appendingPathComponent("mail-journal.csv"), smtp: nil),
                options: MailRunOptions(outboxDirectory: outbox)
            ).run(deliveries)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: outbox.path).isEmpty)
    }
}
