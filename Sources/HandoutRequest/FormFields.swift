import NIOCore

/// A posted form's fields: `application/x-www-form-urlencoded`, or `multipart/form-data` with
/// file parts (the CSV upload), read from a body already held to its size limit. Both readers
/// return an error for any input they cannot use; none traps.
public struct FormFields: Sendable {
    private var values: [String: [String]] = [:]
    /// A file is a slice of the body it came in: an upload of tens of MB is not copied again.
    private var files: [String: ArraySlice<UInt8>] = [:]
    private var count = 0

    /// More fields than any of our forms has (the handout form has about 30).
    public static let maximumFields = 256

    public init() {}

    public subscript(name: String) -> String? { values[name]?.first }

    public func all(_ name: String) -> [String] { values[name] ?? [] }

    public func file(_ name: String) -> ArraySlice<UInt8>? { files[name] }

    private mutating func add(_ name: String, value: String) throws(FormError) {
        try countOne()
        values[name, default: []].append(value)
    }

    private mutating func add(_ name: String, file: ArraySlice<UInt8>) throws(FormError) {
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

    /// Parts are split at `--boundary` lines (RFC 7578); a part with a file name is a file, the
    /// others fields. Every part needs a `Content-Disposition: form-data` header with a name.
    /// (MultipartKit 4.7's parser traps on a header name with a byte over 127, found by our fuzzer.)
    public static func multipart(_ body: ByteBuffer, boundary: String) throws(FormError) -> FormFields {
        var form = FormFields()
        for part in try MultipartParts.split(Array(body.readableBytesView), boundary: Array(boundary.utf8)) {
            let disposition = part.headers.first { $0.name.lowercased() == "content-disposition" }.map { HeaderParameters($0.value) }
            guard let disposition, disposition.value.lowercased() == "form-data", let name = disposition["name"] else { throw .malformed }
            if disposition["filename"] != nil {
                try form.add(name, file: part.content)
            } else {
                try form.add(name, value: String(decoding: part.content, as: UTF8.self))
            }
        }
        return form
    }

    /// The boundary of a `multipart/form-data` content type: 1 to 70 characters (RFC 2046),
    /// nil for any other content type.
    public static func boundary(contentType: String) throws(FormError) -> String? {
        let parameters = HeaderParameters(contentType)
        guard parameters.value.lowercased() == "multipart/form-data" else { return nil }
        guard let boundary = parameters["boundary"], (1...70).contains(boundary.utf8.count) else { throw .malformed }
        return boundary
    }
}

/// Why a form cannot be read: the request gets a 400.
public enum FormError: Error, Equatable, Sendable {
    case malformed
    case tooManyFields
}
