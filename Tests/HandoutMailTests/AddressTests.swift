import Testing

@testable import HandoutMail

@Suite("Addresses")
struct AddressTests {
    @Test(arguments: [
        "a@b.example", "first.last@clinic.example", "x+tag@sub.domain.example", "\"odd name\"@x.example",
        "o'brien@x.example",
    ])
    func accepts(_ text: String) throws {
        #expect(try MailAddress(text).address == text)
    }

    @Test(arguments: [
        ("", MailAddressError.empty),
        ("victim@x.example\r\nBcc: spy@evil.example", .containsLineBreak),
        ("victim@x.example\nRCPT TO:<spy@evil.example>", .containsLineBreak),
        ("a\u{0}@x.example", .containsControlCharacter),
        ("no-at.example", .missingAt),
        ("two words@x.example", .invalidLocalPart),
        ("a..b@x.example", .invalidLocalPart),
        (".a@x.example", .invalidLocalPart),
        ("a@localhost", .invalidDomain),
        ("a@-x.example", .invalidDomain),
        ("a@x..example", .invalidDomain),
        ("josé@x.example", .nonASCII),
        ("a@b.example>", .invalidDomain),
    ])
    func rejects(_ text: String, _ error: MailAddressError) {
        #expect(throws: error) { try MailAddress(text) }
    }

    @Test func parsesMailboxes() throws {
        let clinic = try Mailbox(parsing: "Spine Clinic <care@clinic.example>")
        #expect(clinic.displayName == "Spine Clinic")
        #expect(clinic.address.address == "care@clinic.example")
        let quoted = try Mailbox(parsing: "\"Smith, \\\"Bob\\\"\" <b@x.example>")
        #expect(quoted.displayName == "Smith, \"Bob\"")
        #expect(try Mailbox(parsing: "care@clinic.example").displayName == nil)
        #expect(throws: MailAddressError.containsLineBreak) {
            try Mailbox(parsing: "Clinic <care@clinic.example>\r\nBcc: spy@evil.example")
        }
        #expect(throws: MailAddressError.self) { try Mailbox(parsing: "Clinic <care@clinic.example") }
        #expect(throws: MailAddressError.malformedMailbox) { try Mailbox(parsing: "Cli\"nic <care@clinic.example>") }
    }

    @Test func descriptionsHideAddresses() throws {
        let mailbox = try Mailbox(displayName: "Ana García", address: "ana@x.example")
        #expect(!"\(mailbox)".contains("ana"))
        #expect(!"\(mailbox.address)".contains("ana"))
        #expect(!String(reflecting: mailbox).contains("ana"))
        #expect(SMTPReply(code: 550, lines: ["5.1.1 <ana@x.example>: no such user"]).redacted
            == "550 5.1.1 <redacted> no such user")
    }
}
