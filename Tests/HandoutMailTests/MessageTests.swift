import Foundation
import Testing

@testable import HandoutMail
import HandoutSupport

@Suite("MIME message")
struct MessageTests {
    @Test func structureParsesWithPythonEmail() throws {
        let envelope = try Fixtures.envelope()
        let message = try envelope.build()
        let parsed = try EmailSummary.parse(bytes: message.bytes)
        #expect(parsed.defects.isEmpty)
        #expect(parsed.content_type == "multipart/mixed")
        #expect(parsed.from == "Spine Clinic <care@clinic.example>")
        #expect(parsed.to_names == ["Zoë Ölmez-Núñez"])
        #expect(parsed.to_addresses == ["patient@example.org"])
        #expect(parsed.subject == "Your handout from Spine Clinic")
        #expect(parsed.message_id == message.messageID)
        #expect(parsed.date == "Mon, 24 Nov 2025 16:00:00 +0000")
        #expect(parsed.parts.count == 2)
        #expect(parsed.text?.charset == "utf-8")
        #expect(parsed.text?.text?.replacingOccurrences(of: "\r\n", with: "\n") == "Hello,\n\nYour handout is attached.\n")
        let attachment = try #require(parsed.attachment)
        #expect(attachment.content_type == "application/pdf")
        #expect(attachment.filename == "handout_r1.pdf")
        #expect(attachment.sha256 == Fixtures.sha256(envelope.attachment.bytes))
    }

