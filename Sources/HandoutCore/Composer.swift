import Foundation

/// Puts a patient, a comparison and the fixed strings together into one `Document`.
/// Pure: the same inputs always give the same document.
public struct Composer: Sendable {
    public let comparison: Comparison
    public let strings: Strings
    /// Used when the patient record names no clinic of its own.
    public let defaultClinic: Clinic?
    /// The document date (SOURCE_DATE_EPOCH or the input), in the metadata.
    public let date: CalendarDate
    /// The day of printing, for the footer's "Printed": only when the run says it (`--date` or
    /// SOURCE_DATE_EPOCH), never guessed, so a handout never claims a day it was not printed.
    public let printedOn: CalendarDate?

    public init(comparison: Comparison, strings: Strings, defaultClinic: Clinic?, date: CalendarDate, printedOn: CalendarDate? = nil) {
        self.comparison = comparison
        self.strings = strings
        self.defaultClinic = defaultClinic
        self.date = date
        self.printedOn = printedOn
    }

    /// Throws when the patient names a factor the comparison does not have. `noticeLanguage`: the
    /// patient's language when the handout is in English for want of a translation they may get;
    /// its notice (`LanguageNotices`), with the clinic's phone, goes under the clinic's name.
    public func compose(_ patient: PatientProfile, source: String, noticeLanguage: String? = nil) throws(InputError) -> Document {
        let known = comparison.factorIDs
        if let unknown = patient.factors.firstIndex(where: { !known.contains($0) }) {
            throw .unknownFactor(source: source, position: unknown + 1, known: known)
        }
        guard let clinic = patient.clinic ?? defaultClinic else {
            throw .missingField(source: source, field: "clinic (or pass --clinic FILE.json)")
        }
        let dates = DateWords(language: strings.language)
        let birthDate = dates.long(patient.birthDate)
        var blocks: [Block] = [masthead(clinic)]
        // The phone isolated (FSI…PDI), as `Strings` isolates values: its digits keep their order
        // in a right-to-left notice.
        if let notice = noticeLanguage.flatMap({ LanguageNotices.bundled.notice(for: $0, phone: "\u{2068}\(clinic.phone)\u{2069}") }) {
            blocks.append(.notice(notice))
        }
        blocks.append(.heading(level: 1, text: comparison.title))
        blocks.append(.box(.tinted, [.keyValues(patientFacts(patient, dates: dates))]))
        // Page 1 answers what a patient looks for first: when and where the visit is, the main
        // message, what to do next, and what the clinician wrote for them.
        blocks.append(framedBox(strings[.summaryTitle], [.bullets(comparison.summary.map { [Span($0)] })]))
        blocks.append(nextSteps(patient, clinic: clinic))
        if let notes = patient.notes {
            blocks.append(framedBox(strings[.notesTitle], Self.paragraphs(of: notes).map { .paragraph([Span($0)]) }))
        }
        for section in comparison.sections {
            blocks.append(.heading(level: 2, text: section.heading))
            blocks += section.blocks.flatMap { contentBlocks($0, ticked: Set(patient.factors), section: section.heading) }
        }
        if let code = webPageCode(clinic) { blocks.append(code) }
        blocks.append(.heading(level: 2, text: strings[.sourcesTitle]))
        blocks.append(.references(comparison.sources.map(sourceText)))
        blocks.append(.heading(level: 2, text: strings[.disclaimerTitle]))
        blocks.append(.paragraph([Span(comparison.disclaimer)]))
        // On one page, so that every question gets the same room to write: lines come from
        // what the last page has left.
        var questions: [Block] = [.heading(level: 2, text: strings[.questionsTitle])]
        questions += comparison.questions.map { .prompt($0, lines: 0) }
        if patient.notes == nil {
            questions.append(.prompt(strings[.noNotes], lines: 2))
        }
        blocks.append(.group(questions, continued: strings[.continuedHeading, ["heading": strings[.questionsTitle]]]))
        return Document(
            metadata: .init(title: comparison.title, author: clinic.name, subject: comparison.subject,
                            keywords: comparison.keywords, language: strings[.languageTag], date: date),
            runningHeader: strings.parts(.runningHeader, ["name": patient.fullName, "dob": birthDate]),
            footer: [clinic.name, strings[.footerVersion, ["version": comparison.version,
                                                               "reviewed": CalendarDate(iso: comparison.reviewed).map(dates.long) ?? comparison.reviewed]]]
                + (printedOn.map { [strings[.printedOn, ["date": dates.long($0)]]] } ?? []),
            pageNumberTemplate: strings[.pageXofY],
            blocks: blocks)
    }

