import Foundation

/// Runs the built `handout` executable and the PDF tools, as a user would (the way
/// swift-argument-parser's own tests run its examples).
public enum CLI {
    public static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    public static let examples = repository.appendingPathComponent("Examples").path
    public static let clinic = examples + "/clinic.json"

    public static var binary: URL {
        if let explicit = ProcessInfo.processInfo.environment["HANDOUT_BIN"] { return URL(fileURLWithPath: explicit) }
        // On Linux the test bundle runs from the products directory; on macOS it is inside it.
        var candidates = [Bundle.main.bundleURL]
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            candidates.append(bundle.bundleURL.deletingLastPathComponent())
        }
        for directory in candidates {
            let url = directory.appendingPathComponent("handout")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return repository.appendingPathComponent(".build/debug/handout")
    }

    public struct Result: Sendable {
        public let status: Int32
        public let stdout: String
        public let stderr: String
    }

    /// Starts `handout` without waiting (to kill it mid-run); the shard variables of the
    /// environment running the tests are removed.
    public static func start(_ arguments: [String], environment: [String: String] = [:]) throws -> (Process, Pipe, Pipe) {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.environment = handoutEnvironment(environment)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        return (process, out, err)
    }

    /// Without `--ledger` or HANDOUT_LEDGER, each run gets a ledger of its own (removed after it), so
    /// that tests mailing the same example patients from different folders never see each other's
    /// deliveries.
    public static func handout(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        let environment = handoutEnvironment(environment)
        defer {
            if let ledger = environment[ownLedgerKey] {
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: ledger + suffix) }
            }
        }
        return try run(binary.path, arguments, environment: environment)
    }

    /// Names the ledger ``handoutEnvironment(_:)`` made up for one run (handout ignores it).
    private static let ownLedgerKey = "HANDOUT_TEST_OWN_LEDGER"

    /// `handout batch INPUT --output-dir OUT --clinic Examples/clinic.json ...`
    public static func batch(_ input: String, _ out: String, _ extra: [String] = [], environment: [String: String] = [:]) throws -> Result {
        try handout(["batch", input, "--output-dir", out, "--clinic", clinic] + extra, environment: environment)
    }

    /// Runs to completion; stderr goes through a file so neither pipe can fill and block.
    @discardableResult
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable.hasPrefix("/") ? executable : "/usr/bin/\(executable)")
        process.arguments = arguments
        if let environment { process.environment = environment }
        let out = Pipe()
        let errorPath = NSTemporaryDirectory() + "stderr-\(UUID().uuidString)"
        _ = FileManager.default.createFile(atPath: errorPath, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: errorPath) }
        let errorFile = FileHandle(forWritingAtPath: errorPath)!
        process.standardOutput = out
        process.standardError = errorFile
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try errorFile.close()
        let stderr = (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
        return Result(status: process.terminationStatus, stdout: String(decoding: data, as: UTF8.self), stderr: stderr)
    }

    /// A tool's status and its stdout and stderr together.
    public static func tool(_ name: String, _ arguments: [String]) throws -> (Int32, String) {
        let result = try run(name, arguments)
        return (result.status, result.stdout + result.stderr)
    }

    public static func pdfPages(_ path: String) throws -> Int? {
        let (status, text) = try tool("pdfinfo", [path])
        guard status == 0 else { return nil }
        return text.split(separator: "\n").first { $0.hasPrefix("Pages:") }
            .flatMap { Int($0.dropFirst("Pages:".count).trimmingCharacters(in: .whitespaces)) }
    }

    /// Text of one page (1-based), or of all pages.
    public static func pdfText(_ path: String, page: Int? = nil) throws -> String {
        let range = page.map { ["-f", "\($0)", "-l", "\($0)"] } ?? []
        return try run("pdftotext", range + [path, "-"]).stdout
    }

    /// Examples/patient.json with some fields changed, written in `directory`.
    /// A small comparison content file (YAML) with one section holding `blocks` (lines indented
    /// by six spaces, like `      - paragraph: "Text."`) and no candidacy factors.
    public static func contentYAML(blocks: String) -> String {
        """
        id: small
        language: en
        title: "A small comparison"
        subject: "Tables"
        keywords: []
        version: "1"
        reviewed: "2026-01-16"
        summary: ["One.", "Two.", "Three."]
        sections:
          - heading: "The table"
            blocks:
        \(blocks)
        questions: ["Why?"]
        sources: ["A source."]
        disclaimer: "Not advice."
        """
    }

    /// A content file whose one section is a table (`rows[0]` its header), and the example
    /// patient without factors (the file has none) to render with it.
    public static func tableContent(in directory: String, _ rows: [[String]]) throws -> (content: String, patient: String) {
        func flow(_ row: [String]) throws -> String { String(decoding: try JSONSerialization.data(withJSONObject: row), as: UTF8.self) }
        let table = try ["      - table:", "          columns: \(flow(rows[0]))", "          rows:"]
            + rows.dropFirst().map { "            - \(try flow($0))" }
        let content = directory + "/content-\(UUID().uuidString).yaml"
        try contentYAML(blocks: table.joined(separator: "\n")).write(toFile: content, atomically: true, encoding: .utf8)
        return (content, try patientFile(in: directory) { $0["factors"] = [String]() })
    }

    public static func patientFile(in directory: String, _ change: (inout [String: Any]) -> Void) throws -> String {
        let data = try Data(contentsOf: URL(fileURLWithPath: examples + "/patient.json"))
        var patient = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        change(&patient)
        let path = directory + "/patient-\(UUID().uuidString).json"
        try JSONSerialization.data(withJSONObject: patient).write(to: URL(fileURLWithPath: path))
        return path
    }

    private static func handoutEnvironment(_ extra: [String: String]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "JOB_COMPLETION_INDEX")
        environment.removeValue(forKey: "JOB_COMPLETIONS")
        environment = environment.merging(extra) { _, new in new }
        if environment["HANDOUT_LEDGER"] == nil {
            let ledger = NSTemporaryDirectory() + "handout-test-ledger-\(UUID().uuidString).sqlite"
            (environment["HANDOUT_LEDGER"], environment[ownLedgerKey]) = (ledger, ledger)
        }
        return environment
    }
}
