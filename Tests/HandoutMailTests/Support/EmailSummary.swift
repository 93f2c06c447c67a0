import Foundation

/// What Python's `email` package makes of a message (scripts/eml_summary.py).
struct EmailSummary: Decodable {
    struct Part: Decodable {
        let content_type: String
        let charset: String?
        let filename: String?
        let disposition: String?
        let length: Int
        let sha256: String
        let text: String?
    }

    let from: String
    let from_addresses: [String]
    let to: String
    let to_addresses: [String]
    let to_names: [String]
    let subject: String
    let message_id: String
    let date: String
    let bcc: String?
    let content_type: String
    let max_line: Int
    let bare_lf: Bool
    let defects: [String]
    let parts: [Part]

    var attachment: Part? { parts.first { $0.disposition == "attachment" } }
    var text: Part? { parts.first { $0.content_type == "text/plain" } }

    static func parse(files: [URL]) throws -> [EmailSummary] {
        guard !files.isEmpty else { return [] }
        let data = try Subprocess.run(
            TestPaths.python, [TestPaths.scripts.appendingPathComponent("eml_summary.py").path] + files.map(\.path))
        return try JSONDecoder().decode([EmailSummary].self, from: data)
    }

    static func parse(bytes: [UInt8]) throws -> EmailSummary {
        let file = try TestPaths.temporaryDirectory("eml").appendingPathComponent("message.eml")
        try Data(bytes).write(to: file)
        return try parse(files: [file])[0]
    }
}