    @Test func linesAreShortAndSevenBit() throws {
        let long = String(repeating: "Ñandú García-Lopez ", count: 8)
        let message = try Fixtures.envelope(
            name: long, subject: "Su folleto de la Clínica de Columna Vertebral del Hospital Universitario San José",
            body: String(repeating: "Línea muy larga con acentos áéíóú ", count: 12) + "\n.\n").build()
        let lines = String(decoding: message.bytes, as: UTF8.self).components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.utf8.count <= 78 })
        #expect(message.bytes.allSatisfy { $0 < 0x80 })
        let parsed = try EmailSummary.parse(bytes: message.bytes)
        #expect(parsed.max_line <= 78)
        #expect(!parsed.bare_lf)
        #expect(parsed.defects.isEmpty)
        // Python's address parser adds a space between adjacent encoded words in a
        // display name (RFC 2047 §6.2 says to ignore it), so compare words.
        #expect(parsed.to_names.map { $0.split(separator: " ") } == [long.split(separator: " ")])
        #expect(parsed.subject == "Su folleto de la Clínica de Columna Vertebral del Hospital Universitario San José")
    }

    @Test func sameInputsGiveSameBytes() throws {
        let first = try Fixtures.envelope().build()
        let second = try Fixtures.envelope().build()
        #expect(first.bytes == second.bytes)
        let other = try Fixtures.envelope(id: "r2").build()
        #expect(other.messageID != first.messageID)
        #expect(
            MessageIdentity.boundary(batchID: "b1", recordID: "r1")
                != MessageIdentity.boundary(batchID: "b1", recordID: "r2"))
        var updated = try Fixtures.envelope()
        updated.revision = String(repeating: "a", count: 64)
        #expect(try updated.build().messageID != first.messageID, "an updated handout's message is not taken for the first")
        #expect(first.messageID.hasPrefix("<handout."))
        #expect(first.messageID.hasSuffix("@clinic.example>"))
    }

    @Test func quotedAndPlainDisplayNames() throws {
        #expect(HeaderEncoding.mailboxTokens(try Mailbox(displayName: "Bob Smith", address: "b@x.example"))
            == ["Bob", "Smith", "<b@x.example>"])
        #expect(HeaderEncoding.mailboxTokens(try Mailbox(displayName: "Smith, Bob", address: "b@x.example"))
            == ["\"Smith, Bob\"", "<b@x.example>"])
        #expect(HeaderEncoding.encodedWords("Zoë").first == "=?UTF-8?B?Wm/Dqw==?=")
        let words = HeaderEncoding.encodedWords(String(repeating: "ü", count: 100))
        #expect(words.count > 1)
        #expect(words.allSatisfy { $0.count <= 75 })
    }

    @Test func subjectWithLineBreakIsRefused() throws {
        #expect(throws: MessageBuildError.subjectContainsControlCharacter) {
            try Fixtures.envelope(subject: "Hello\r\nBcc: spy@evil.example").build()
        }
    }

    @Test func nameWithLineBreakIsRefused() {
        #expect(throws: MailAddressError.containsLineBreak) {
            try Mailbox(displayName: "Ana\r\nBcc: spy@evil.example", address: "a@x.example")
        }
    }

    @Test func templatesHaveNoPrivateFields() throws {
        let visits: [MailVisit?] = [nil, MailVisit(year: 2026, month: 12, day: 14, time: "8:30 AM", isAhead: true),
                                    MailVisit(year: 2026, month: 12, day: 14, time: nil, isAhead: true),
                                    MailVisit(year: 2026, month: 12, day: 1, time: nil, isAhead: false)]
        for language in MailTemplate.bundledLanguages {
            for visit in visits {
                let template = try MailTemplate.bundled(language: language)
                    .filled(clinic: Fixtures.clinic, passwordProtected: true, visit: visit, noReply: true)
                #expect(template.subject.contains("Spine Clinic"))
                #expect(!template.body.contains("{"))
                #expect(!template.subject.contains("{"))
                #expect(!template.subject.contains("14") && !template.subject.contains("1,"), "the subject never names the day")
            }
        }
        #expect(try MailTemplate.bundled(language: "es-MX").subject == "Su folleto de {clinic}")
        #expect(try MailTemplate.bundled(language: "de").subject == "Your handout from {clinic}")
    }

    /// The languages are the template files there are, so a translation added as files is used.
    @Test func theBundledLanguagesAreTheTemplateFiles() {
        #expect(MailTemplate.bundledLanguages.contains("en") && MailTemplate.bundledLanguages.contains("es"))
        #expect(MailTemplate.bundledLanguages.allSatisfy { !$0.contains(".") }, "the visit, protected and noreply parts are no languages")
        #expect(MailTemplate.bundledLanguage(for: "ES_mx") == "es")
        #expect(MailTemplate.bundledLanguage(for: "x-elvish") == "en")
    }

    @Test func theVisitParagraphNamesTheDayAndTimeBeforeItAndTheDayAfterIt() throws {
        let english = try MailTemplate.bundled(language: "en"), spanish = try MailTemplate.bundled(language: "es")
        let ahead = MailVisit(year: 2026, month: 12, day: 14, time: "8:30 AM", isAhead: true)
        #expect(english.filled(clinic: Fixtures.clinic, passwordProtected: false, visit: ahead).body
            .contains("for your visit on Monday, December 14 at 8:30 AM. It is attached"))
        #expect(spanish.filled(clinic: Fixtures.clinic, passwordProtected: false, visit: ahead).body
            .contains("para su visita del lunes, 14 de diciembre a las 8:30 AM."))
        let past = MailVisit(year: 2026, month: 12, day: 1, time: "9:00 AM", isAhead: false)
        let after = english.filled(clinic: Fixtures.clinic, passwordProtected: false, visit: past).body
        #expect(after.contains("after your visit on Tuesday, December 1. It is attached"))
        #expect(!after.contains("9:00"), "a past visit's time does not matter")
        // A time the EHR wrote is inserted as text: never read again as a placeholder.
        let odd = MailVisit(year: 2026, month: 12, day: 14, time: "{clinic}\r\nBcc: x", isAhead: true)
        #expect(english.filled(clinic: Fixtures.clinic, passwordProtected: false, visit: odd).body.contains("at {clinic}  Bcc: x."))
    }

    @Test func doNotReplyOnlyWhenRepliesGoToANoReplyAddress() throws {
        let template = try MailTemplate.bundled(language: "en")
        #expect(!template.filled(clinic: Fixtures.clinic, passwordProtected: false).body.contains("reply"))
        #expect(template.filled(clinic: Fixtures.clinic, passwordProtected: false, noReply: true).body.contains("Replies to this email are not read"))
        for (address, noReply) in [("no-reply@x.example", true), ("NoReply@x.example", true), ("do_not_reply@x.example", true),
                                   ("frontdesk@x.example", false), ("reply@x.example", false)] {
            #expect(try MailAddress(address).isNoReply == noReply, "\(address)")
        }
    }

    @Test func attachmentNamesFollowTheRecordFileNameRule() throws {
        for (name, sent) in [("p001.pdf", "p001.pdf"), ("../../x.pdf", "handout.pdf"), ("", "handout.pdf"),
                             ("folleto Núñez.pdf", "handout.pdf"), ("a\"; b=\"c.pdf", "handout.pdf")] {
            var envelope = try Fixtures.envelope()
            envelope.attachment.fileName = name
            let parsed = try EmailSummary.parse(bytes: try envelope.build().bytes)
            #expect(parsed.defects.isEmpty)
            #expect(parsed.attachment?.filename == sent, "\(name)")
        }
    }

    @Test func quotedPrintableRoundTrip() throws {
        let text = "a=b \nline with trailing space \n" + String(repeating: "x", count: 200) + "\nÑandú García\t=?\n"
        let encoded = ContentEncoding.quotedPrintable(text)
        #expect(encoded.components(separatedBy: "\r\n").allSatisfy { $0.count <= 76 })
        #expect(encoded.hasPrefix("a=3Db=20\r\n"))
        #expect(encoded.contains("space=20\r\n"))
        #expect(encoded.contains("=\r\n"))
        // Decoded by Python's quopri, an independent reader: the same text comes back (CRLF line ends).
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("qp-\(UUID().uuidString).txt")
        try Data(encoded.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let decoded = try Subprocess.run(TestPaths.python, ["-c", "import quopri,sys; sys.stdout.buffer.write(quopri.decodestring(open(sys.argv[1],'rb').read()))", file.path])
        #expect(String(decoding: decoded, as: UTF8.self) == text.replacingOccurrences(of: "\n", with: "\r\n"))
    }
}
