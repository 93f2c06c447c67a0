import Foundation
import Testing

@testable import HandoutMail

/// CR, LF and other controls hidden in RFC 2047 encoded words, which mail programs decode:
/// refused in every header value (sender, recipient name and address, subject).
@Suite("Encoded header injection")
struct HeaderInjectionTests {
    static let encodedLineBreaks = [
        "=?utf-8?q?Clinic=0D=0ABcc:_x@evil.example?=",
        "=?UTF-8?Q?Clinic=0ABcc:_x@evil.example?=",
        "=?utf-8?b?Q2xpbmljDQpCY2M6IHhAZXZpbC5leGFtcGxl?=",
        "=?iso-8859-1?B?Q2xpbmljDQpCY2M6IHhAZXZpbC5leGFtcGxl?=",
        // Unpadded, split by padding, or with junk a lenient decoder skips.
        "=?utf-8?b?Q2xpbmljDQ?=",
        "=?utf-8?b?Q2xp==DQo=?=",
        "=?utf-8?b?Q2x*pbmljDQpC?=",
        "Spine =?utf-8?q?Clinic?= =?utf-8?q?=0d=0a?=",
    ]

    @Test(arguments: encodedLineBreaks)
    func encodedLineBreakInTheSendersNameIsRefused(_ name: String) {
        #expect(throws: MailAddressError.encodedLineBreak) { try Mailbox(parsing: "\(name) <care@clinic.example>") }
        #expect(throws: MailAddressError.encodedLineBreak) { try Mailbox(parsing: "\"\(name)\" <care@clinic.example>") }
        #expect(throws: MailAddressError.encodedLineBreak) { try Mailbox(displayName: name, address: "a@x.example") }
    }

    @Test(arguments: [
        "=?utf-8?q?Clinic=00tail?=", "=?utf-8?q?Cli=09nic?=", "=?utf-8?q?Clinic=7F?=", "=?utf-8?q?Clinic=C2=85?=",
        "=?utf-8?b?Q2xpbmljAHRhaWw=?=", "=?iso-8859-1?q?Clinic=85?=", "=?utf-8?q?Clinic=E2=80=A8?=",
    ])
    func encodedControlCharacterIsRefused(_ name: String) {
        #expect(throws: MailAddressError.encodedControlCharacter) { try Mailbox(parsing: "\(name) <care@clinic.example>") }
    }

    @Test(arguments: encodedLineBreaks)
    func encodedLineBreakInTheReplyToIsRefused(_ name: String) {
        // --reply-to and mail.reply-to are parsed as the sender is.
        #expect(throws: MailAddressError.encodedLineBreak) { try Mailbox(parsing: "\(name) <desk@clinic.example>") }
    }

    @Test func theReplyToIsOneEncodedHeaderLine() throws {
        var envelope = try Fixtures.envelope()
        envelope.replyTo = try Mailbox(parsing: "Recepción: Front Desk <desk@clinic.example>")
        let head = String(decoding: try envelope.build().bytes, as: UTF8.self).components(separatedBy: "\r\n\r\n")[0]
        let fields = head.components(separatedBy: "\r\n").filter { $0.hasPrefix("Reply-To:") }
        #expect(fields.count == 1, "\(head)")
        #expect(fields.first?.hasPrefix("Reply-To: =?UTF-8?") == true && fields.first?.hasSuffix(" <desk@clinic.example>") == true, "\(fields)")
        #expect(head.utf8.allSatisfy { $0 < 0x80 })
        #expect(!String(decoding: try Fixtures.envelope().build().bytes, as: UTF8.self).contains("Reply-To:"))
    }

    @Test func encodedLineBreakInAnAddressIsRefused() {
        #expect(throws: MailAddressError.encodedLineBreak) { try MailAddress("=?utf-8?q?=0D=0A?=@x.example") }
    }

    @Test func encodedLineBreakInTheSubjectIsRefused() throws {
        for subject in ["Your handout =?utf-8?q?=0D=0ABcc:_x@evil.example?=", "=?utf-8?b?SGkNCkJjYzogeEBldmlsLmV4YW1wbGU=?="] {
            #expect(throws: MessageBuildError.subjectContainsControlCharacter) { try Fixtures.envelope(subject: subject).build() }
        }
    }

    @Test func rawControlCharactersStayRefused() {
        #expect(throws: MailAddressError.containsLineBreak) { try Mailbox(parsing: "Clinic\r\nBcc: x@evil.example <care@clinic.example>") }
        #expect(throws: MailAddressError.containsControlCharacter) { try Mailbox(parsing: "Cli\u{0}nic <care@clinic.example>") }
        #expect(throws: MailAddressError.containsControlCharacter) { try Mailbox(parsing: "Cli\u{85}nic <care@clinic.example>") }
    }

    @Test func harmlessEncodedWordsAndLookalikesPass() throws {
        #expect(try Mailbox(parsing: "=?utf-8?q?Cl=C3=ADnica_Norte?= <care@clinic.example>").displayName != nil)
        #expect(try Mailbox(parsing: "=?utf-8?b?Q2zDrW5pY2E=?= <care@clinic.example>").displayName != nil)
        #expect(try Mailbox(parsing: "Rate =? 100% <care@clinic.example>").displayName == "Rate =? 100%")
        #expect(try Mailbox(parsing: "Spine Clinic <care@clinic.example>").displayName == "Spine Clinic")
    }

    @Test func theErrorNamesTheEncodingAndNotTheText() {
        let message = MailAddressError.encodedLineBreak.errorDescription ?? ""
        #expect(message.contains("=?...?=") && message.contains("line break"))
        #expect(!message.contains("evil"))
    }
}
