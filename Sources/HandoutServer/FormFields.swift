import Foundation
import Hummingbird

/// A posted form's fields: `application/x-www-form-urlencoded`, or `multipart/form-data` with
/// file parts (the CSV upload), read from a body already held to its size limit.
struct FormFields: Sendable {
    private var values: [String: [String]] = [:]
    private var files: [String: Data] = [:]

    subscript(name: String) -> String? { values[name]?.first }

    func all(_ name: String) -> [String] { values[name] ?? [] }

    func file(_ name: String) -> Data? { files[name] }

    static func urlEncoded(_ body: ByteBuffer) -> FormFields {
        var form = FormFields()
        // In this encoding a space is '+'; percent-decoding leaves a '+' alone.
        for pair in String(buffer: body).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map {
                $0.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            form.values[parts[0], default: []].append(parts.count > 1 ? parts[1] : "")
        }
        return form
    }

    /// Parts are split at `--boundary` lines; a part with a file name is a file, the others
    /// fields. Nil when the body is not such a form.
    static func multipart(_ body: ByteBuffer, boundary: String) -> FormFields? {
        let data = Data(buffer: body)
        let delimiter = Data("--\(boundary)".utf8)
        let separator = Data("\r\n\r\n".utf8)
        var form = FormFields()
        guard var start = data.range(of: delimiter)?.upperBound else { return nil }
        while true {
            // After a delimiter: "--" ends the form, CRLF starts a part.
            if data[start...].starts(with: Data("--".utf8)) { return form }
            guard data[start...].starts(with: Data("\r\n".utf8)),
                  let headersEnd = data.range(of: separator, in: start..<data.endIndex),
                  let next = data.range(of: Data("\r\n".utf8) + delimiter, in: headersEnd.upperBound..<data.endIndex) else { return nil }
            let headers = String(decoding: data[(start + 2)..<headersEnd.lowerBound], as: UTF8.self)
            let content = data[headersEnd.upperBound..<next.lowerBound]
            guard let disposition = Self.disposition(headers), let name = disposition["name"] else { return nil }
            if disposition["filename"] != nil {
                form.files[name] = Data(content)
            } else {
                form.values[name, default: []].append(String(decoding: content, as: UTF8.self))
            }
            start = next.upperBound
        }
    }

    /// The parameters of a part's Content-Disposition header, like name="csv".
    private static func disposition(_ headers: String) -> [String: String]? {
        let lines = headers.components(separatedBy: "\r\n")
        guard let line = lines.first(where: { $0.lowercased().hasPrefix("content-disposition:") }) else { return nil }
        var parameters: [String: String] = [:]
        for item in line.split(separator: ";").dropFirst() {
            let pair = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2 else { continue }
            parameters[pair[0].lowercased()] = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        return parameters
    }

    /// The boundary of a `multipart/form-data` content type.
    static func boundary(contentType: String) -> String? {
        guard contentType.lowercased().hasPrefix("multipart/form-data") else { return nil }
        for item in contentType.split(separator: ";").dropFirst() {
            let pair = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == "boundary" {
                return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        }
        return nil
    }
}
