import Foundation

/// Runs the built `handout` binary and the PDF tools, as a user would.
enum CommandRunner {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let handout = packageRoot.appendingPathComponent(".build/debug/handout").path
    static let examples = packageRoot.appendingPathComponent("Examples").path

    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
        let data: Data
    }

    /// Runs to completion; stderr goes through a file so neither pipe can fill and block.
    @discardableResult
    static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable.hasPrefix("/") ? executable : "/usr/bin/\(executable)")
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe()
        let errorPath = FileManager.default.temporaryDirectory.appendingPathComponent("stderr-\(UUID().uuidString)").path
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
        return Result(status: process.terminationStatus, stdout: String(decoding: data, as: UTF8.self), stderr: stderr, data: data)
    }

    static func handout(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        try run(handout, arguments, environment: environment)
    }

    static func temporaryDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("handout-test-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Text of one page (1-based), or of all pages.
    static func pdfText(_ path: String, page: Int? = nil) throws -> String {
        let range = page.map { ["-f", "\($0)", "-l", "\($0)"] } ?? []
        return try run("pdftotext", range + [path, "-"]).stdout
    }

    static func pageCount(_ path: String) throws -> Int {
        let info = try run("pdfinfo", [path]).stdout
        let line = info.split(separator: "\n").first { $0.hasPrefix("Pages:") } ?? ""
        return Int(line.split(separator: " ").last ?? "") ?? 0
    }

    /// Writes Examples/patient.json with some fields changed.
    static func patientFile(in directory: String, _ change: (inout [String: Any]) -> Void) throws -> String {
        let data = try Data(contentsOf: URL(fileURLWithPath: examples + "/patient.json"))
        var patient = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        change(&patient)
        let path = directory + "/patient-\(UUID().uuidString).json"
        try JSONSerialization.data(withJSONObject: patient).write(to: URL(fileURLWithPath: path))
        return path
    }
}