    /// The clinic's name and website; its phone numbers are in the next-steps box just below.
    func masthead(_ clinic: Clinic) -> Block {
        let website = clinic.website.map { [Span(LinkTarget.displayWebsite($0), link: websiteLink($0))] } ?? []
        return .masthead(left: [Span(clinic.name, bold: true)], right: website, logo: clinic.logo)
    }

    /// The clinic's web page as a QR code, when the clinic asks for one, with what it is for and
    /// its address under it.
    func webPageCode(_ clinic: Clinic) -> Block? {
        guard clinic.showsQRCode, let website = clinic.website, let target = LinkTarget.web(website) else { return nil }
        let shown = LinkTarget.displayWebsite(website)
        return .qrCode(target: target.uri, alt: strings[.qrCodeAlt, ["website": shown]], caption: strings[.qrCaption],
                       address: [Span(shown, link: websiteLink(website))])
    }

    func patientFacts(_ patient: PatientProfile, dates: DateWords) -> [LabeledValue] {
        var facts = [LabeledValue(strings[.patientLabel], patient.fullName),
                     LabeledValue(strings[.dateOfBirthLabel], dates.long(patient.birthDate))]
        if let mrn = patient.mrn { facts.append(LabeledValue(strings[.mrnLabel], mrn)) }
        if let clinician = patient.clinician { facts.append(LabeledValue(strings[.clinicianLabel], clinician)) }
        if let appointment = patient.appointment {
            // Page 1 says when and where, once: the next-steps box does not repeat it.
            let date = dates.withWeekday(appointment.date)
            let when = appointment.time.map { time in
                strings[.appointmentLine, ["date": date, "time": ClockTime.written(time, locale: strings[.languageTag])]]
            } ?? date
            facts.append(LabeledValue(strings[.visitLabel], ([when] + [appointment.place].compactMap { $0 }).joined(separator: "\n")))
        }
        return facts
    }

    /// A framed box with a section heading; a box taller than a page repeats the heading,
    /// marked as continued, where it goes on.
    func framedBox(_ title: String, _ children: [Block]) -> Block {
        .box(.framed, [.heading(level: 2, text: title)] + children, continued: strings[.continuedHeading, ["heading": title]])
    }

    /// `section`: the heading of the section the block is in, which a checklist repeats as its
    /// "continued" cue where it goes on after a page break.
    func contentBlocks(_ block: ContentBlock, ticked: Set<String>, section: String) -> [Block] {
        switch block {
        case let .paragraph(text): return [.paragraph([Span(text)])]
        case let .subheading(text): return [.heading(level: 3, text: text)]
        case let .bullets(items): return [.bullets(items.map { [Span($0)] })]
        case let .twoLists(left, right):
            return [.columns([.heading(level: 3, text: left.title), .bullets(left.items.map { [Span($0)] })],
                             [.heading(level: 3, text: right.title), .bullets(right.items.map { [Span($0)] })])]
        case let .options(options): return [.definitions(options.map { LabeledValue($0.name, $0.text) })]
        case let .table(table): return [.table(Table(caption: table.caption, header: table.columns, rows: table.rows))]
        case let .callout(text): return [.box(.framed, [.paragraph([Span(text)])])]
        case let .factors(checklist):
            return [factorChecklist(checklist, ticked: ticked, continued: strings[.continuedHeading, ["heading": section]])]
        }
    }

    /// The checklist with its intro and legend, kept on one page (split in large print only, when
    /// moving it would leave a page too empty); its groups side by side.
    func factorChecklist(_ checklist: ContentBlock.FactorChecklist, ticked: Set<String>, continued: String) -> Block {
        // With a box ticked, the legend says who ticked it and replaces the intro ("may check");
        // with none ticked, a legend would only puzzle.
        let anyTicked = checklist.groups.contains { $0.items.contains { ticked.contains($0.id) } }
        let intro = anyTicked ? strings[.factorsCheckedNote] : checklist.intro
        var blocks = intro.map { [Block.paragraph([Span($0)])] } ?? []
        let groups: [[Block]] = checklist.groups.map { group in
            [.heading(level: 3, text: group.title),
             .checklist(group.items.map { ChecklistItem(text: $0.label, checked: ticked.contains($0.id),
                                                        spokenState: strings[ticked.contains($0.id) ? .checkedBox : .uncheckedBox]) })]
        }
        // Two groups share a row; any other number follow one another.
        if groups.count == 2 {
            blocks.append(.columns(groups[0], groups[1]))
        } else {
            blocks += groups.flatMap { $0 }
        }
        return .group(blocks, continued: continued)
    }

