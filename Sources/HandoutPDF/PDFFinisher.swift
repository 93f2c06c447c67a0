import CQPDF
import Foundation
import HandoutCore

/// What Cairo 1.16 cannot write, appended as an incremental update: the document language,
/// DisplayDocTitle, XMP with the PDF/UA identifier, /Tabs /S on every page, what structure
/// elements say beyond their type (/Scope on table header cells, a check box's state as
/// /ActualText), /CIDToGIDMap on CID fonts, the print flag and a description on links, page
/// furniture and decoration marked as artifacts in the page content streams, proper PDF dates
/// and a deterministic /ID; for an archive PDF what PDF/A-2a asks besides (`PDFArchive`).
/// Then, for an encrypted PDF, AES-256 (qpdf).
enum PDFFinisher {
    static func finish(_ pdf: DrawnPDF, metadata: Document.Metadata, kind: PDFKind) throws(PDFError) -> Data {
        let finished: Data
        do {
            finished = try update(CairoPDFFile(pdf.bytes), drawn: pdf, metadata: metadata, archive: kind.outputIntent)
        } catch {
            switch error {
            case let .malformed(problem): throw .unreadable(problem)
            }
        }
        guard case let .encrypted(password) = kind else { return finished }
        return try QPDFEncryption.encrypt(finished, password: password)
    }

    private static func update(_ file: CairoPDFFile, drawn: DrawnPDF, metadata: Document.Metadata,
                               archive: OutputIntent?) throws(CairoPDFFile.ReadError) -> Data {
        var update = IncrementalUpdate(file)
        let xmp = update.addStream(Array(XMPMetadata.packet(metadata, archive: archive != nil)), entries: "/Type /Metadata /Subtype /XML")
        var catalog = "/Lang \(pdfString(metadata.language)) /ViewerPreferences << /DisplayDocTitle true >> /Metadata \(xmp) 0 R"
        if let archive { catalog += " " + PDFArchive.outputIntents(archive, in: &update) }
        try update.amend(file.root, adding: catalog)
        update.replace(file.info, with: infoDictionary(metadata))
        let pages = try file.pages()
        guard pages.count == drawn.artifacts.count else { throw .malformed("\(pages.count) pages where the drawing made \(drawn.artifacts.count)") }
        for (page, artifacts) in zip(pages, drawn.artifacts) {
            try update.amend(page, adding: "/Tabs /S")
            guard let contents = file.reference("/Contents", in: page) else { throw .malformed("a page (object \(page)) without contents") }
            let stream = try file.stream(contents)
            let content = stream.deflated ? try Flate.inflate(stream.data) : Array(stream.data)
            let marked = try ContentStreamArtifacts.mark(content, as: artifacts)
            update.replace(contents, stream: Flate.deflate(marked), entries: "/Filter /FlateDecode")
        }
        let elements = try file.structureElements()
        guard elements.count == drawn.elementCount else {
            throw .malformed("\(elements.count) structure elements where the drawing began \(drawn.elementCount)")
        }
        for (index, entries) in drawn.elementEntries.sorted(by: { $0.key < $1.key }) {
            try update.amend(elements[index], adding: entries)
        }
        var links = drawn.links[...]
        for number in file.offsets.keys.sorted() {
            guard let (dictionary, _) = file.dictionary(number) else { continue }
            let head = dictionary.prefix(160)
            if head.contains(word: "/Subtype /CIDFontType2") {
                // Cairo's TrueType subsets number their glyphs in CID order (CID n is glyph n),
                // which PDF/UA wants said explicitly rather than left to the default.
                try update.amend(number, adding: "/CIDToGIDMap /Identity")
            } else if head.contains(word: "/Subtype /Link") {
                // Cairo numbers the annotations in drawing order; the URI proves the match.
                guard let link = links.popFirst(), dictionary.contains(word: "/URI (\(link.uri))") else {
                    throw .malformed("a link annotation (object \(number)) the drawing did not make")
                }
                // Printed as well as shown (/F 4), and announced by what it does.
                try update.amend(number, adding: "/F 4 /Contents \(pdfString(link.contents))")
            } else if archive != nil, head.contains(word: "/Subtype /Image") {
                try PDFArchive.withoutInterpolation(number, in: &update)
            }
        }
        if let link = links.first { throw .malformed("no annotation for the link to \(link.uri)") }
        return Data(update.appended(id: documentID(file.bytes)))
    }

