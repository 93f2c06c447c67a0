import Foundation

/// Puts a patient, a comparison and the fixed strings together into one `Document`.
/// Pure: the same inputs always give the same document.
public struct Composer: Sendable {
    public let comparison: Comparison
    public let strings: Strings
    /// Used when the patient record names no clinic of its own.
    public let defaultClinic: Clinic?
    /// The document date (SOURCE_DATE_EPOCH or the input): the metadata's, and the footer's "Printed".
    public let date: CalendarDate

    public init(comparison: Comparison, strings: Strings, defaultClinic: Clinic?, date: CalendarDate) {
        self.comparison = comparison
        self.strings = strings
        self.defaultClinic = defaultClinic
        self.date = date
    }

    /// Throws when the patient names a factor the comparison does not have.
    public func compose(_ patient: PatientProfile, source: String) throws(InputError) -> Document {
        let known = comparison.factorIDs
        if let unknown = patient.factors.firstIndex(where: { !known.contains($0) }) {
            throw .unknownFactor(source: source, position: unknown + 1, known: known)
        }
        guard let clinic = patient.clinic ?? defaultClinic else {
            throw .missingField(source: source, field: "clinic (or pass --clinic FILE.json)")
        }
        let dates = DateWords(language: strings.language)
        let birthDate = dates.long(patient.birthDate)
        var blocks: [Block] = [masthead(clinic), .heading(level: 1, text: comparison.title)]
        blocks.append(.box(.tinted, [.keyValues(patientFacts(patient, dates: dates))]))
        blocks.append(.box(.framed, [.heading(level: 2, text: strings[.summaryTitle]), .bullets(comparison.summary.map { [Span($0)] })]))
        for section in comparison.sections {
            blocks.append(.heading(level: 2, text: section.heading))
            blocks += section.blocks.flatMap { contentBlocks($0, ticked: Set(patient.factors)) }
        }
        blocks.append(nextSteps(patient, clinic: clinic, dates: dates))
        if let code = webPageCode(clinic) { blocks.append(code) }
        blocks.append(.heading(level: 2, text: strings[.sourcesTitle]))
        blocks.append(.bullets(comparison.sources.map(sourceText)))
        blocks.append(.heading(level: 2, text: strings[.disclaimerTitle]))
        blocks.append(.paragraph([Span(comparison.disclaimer)]))
        return Document(
            metadata: .init(title: comparison.title, author: clinic.name, subject: comparison.subject,
                            keywords: comparison.keywords, language: strings[.languageTag], date: date),
            runningHeader: strings[.runningHeader, ["name": patient.fullName, "dob": birthDate]],
            footer: [clinic.name, strings[.footerVersion, ["version": comparison.version,
                                                               "reviewed": CalendarDate(iso: comparison.reviewed).map(dates.long) ?? comparison.reviewed]],
                     strings[.printedOn, ["date": dates.long(date)]]],
            pageNumberTemplate: strings[.pageXofY],
            blocks: blocks)
    }

    func masthead(_ clinic: Clinic) -> Block {
        var contact = [Span(clinic.phone, link: clinicPhone(clinic))]
        if let website = clinic.website {
            contact += [Span("  ·  "), Span(LinkTarget.displayWebsite(website), link: websiteLink(website))]
        }
        return .masthead(left: [Span(clinic.name, bold: true)], right: contact, logo: clinic.logo)
    }

    /// The clinic's web page as a QR code with its address under it, when the clinic asks for one.
    func webPageCode(_ clinic: Clinic) -> Block? {
        guard clinic.showsQRCode, let website = clinic.website, let target = LinkTarget.web(website) else { return nil }
        let shown = LinkTarget.displayWebsite(website)
        return .qrCode(target: target.uri, alt: strings[.qrCodeAlt, ["website": shown]], caption: [Span(shown, link: websiteLink(website))])
    }