    /// What to do, said once each: how to book the visit (when none is booked; a booked one is
    /// in the patient box), what it is for, what to bring, then the other ways to reach the
    /// clinic. The clinic phone is in the first line that needs it, not on a line of its own.
    func nextSteps(_ patient: PatientProfile, clinic: Clinic) -> Block {
        var blocks: [Block] = []
        if patient.appointment == nil {
            blocks.append(.paragraph(linked(strings[.scheduleLine, ["phone": clinic.phone]], clinic.phone,
                                            clinicPhone(clinic), bold: true)))
        }
        if let visit = comparison.nextStep?.visit { blocks.append(.paragraph([Span(visit)])) }
        if let bring = comparison.nextStep?.bring { blocks.append(.paragraph([Span(bring, bold: true)])) }
        var contacts: [RichText] = []
        if patient.appointment != nil {
            contacts.append(linked(strings[.changeLine, ["phone": clinic.phone]], clinic.phone, clinicPhone(clinic)))
        }
        if let afterHours = clinic.afterHoursPhone {
            let link = LinkTarget.telephone(afterHours)?.described(as: strings[.callAfterHoursLink, ["phone": afterHours]])
            contacts.append(linked(strings[.afterHoursLine, ["phone": afterHours]], afterHours, link))
        }
        if let email = clinic.email {
            let link = LinkTarget.email(email)?.described(as: strings[.emailClinicLink, ["email": email]])
            contacts.append(linked(strings[.emailLine, ["email": email]], email, link))
        }
        if let address = clinic.address {
            contacts.append([Span(strings[.addressLine, ["address": address]])])
        }
        blocks += contacts.map { .paragraph($0) }
        return framedBox(strings[.nextStepsTitle], blocks)
    }

    func clinicPhone(_ clinic: Clinic) -> LinkTarget? {
        LinkTarget.telephone(clinic.phone)?.described(as: strings[.callClinicLink, ["phone": clinic.phone]])
    }

    func websiteLink(_ website: String) -> LinkTarget? {
        LinkTarget.web(website)?.described(as: strings[.visitWebsiteLink, ["website": LinkTarget.displayWebsite(website)]])
    }

    /// A source with its web address made a link, so a patient reading on screen can open it,
    /// and printed without the scheme, like the clinic's website (the address ends at white
    /// space; a full stop or comma after it is the sentence's).
    func sourceText(_ source: String) -> RichText {
        guard let start = source.range(of: "https://") ?? source.range(of: "http://") else { return [Span(source)] }
        var address = source[start.lowerBound...].prefix { !$0.isWhitespace }
        while let last = address.last, ".,;:)".contains(last) { address = address.dropLast() }
        return linked(before: String(source[..<address.startIndex]), LinkTarget.displayWebsite(String(address)),
                      after: String(source[address.endIndex...]), websiteLink(String(address)))
    }

    /// `text` with its first `part` made a link (phone numbers and web addresses inside a sentence).
    func linked(_ text: String, _ part: String, _ target: LinkTarget?, bold: Bool = false) -> RichText {
        guard let range = text.range(of: part) else { return [Span(text, bold: bold)] }
        return linked(before: String(text[..<range.lowerBound]), part, after: String(text[range.upperBound...]), target, bold: bold)
    }

    /// `part` made a link between the text before and after it.
    func linked(before: String, _ part: String, after: String, _ target: LinkTarget?, bold: Bool = false) -> RichText {
        [Span(before, bold: bold), Span(part, bold: bold, link: target), Span(after, bold: bold)].filter { !$0.text.isEmpty }
    }

    /// Splits free text at blank lines; single line breaks inside a paragraph become spaces.
    static func paragraphs(of text: String) -> [String] {
        text.replacingOccurrences(of: "\r\n", with: "\n")
            .components(separatedBy: "\n\n")
            .map { $0.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ") }
            .filter { !$0.isEmpty }
    }
}
