import CQPDF
import Foundation
import HandoutCore

public enum PDFFinishError: Error, LocalizedError {
    case qpdf(String)

    public var errorDescription: String? {
        switch self {
        case let .qpdf(message): return "finishing the PDF failed: \(message)"
        }
    }
}

/// The qpdf pass over Cairo's output: what Cairo 1.16 cannot write (document language,
/// DisplayDocTitle, XMP with the PDF/UA identifier, /Tabs /S, proper PDF dates), a
/// deterministic /ID, and optional AES-256 encryption, applied last.
enum PDFFinisher {
    static func finish(_ pdf: Data, metadata: Document.Metadata, password: String?) throws(PDFFinishError) -> Data {
        let session = QPDFSession()
        try session.read(pdf)
        let q = session.handle
        let root = qpdf_get_root(q)
        qpdf_oh_replace_key(q, root, "/Lang", qpdf_oh_new_unicode_string(q, metadata.language))
        let preferences = qpdf_oh_new_dictionary(q)
        qpdf_oh_replace_key(q, preferences, "/DisplayDocTitle", qpdf_oh_new_bool(q, 1))
        qpdf_oh_replace_key(q, root, "/ViewerPreferences", preferences)
        let markInfo = qpdf_oh_new_dictionary(q)
        qpdf_oh_replace_key(q, markInfo, "/Marked", qpdf_oh_new_bool(q, 1))
        qpdf_oh_replace_key(q, root, "/MarkInfo", markInfo)
        qpdf_oh_replace_key(q, root, "/Metadata", session.newStream(XMPMetadata.packet(metadata), type: "/Metadata", subtype: "/XML"))
        addHeaderScopes(q, qpdf_oh_get_key(q, qpdf_oh_get_key(q, root, "/StructTreeRoot"), "/K"))
        for index in 0..<qpdf_get_num_pages(q) {
            qpdf_oh_replace_key(q, qpdf_get_page_n(q, Int(index)), "/Tabs", qpdf_oh_new_name(q, "/S"))
        }
        let info = qpdf_oh_get_key(q, qpdf_get_trailer(q), "/Info")
        if qpdf_oh_is_dictionary(q, info) != 0 {
            let date = pdfDate(metadata.date)
            qpdf_oh_replace_key(q, info, "/CreationDate", qpdf_oh_new_string(q, date))
            qpdf_oh_replace_key(q, info, "/ModDate", qpdf_oh_new_string(q, date))
        }
        return try session.write(password: password)
    }

    /// Gives every TH structure element `/A << /O /Table /Scope /Column >>` (Cairo 1.16
    /// writes no attributes): screen readers then announce the column with each cell.
    private static func addHeaderScopes(_ q: qpdf_data, _ node: qpdf_oh) {
        if qpdf_oh_is_array(q, node) != 0 {
            for index in 0..<qpdf_oh_get_array_n_items(q, node) {
                addHeaderScopes(q, qpdf_oh_get_array_item(q, node, index))
            }
        } else if qpdf_oh_is_dictionary(q, node) != 0, qpdf_oh_has_key(q, node, "/S") != 0 {
            if qpdf_oh_is_or_has_name(q, qpdf_oh_get_key(q, node, "/S"), "/TH") != 0 {
                let attributes = qpdf_oh_new_dictionary(q)
                qpdf_oh_replace_key(q, attributes, "/O", qpdf_oh_new_name(q, "/Table"))
                qpdf_oh_replace_key(q, attributes, "/Scope", qpdf_oh_new_name(q, "/Column"))
                qpdf_oh_replace_key(q, node, "/A", attributes)
            }
            addHeaderScopes(q, qpdf_oh_get_key(q, node, "/K"))
        }
    }

    static func pdfDate(_ date: CalendarDate) -> String {
        String(format: "D:%04d%02d%02d000000Z", date.year, date.month, date.day)
    }
}

/// One owned qpdf_data (not thread-safe: one per render).
private final class QPDFSession {
    let handle: qpdf_data

    init() {
        handle = qpdf_init()
        qpdf_silence_errors(handle)
        qpdf_set_suppress_warnings(handle, 1)
    }

    deinit {
        var handle: qpdf_data? = handle
        qpdf_cleanup(&handle)
    }

    func read(_ pdf: Data) throws(PDFFinishError) {
        let status = pdf.withUnsafeBytes { buffer in
            qpdf_read_memory(handle, "handout", buffer.baseAddress!.assumingMemoryBound(to: CChar.self), UInt64(buffer.count), nil)
        }
        try check(status)
    }

    func newStream(_ data: Data, type: String, subtype: String) -> qpdf_oh {
        let stream = qpdf_oh_new_stream(handle)
        data.withUnsafeBytes { buffer in
            qpdf_oh_replace_stream_data(handle, stream, buffer.baseAddress!.assumingMemoryBound(to: UInt8.self), buffer.count,
                                        qpdf_oh_new_null(handle), qpdf_oh_new_null(handle))
        }
        let dictionary = qpdf_oh_get_dict(handle, stream)
        qpdf_oh_replace_key(handle, dictionary, "/Type", qpdf_oh_new_name(handle, type))
        qpdf_oh_replace_key(handle, dictionary, "/Subtype", qpdf_oh_new_name(handle, subtype))
        return qpdf_make_indirect_object(handle, stream)
    }

    func write(password: String?) throws(PDFFinishError) -> Data {
        try check(qpdf_init_write_memory(handle))
        qpdf_set_deterministic_ID(handle, 1)
        // Cairo already compressed its streams: copy them through rather than inflate and deflate again.
        qpdf_set_decode_level(handle, qpdf_dl_none)
        if let password {
            // Patients may copy text and use screen readers; only opening needs the password.
            qpdf_set_r6_encryption_parameters2(handle, password, password, 1, 1, 1, 0, 0, 0, qpdf_r3p_full, 1)
        }
        try check(qpdf_write(handle))
        guard let buffer = qpdf_get_buffer(handle) else { throw .qpdf("qpdf wrote nothing") }
        return Data(bytes: buffer, count: qpdf_get_buffer_length(handle))
    }

    private func check(_ status: QPDF_ERROR_CODE) throws(PDFFinishError) {
        guard status & QPDF_ERRORS != 0 || qpdf_has_error(handle) != 0 else { return }
        let error = qpdf_get_error(handle)
        let message = error.flatMap { qpdf_get_error_full_text(handle, $0) }.map { String(cString: $0) } ?? "unknown error"
        throw .qpdf(message)
    }
}
