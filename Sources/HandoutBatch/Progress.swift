import Foundation

/// The progress bar on standard error (count, rate, ETA), drawn only when it is a terminal,
/// at most ten times a second. Thread-safe. Messages printed through it keep the bar intact.
///
/// `@unchecked Sendable`: `done`, `lastDraw` and `barShown` are read and written only while
/// `lock` is held (drawing included); the other properties are immutable.
public final class ProgressReporter: @unchecked Sendable {
    private let lock = NSLock()
    private let enabled: Bool
    private let total: Int
    private let start = Date()
    private var done = 0
    private var failed = 0
    private var lastDraw = Date.distantPast
    private var barShown = false

    public init(total: Int, enabled: Bool = isatty(STDERR_FILENO) == 1) {
        self.total = total
        self.enabled = enabled
    }

    /// One record more; `failed` when it was not made (the bar counts those too).
    public func advance(failed recordFailed: Bool = false) {
        lock.lock()
        defer { lock.unlock() }
        done += 1
        if recordFailed { failed += 1 }
        guard enabled, Date().timeIntervalSince(lastDraw) >= 0.1 || done == total else { return }
        draw()
    }

    /// Prints a line on standard error above the bar; without a bar, hands it to `otherwise`.
    public func message(_ text: String, otherwise: (String) -> Void) {
        guard enabled else { return otherwise(text) }
        lock.lock()
        defer { lock.unlock() }
        if barShown { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
        FileHandle.standardError.write(Data((text + "\n").utf8))
        if barShown { draw() }
    }

    public func finish() {
        lock.lock()
        defer { lock.unlock() }
        if barShown { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
        barShown = false
    }

    private func draw() {
        lastDraw = Date()
        let elapsed = max(lastDraw.timeIntervalSince(start), 0.001)
        let rate = Double(done) / elapsed
        let width = 30
        let fraction = total > 0 ? min(Double(done) / Double(total), 1) : 0
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "=", count: filled) + String(repeating: " ", count: width - filled)
        var eta = "--"
        if rate > 0, total >= done {
            let seconds = Int(Double(total - done) / rate)
            eta = seconds >= 3600 ? "\(seconds / 3600)h\(seconds % 3600 / 60)m" : "\(seconds / 60)m\(String(format: "%02d", seconds % 60))s"
        }
        let failures = failed > 0 ? " \(failed) failed" : ""
        let text = "\r\u{1B}[2K[\(bar)] \(done)/\(total)\(failures) \(String(format: "%.1f", rate))/s ETA \(eta)"
        FileHandle.standardError.write(Data(text.utf8))
        barShown = true
    }
}
