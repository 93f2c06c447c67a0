import Foundation

/// A temporary directory for one test, removed when the test is done with it.
public final class Scratch: @unchecked Sendable {
    public let path: String

    public init() {
        path = NSTemporaryDirectory() + "handout-test-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// Foundation's recursive removal on Linux crashed when tests running in parallel removed
    /// directories at the same moment: one removal at a time.
    private static let removal = NSLock()

    deinit {
        Scratch.removal.withLock { try? FileManager.default.removeItem(atPath: path) }
    }

    @discardableResult
    public func write(_ name: String, _ text: String) -> String {
        write(name, bytes: Array(text.utf8))
    }

    @discardableResult
    public func write(_ name: String, bytes: [UInt8]) -> String {
        let file = "\(path)/\(name)"
        try! Data(bytes).write(to: URL(fileURLWithPath: file))
        return file
    }

    /// The secret a batch keeps in its output directory to key the manifest's digests.
    public static let resumeKey = ".handout-resume-key"

    /// File names in `sub` (the directory itself when empty), sorted; a batch's resume key left out.
    public func files(in sub: String = "") -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: sub.isEmpty ? path : "\(path)/\(sub)")) ?? [])
            .filter { $0 != Self.resumeKey }.sorted()
    }

    /// Makes `sub` a private directory holding the resume key of `from`, so both runs key their digests alike.
    public func shareResumeKey(from: String, with sub: String) throws {
        try FileManager.default.createDirectory(atPath: "\(path)/\(sub)", withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try FileManager.default.copyItem(atPath: "\(path)/\(from)/\(Self.resumeKey)", toPath: "\(path)/\(sub)/\(Self.resumeKey)")
    }
}
