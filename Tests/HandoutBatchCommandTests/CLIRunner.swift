import Foundation
import HandoutBatch

/// Runs the built `handout` executable, as swift-argument-parser's own tests do.
enum CLI {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let clinic = repository.appendingPathComponent("Examples/clinic.json").path

    static var binary: URL {
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
        return candidates[0].appendingPathComponent("handout")
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func start(_ arguments: [String], environment: [String: String] = [:]) throws -> (Process, Pipe, Pipe) {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "JOB_COMPLETION_INDEX")
        env.removeValue(forKey: "JOB_COMPLETIONS")
        env.merge(environment) { _, new in new }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        return (process, out, err)
    }

    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        let (process, out, err) = try start(arguments, environment: environment)
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    /// `handout batch INPUT --output-dir OUT --clinic Examples/clinic.json ...`
    static func batch(_ input: String, _ out: String, _ extra: [String] = [], environment: [String: String] = [:]) throws -> Result {
        try run(["batch", input, "--output-dir", out, "--clinic", clinic] + extra, environment: environment)
    }

    /// Runs a tool (qpdf, pdfinfo) and returns its exit status and output.
    static func tool(_ name: String, _ arguments: [String]) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [name] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static func pdfPages(_ path: String) throws -> Int? {
        let (status, text) = try tool("pdfinfo", [path])
        guard status == 0 else { return nil }
        return text.split(separator: "\n").first { $0.hasPrefix("Pages:") }
            .flatMap { Int($0.dropFirst("Pages:".count).trimmingCharacters(in: .whitespaces)) }
    }
}

final class Scratch {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "handout-cli-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    @discardableResult
    func write(_ name: String, _ text: String) -> String {
        let file = "\(path)/\(name)"
        try! Data(text.utf8).write(to: URL(fileURLWithPath: file))
        return file
    }

    func list(_ sub: String = "") -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: sub.isEmpty ? path : "\(path)/\(sub)")) ?? []).sorted()
    }

    func manifest(_ sub: String = "out", name: String = "manifest.csv") -> [ManifestEntry] {
        var rows: [ManifestEntry] = []
        try? ManifestReader.read(path: "\(path)/\(sub)/\(name)") { rows.append($0) }
        return rows
    }
}

/// `count` valid rows with realistic headers, some factors and notes.
func validRows(_ count: Int, prefix: String = "T") -> String {
    let factors = ["", "instability", "osteoporosis;deformity", "younger-age|good-alignment"]
    return (0..<count).map { i in
        "\(prefix)\(i),Given\(i),Family-\(i),19\(50 + i % 40)-0\(1 + i % 9)-1\(i % 10),,\"Note \(i), with a comma\",\(factors[i % 4])\n"
    }.joined()
}

let realHeader = "\"Patient ID\",\"First Name\",\"Last Name\",\"DOB\",\"Email\",\"Notes\",\"Factors\"\n"
