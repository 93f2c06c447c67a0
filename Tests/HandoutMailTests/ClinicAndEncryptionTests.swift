import Foundation
import Testing

@testable import HandoutMail

/// What the email says about the clinic and a protected PDF, and the server address checks.
@Suite struct ClinicAndEncryptionTests {
    static let clinic = ClinicContact(name: "Riverside Spine & Pain Clinic", phone: "(555) 555-0142")

    @Test(arguments: [("en", "please call Riverside Spine & Pain Clinic at (555) 555-0142"),
                      ("es", "llame a Riverside Spine & Pain Clinic al (555) 555-0142")])
    func theBodyNamesTheClinicAndItsPhone(_ language: String, _ sentence: String) throws {
        let plain = try MailTemplate.bundled(language: language).filled(clinic: Self.clinic, passwordProtected: false)
        #expect(plain.body.contains(sentence))
        #expect(!plain.body.contains("{") && !plain.body.contains("\n\n\n"))
        #expect(plain.subject.hasSuffix("Riverside Spine & Pain Clinic"))
        let protected = try MailTemplate.bundled(language: language).filled(clinic: Self.clinic, passwordProtected: true)
        let note = try MailTemplate.bundled(language: language).filled(clinic: Self.clinic, passwordProtected: true).protectedNote
        #expect(!note.isEmpty && protected.body.contains(note) && !plain.body.contains(note))
        #expect(note.contains("(555) 555-0142"))
    }

    @Test(arguments: [("en", "This is an updated handout: it replaces the one Riverside Spine & Pain Clinic sent you before"),
                      ("es", "Este es un folleto actualizado: reemplaza el que Riverside Spine & Pain Clinic le envió antes")])
    func anUpdatedHandoutSaysSoBeforeWhatItIsFor(_ language: String, _ sentence: String) throws {
        let template = try MailTemplate.bundled(language: language)
        let updated = template.filled(clinic: Self.clinic, passwordProtected: false, updated: true)
        let first = template.filled(clinic: Self.clinic, passwordProtected: false)
        let visit = try #require(first.body.components(separatedBy: "\n\n").first { $0.contains("PDF") })
        #expect(updated.body.contains(sentence + (language == "en" ? ", because something in it has changed. " : ", porque algo en él ha cambiado. ") + visit))
        #expect(!first.body.contains(sentence))
        #expect(updated.subject == first.subject, "the subject stays generic")
    }

    @Test func insertedValuesAreNeverReadAsPlaceholdersOrLines() {
        let template = MailTemplate(subject: "From {clinic}", body: "Call {clinic} at {phone}.\n")
        let filled = template.filled(clinic: ClinicContact(name: "{phone}\r\nBcc: x@evil.example", phone: "{clinic}"), passwordProtected: false)
        #expect(filled.body == "Call {phone}  Bcc: x@evil.example at {clinic}.\n")
    }

    @Test(arguments: HeaderInjectionTests.encodedLineBreaks)
    func aClinicNameThatCouldBreakTheSubjectIsRefused(_ name: String) throws {
        #expect(throws: MailTemplateError.clinicNameNotHeaderSafe) { try MailTemplate.checkHeaderSafe(ClinicContact(name: name, phone: "1")) }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("clinic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var delivery = try #require(try Fixtures.deliveries(count: 1, in: directory).first)
        delivery.clinic = ClinicContact(name: name, phone: "(555) 555-0100")
        var composer = MessageComposer(settings: Fixtures.settings(journal: directory.appendingPathComponent("j.csv"), smtp: nil))
        #expect(throws: DeliveryProblem.self) { try composer.compose(delivery) }
    }

    @Test func encryptionIsReadFromTheLastTrailerOnly() {
        func pdf(_ body: String, trailer: String) -> [UInt8] {
            let head = "%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n\(body)\n"
            let xref = head.utf8.count
            return Array((head + "xref\n0 2\n0000000000 65535 f \n0000000009 00000 n \ntrailer\n\(trailer)\nstartxref\n\(xref)\n%%EOF\n").utf8)
        }
        #expect(PDFEncryption.isEncrypted(pdf("", trailer: "<< /Size 2 /Root 1 0 R /Encrypt 3 0 R /ID [<00><00>] >>")))
        #expect(PDFEncryption.isEncrypted(pdf("", trailer: "<</Size 2/Root 1 0 R/Encrypt<</Filter/Standard>>>>")))
        // The same bytes in a string or a stream, or a longer key, say nothing.
        #expect(!PDFEncryption.isEncrypted(pdf("2 0 obj\n(/Encrypt 3 0 R)\nendobj", trailer: "<< /Size 2 /Root 1 0 R >>")))
        #expect(!PDFEncryption.isEncrypted(pdf("", trailer: "<< /Size 2 /Root 1 0 R /EncryptMetadata false >>")))
        #expect(!PDFEncryption.isEncrypted(Array("%PDF-1.7\nno trailer at all\n".utf8)))
        #expect(!PDFEncryption.isEncrypted(Array("%PDF-1.7\nstartxref\n999999\n%%EOF\n".utf8)))
    }

    @Test func addressesAreShortenedForListings() {
        #expect(Redaction.address("mj.garcia@example.org") == "m•••@e•••.org")
        #expect(Redaction.address("a@localhost") == "a•••@l•••")
        #expect(Redaction.address("not an address") == "•••")
    }

    @Test(arguments: [
        ("smtp://127.0.0.1:587", SMTPConfigurationError.ipAddressNeedsName(host: "127.0.0.1")),
        ("smtps://[::1]:465", .ipAddressNeedsName(host: "::1")),
        ("smtp://mail.clinic.example:0", .invalidPort),
        ("smtp://mail.clinic.example:65536", .invalidPort),
        ("smtp://mail.clinic.example:99999999999999999999", .invalidPort),
        ("smtp://mail.clinic.example:abc", .invalidPort),
        ("smtp://mail.clinic.example:", .invalidPort),
        ("ftp://mail.clinic.example", .unsupportedScheme("ftp")),
        ("mail.clinic.example:587", .missingScheme),
        ("smtp://user@mail.clinic.example", .invalidURL),
        ("smtp://mail.clinic.example/path", .invalidURL),
    ])
    func aServerAddressIsCheckedBeforeAnyConnection(_ url: String, _ error: SMTPConfigurationError) {
        #expect(throws: error) { try SMTPConfiguration(url: url) }
    }

    @Test func goodServerAddresses() throws {
        let startTLS = try SMTPConfiguration(url: "smtp://Mail.Clinic.example")
        #expect(startTLS.port == 587 && startTLS.security == .startTLS && startTLS.host == "Mail.Clinic.example")
        let implicit = try SMTPConfiguration(url: "SMTPS://mail.clinic.example:2465/")
        #expect(implicit.port == 2465 && implicit.security == .implicitTLS)
        let loopback = try SMTPConfiguration(url: "smtp://127.0.0.1:2525", allowPlaintextLoopback: true)
        #expect(loopback.security == .plaintextLoopback && loopback.host == "127.0.0.1")
        #expect(try SMTPConfiguration(url: "smtp://[::1]:25", allowPlaintextLoopback: true).host == "::1")
    }
}
