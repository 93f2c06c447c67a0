/// The parts of a `multipart/form-data` body: each one's header lines and its content, found
/// between delimiter lines. Every index below is searched for from the one before it, so no
/// range can run backwards whatever the bytes are; any body that is not such a form is an error.
enum MultipartParts {
    struct Part {
        var headers: [(name: String, value: String)]
        var content: ArraySlice<UInt8>
    }

    static let lineBreak: [UInt8] = Array("\r\n".utf8)
    static let dashes: [UInt8] = Array("--".utf8)
    /// More header lines than a browser sends with a part.
    static let maximumHeaderLines = 16

    static func split(_ body: [UInt8], boundary: [UInt8]) throws(FormError) -> [Part] {
        guard !boundary.isEmpty else { throw .malformed }
        let delimiter = lineBreak + dashes + boundary
        // The first delimiter may open the body, without the line break before it.
        var position: Int
        if body.starts(with: dashes + boundary) {
            position = dashes.count + boundary.count
        } else if let first = body.firstRange(of: delimiter) {
            position = first.upperBound
        } else {
            throw .malformed
        }
        var parts: [Part] = []
        while true {
            let rest = body[position...]
            // The closing delimiter; a form has at least one part (RFC 2046).
            if rest.starts(with: dashes) {
                guard !parts.isEmpty else { throw .malformed }
                return parts
            }
            guard rest.starts(with: lineBreak) else { throw .malformed }
            let headersStart = position + lineBreak.count
            let headerBlock: ArraySlice<UInt8>
            let contentStart: Int
            if body[headersStart...].starts(with: lineBreak) {
                headerBlock = []
                contentStart = headersStart + lineBreak.count
            } else {
                guard let end = body[headersStart...].firstRange(of: lineBreak + lineBreak) else { throw .malformed }
                headerBlock = body[headersStart..<end.lowerBound]
                contentStart = end.upperBound
            }
            guard let next = body[contentStart...].firstRange(of: delimiter) else { throw .malformed }
            parts.append(Part(headers: try headers(headerBlock), content: body[contentStart..<next.lowerBound]))
            position = next.upperBound
        }
    }

    /// `Name: value` lines; a name is printable ASCII without spaces or colons.
    private static func headers(_ block: ArraySlice<UInt8>) throws(FormError) -> [(name: String, value: String)] {
        guard !block.isEmpty else { return [] }
        let lines = block.split(separator: lineBreak, omittingEmptySubsequences: false)
        guard lines.count <= maximumHeaderLines else { throw .malformed }
        return try lines.map { line throws(FormError) in
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex,
                  line[..<colon].allSatisfy({ $0 > 32 && $0 < 127 }) else { throw .malformed }
            let value = String(decoding: line[line.index(after: colon)...], as: UTF8.self)
            return (String(decoding: line[..<colon], as: UTF8.self), value.trimmingSpaces)
        }
    }
}
