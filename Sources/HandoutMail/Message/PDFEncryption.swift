/// Whether a PDF is encrypted, from the file itself, so the email can say how to open it
/// whatever set the password (one for the batch, one per patient, another tool).
///
/// A reader learns it from the last trailer: the dictionary after the cross-reference table
/// that the final `startxref` points to (or the dictionary of a cross-reference stream),
/// which has an `/Encrypt` entry exactly when the document is encrypted. Every later
/// incremental update repeats it. Only that dictionary is read: the same bytes elsewhere
/// (a string, a stream) say nothing.
enum PDFEncryption {
    /// How far from the end the final `startxref` may be.
    static let tailLength = 1024

    static func isEncrypted(_ bytes: [UInt8]) -> Bool {
        guard let offset = lastStartXref(bytes), offset < bytes.count else { return false }
        let section = bytes[offset...]
        // Classic: "xref ... trailer << ... >> startxref"; a stream: "n 0 obj << ... >> stream".
        let end = [first("startxref", in: section), first("stream", in: section)].compactMap { $0 }.min() ?? bytes.count
        return containsKey("/Encrypt", in: bytes[offset..<end])
    }

    private static func lastStartXref(_ bytes: [UInt8]) -> Int? {
        let keyword = Array("startxref".utf8)
        let tailStart = max(0, bytes.count - tailLength)
        var index = bytes.count - keyword.count
        while index >= tailStart {
            if bytes[index..<index + keyword.count].elementsEqual(keyword) {
                let digits = bytes[(index + keyword.count)...].drop(while: isWhitespace).prefix(while: { (0x30...0x39).contains($0) })
                return digits.isEmpty || digits.count > 15 ? nil : Int(String(decoding: digits, as: UTF8.self))
            }
            index -= 1
        }
        return nil
    }

    private static func first(_ keyword: String, in bytes: ArraySlice<UInt8>) -> Int? {
        let needle = Array(keyword.utf8)
        guard bytes.count >= needle.count else { return nil }
        return (bytes.startIndex...(bytes.endIndex - needle.count)).first { bytes[$0..<$0 + needle.count].elementsEqual(needle) }
    }

    /// `/Encrypt` as a whole name (`/EncryptMetadata` is another key).
    private static func containsKey(_ key: String, in bytes: ArraySlice<UInt8>) -> Bool {
        var rest = bytes
        while let found = first(key, in: rest) {
            let after = found + key.utf8.count
            if after == bytes.endIndex || isWhitespace(bytes[after]) || isDelimiter(bytes[after]) { return true }
            rest = bytes[after...]
        }
        return false
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool { [0x00, 0x09, 0x0A, 0x0C, 0x0D, 0x20].contains(byte) }
    private static func isDelimiter(_ byte: UInt8) -> Bool { Array("()<>[]{}/%".utf8).contains(byte) }
}