    func patientFacts(_ patient: PatientProfile, dates: DateWords) -> [LabeledValue] {
        var facts = [LabeledValue(strings[.patientLabel], patient.fullName),
                     LabeledValue(strings[.dateOfBirthLabel], dates.long(patient.birthDate))]
        if let mrn = patient.mrn { facts.append(LabeledValue(strings[.mrnLabel], mrn)) }
        if let clinician = patient.clinician { facts.append(LabeledValue(strings[.clinicianLabel], clinician)) }
        if let appointment = patient.appointment {
            // Page 1 tells when and where, not only the day.
            let visit = [dates.long(appointment.date), appointment.time, appointment.place].compactMap { $0 }
            facts.append(LabeledValue(strings[.visitLabel], visit.joined(separator: ", ")))
        }
        return facts
    }

    func contentBlocks(_ block: ContentBlock, ticked: Set<String>) -> [Block] {
        switch block {
        case let .paragraph(text): return [.paragraph([Span(text)])]
        case let .subheading(text): return [.heading(level: 3, text: text)]
        case let .bullets(items): return [.bullets(items.map { [Span($0)] })]
        case let .twoLists(left, right): return [.twoLists(left: left, right: right)]
        case let .options(options): return [.definitions(options.map { LabeledValue($0.name, $0.text) })]
        case let .table(table): return [.table(Table(caption: table.caption, header: table.columns, rows: table.rows))]
        case let .callout(text): return [.box(.framed, [.paragraph([Span(text)])])]
        case let .factors(checklist):
            var blocks = checklist.intro.map { [Block.paragraph([Span($0)])] } ?? []
            // The legend explains ticked boxes; with none ticked it would only puzzle.
            if checklist.groups.contains(where: { $0.items.contains { ticked.contains($0.id) } }) {
                blocks.append(.paragraph([Span(strings[.factorsCheckedNote])], emphasis: .note))
            }
            for group in checklist.groups {
                blocks.append(.heading(level: 3, text: group.title))
                blocks.append(.checklist(group.items.map { ChecklistItem(text: $0.label, checked: ticked.contains($0.id),
                                                                           spokenState: strings[ticked.contains($0.id) ? .checkedBox : .uncheckedBox]) }))
            }
            return blocks
        }
    }

    func nextSteps(_ patient: PatientProfile, clinic: Clinic, dates: DateWords) -> Block {
        var blocks: [Block] = [.heading(level: 2, text: strings[.nextStepsTitle])]
        if let appointment = patient.appointment {
            var values = ["date": dates.long(appointment.date), "time": appointment.time ?? ""]
            values["place"] = appointment.place
            let key: StringKey = appointment.place == nil ? .appointmentNoPlace : .appointmentLine
            blocks.append(.paragraph([Span(strings[key, values], bold: true)]))
        } else {
            blocks.append(.paragraph(linked(strings[.scheduleLine, ["phone": clinic.phone]], clinic.phone,
                                            clinicPhone(clinic), bold: true)))
        }
        blocks.append(.paragraph(linked(strings[.phoneLine, ["phone": clinic.phone]], clinic.phone, clinicPhone(clinic))))
        if let afterHours = clinic.afterHoursPhone {
            let link = LinkTarget.telephone(afterHours)?.described(as: strings[.callAfterHoursLink, ["phone": afterHours]])
            blocks.append(.paragraph(linked(strings[.afterHoursLine, ["phone": afterHours]], afterHours, link)))
        }
        if let website = clinic.website {
            let shown = LinkTarget.displayWebsite(website)
            blocks.append(.paragraph(linked(strings[.websiteLine, ["website": shown]], shown, websiteLink(website))))
        }
        if let address = clinic.address {
            blocks.append(.paragraph([Span(strings[.addressLine, ["address": address]])]))
        }
        blocks.append(.heading(level: 3, text: strings[.questionsTitle]))
        for question in comparison.questions {
            blocks.append(.prompt(question, lines: 2))
        }
        blocks.append(.heading(level: 3, text: strings[.notesTitle]))
        if let notes = patient.notes {
            blocks += Self.paragraphs(of: notes).map { .paragraph([Span($0)]) }
        } else {
            blocks.append(.prompt(strings[.noNotes], lines: 4))
        }
        return .box(.framed, blocks)
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