    static func infoDictionary(_ metadata: Document.Metadata) -> String {
        let date = pdfString("D:" + metadata.date.digits(separator: "") + "000000Z")
        return """
        << /Title \(pdfString(metadata.title)) /Author \(pdfString(metadata.author)) /Subject \(pdfString(metadata.subject))
           /Keywords \(pdfString(metadata.keywords.joined(separator: ", "))) /Creator (Handout) /Producer (Handout)
           /CreationDate \(date) /ModDate \(date) >>
        """
    }

    /// A PDF text string: literal when printable ASCII, else UTF-16BE with a byte-order mark.
    static func pdfString(_ text: String) -> String {
        if text.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) {
            return "(" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "(", with: "\\(")
                .replacingOccurrences(of: ")", with: "\\)") + ")"
        }
        let digits = Array("0123456789ABCDEF".utf8)
        var hex = Array("<FEFF".utf8)
        hex.reserveCapacity(6 + 4 * text.utf16.count)
        for unit in text.utf16 {
            for shift in stride(from: 12, through: 0, by: -4) { hex.append(digits[Int(unit >> UInt16(shift)) & 0xF]) }
        }
        return String(decoding: hex + [UInt8(ascii: ">")], as: UTF8.self)
    }

    /// 16 bytes from the content itself (FNV-1a, two seeds): the same file, the same /ID.
    static func documentID(_ pdf: [UInt8]) -> String {
        var first: UInt64 = 0xcbf29ce484222325
        var second: UInt64 = 0x84222325cbf29ce4
        for byte in pdf {
            first = (first ^ UInt64(byte)) &* 0x100000001b3
            second = (second ^ UInt64(byte)) &* 0x100000001b3
        }
        return String(format: "%016llX%016llX", first, second)
    }
}

/// AES-256 (R6) encryption through qpdf, the only step that rewrites the whole file.
enum QPDFEncryption {
    static func encrypt(_ pdf: Data, password: String) throws(PDFError) -> Data {
        let session = try QPDFSession()
        try session.read(pdf)
        return try session.writeEncrypted(password: password)
    }
}

/// One owned qpdf_data (not thread-safe: one per use).
private final class QPDFSession {
    let handle: qpdf_data

    init() throws(PDFError) {
        guard let handle = qpdf_init() else { throw .qpdf("qpdf could not start (out of memory)") }
        self.handle = handle
        qpdf_silence_errors(handle)
        qpdf_set_suppress_warnings(handle, 1)
    }

    deinit {
        var handle: qpdf_data? = handle
        qpdf_cleanup(&handle)
    }

    func read(_ pdf: Data) throws(PDFError) {
        let status = pdf.withUnsafeBytes { buffer in
            qpdf_read_memory(handle, "handout", buffer.baseAddress!.assumingMemoryBound(to: CChar.self), UInt64(buffer.count), nil)
        }
        try check(status)
    }

    func writeEncrypted(password: String) throws(PDFError) -> Data {
        try check(qpdf_init_write_memory(handle))
        // No deterministic /ID here: encryption salts are random by design, so an encrypted
        // handout is the one output that differs from run to run.
        qpdf_set_decode_level(handle, qpdf_dl_none)
        // Patients may copy text and use screen readers; only opening needs the password.
        qpdf_set_r6_encryption_parameters2(handle, password, password, 1, 1, 1, 0, 0, 0, qpdf_r3p_full, 1)
        try check(qpdf_write(handle))
        guard let buffer = qpdf_get_buffer(handle) else { throw .qpdf("qpdf wrote nothing") }
        return Data(bytes: buffer, count: qpdf_get_buffer_length(handle))
    }

    private func check(_ status: QPDF_ERROR_CODE) throws(PDFError) {
        guard status & QPDF_ERRORS != 0 || qpdf_has_error(handle) != 0 else { return }
        let error = qpdf_get_error(handle)
        let message = error.flatMap { qpdf_get_error_full_text(handle, $0) }.map { String(cString: $0) } ?? "unknown error"
        throw .qpdf(message)
    }
}

extension ArraySlice where Element == UInt8 {
    /// True when `word` occurs followed by a delimiter (so "/Type /Page" does not match "/Type /Pages").
    func contains(word: String) -> Bool {
        let pattern = Array(word.utf8)
        guard count > pattern.count else { return false }
        for start in startIndex...(endIndex - pattern.count - 1) where self[start] == pattern[0] {
            if self[start..<(start + pattern.count)].elementsEqual(pattern) {
                let next = self[start + pattern.count]
                if next == UInt8(ascii: " ") || next == UInt8(ascii: "\n") || next == UInt8(ascii: "\r") || next == UInt8(ascii: "/") || next == UInt8(ascii: ">") {
                    return true
                }
            }
        }
        return false
    }
}
