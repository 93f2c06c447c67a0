import MultipartKit
import NIOCore

/// A posted form's fields: `application/x-www-form-urlencoded`, or `multipart/form-data` with
/// file parts (the CSV upload), read from a body already held to its size limit. Both readers
/// return an error for any input they cannot use; none traps.
public struct FormFields: Sendable {
    private var values: [String: [String]] = [:]
    private var files: [String: [UInt8]] = [:]
    private var count = 0

    /// More fields than any of our forms has (the handout form has about 30).
    public static let maximumFields = 256

    public init() {}

    public subscript(name: String) -> String? { values[name]?.first }

    public func all(_ name: String) -> [String] { values[name] ?? [] }

    public func file(_ name: String) -> [UInt8]? { files[name] }

    private mutating func add(_ name: String, value: String) throws(FormError) {
        try countOne()
        values[name, default: []].append(value)
    }

    private mutating func add(_ name: String, file: [UInt8]) throws(FormError) {
        try countOne()
        files[name] = file
    }

    private mutating func countOne() throws(FormError) {
        count += 1
        if count > Self.maximumFields { throw .tooManyFields }
    }

    public static func urlEncoded(_ body: ByteBuffer) throws(FormError) -> FormFields {
        var form = FormFields()
        for pair in body.readableBytesView.split(separator: UInt8(ascii: "&")) {
            let parts = pair.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            let name = try PercentDecoding.formValue(parts[0])
            try form.add(name, value: parts.count > 1 ? try PercentDecoding.formValue(parts[1]) : "")
        }
        return form
    }

    /// Parts are read by MultipartKit's parser; a part with a file name is a file, the others
    /// fields. Every part needs a `Content-Disposition: form-data` header with a name.
    public static func multipart(_ body: ByteBuffer, boundary: String) throws(FormError) -> FormFields {
        var reader = MultipartReader()
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { name, value in reader.header(name, value) }
        parser.onBody = { chunk in reader.body(&chunk) }
        parser.onPartComplete = { reader.endPart() }
        do {
            try parser.execute(body)
        } catch {
            throw .malformed
        }
        return try reader.finish()
    }

    /// The boundary of a `multipart/form-data` content type: 1 to 70 characters (RFC 2046),
    /// nil for any other content type.
    public static func boundary(contentType: String) throws(FormError) -> String? {
        let parameters = HeaderParameters(contentType)
        guard parameters.value.lowercased() == "multipart/form-data" else { return nil }
        guard let boundary = parameters["boundary"], (1...70).contains(boundary.utf8.count) else { throw .malformed }
        return boundary
    }

    /// Collects the parser's callbacks into fields and files.
    private struct MultipartReader {
        var form = FormFields()
        var disposition: HeaderParameters?
        var content: [UInt8] = []
        var problem: FormError?
        var parts = 0

        mutating func header(_ name: String, _ value: String) {
            if name.lowercased() == "content-disposition" { disposition = HeaderParameters(value) }
        }

        mutating func body(_ chunk: inout ByteBuffer) {
            content += chunk.readableBytesView
            chunk.moveReaderIndex(forwardBy: chunk.readableBytes)
        }

        mutating func endPart() {
            defer {
                disposition = nil
                content = []
            }
            parts += 1
            guard problem == nil else { return }
            guard let disposition, disposition.value.lowercased() == "form-data", let name = disposition["name"] else {
                problem = .malformed
                return
            }
            do {
                if disposition["filename"] != nil {
                    try form.add(name, file: content)
                } else {
                    try form.add(name, value: String(decoding: content, as: UTF8.self))
                }
            } catch {
                problem = error
            }
        }

        func finish() throws(FormError) -> FormFields {
            if let problem { throw problem }
            // A body with no closing delimiter, or none at all, ends no part.
            guard parts > 0 else { throw .malformed }
            return form
        }
    }
}

/// Why a form cannot be read: the request gets a 400.
public enum FormError: Error, Equatable, Sendable {
    case malformed
    case tooManyFields
}
