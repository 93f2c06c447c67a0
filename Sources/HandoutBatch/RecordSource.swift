import CSV
import Foundation
import HandoutCore

/// One record of the input, with the line it starts on (1-based, as an editor shows it).
public struct SourceRecord: Sendable {
    public enum Payload: Sendable {
        case columns([String])
        case json(Data)
    }
    public let line: Int
    public let payload: Payload
}

/// Records streamed one at a time from a CSV or NDJSON file: memory does not grow with the file.
public protocol RecordSource: AnyObject {
    /// The CSV header row; nil for NDJSON.
    var headers: [String]? { get }
    func next() throws(BatchError) -> SourceRecord?
}

public enum RecordSources {
    /// `.ndjson`/`.jsonl` are read as one patient JSON per line, anything else as CSV. `name`: what
    /// errors call the file (default: `path`).
    public static func open(path: String, name: String? = nil) throws(BatchError) -> any RecordSource {
        let ext = (path as NSString).pathExtension.lowercased()
        if ext == "ndjson" || ext == "jsonl" { return try NDJSONRecordSource(path: path, name: name) }
        return try CSVRecordSource(path: path, name: name)
    }

    static func checkReadable(_ path: String, name: String? = nil) throws(BatchError) {
        let name = name ?? path
        var info = stat()
        guard stat(path, &info) == 0 else { throw .unreadableInput(path: name, reason: String(cString: strerror(errno))) }
        guard info.st_mode & S_IFMT == S_IFREG else { throw .unreadableInput(path: name, reason: "not a regular file") }
        let fd = Foundation.open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .unreadableInput(path: name, reason: String(cString: strerror(errno))) }
        close(fd)
    }
}

/// CSV through yaslab/CSV.swift, which reports no line numbers: each record's first line is
/// derived by counting the line breaks inside the fields of the records before it (CRLF once),
/// blank lines included.
public final class CSVRecordSource: RecordSource {
    private let reader: CSVReader
    /// What errors call the file.
    private let name: String
    private var nextLine = 1
    public private(set) var headers: [String]?

    public init(path: String, name: String? = nil) throws(BatchError) {
        let name = name ?? path
        try RecordSources.checkReadable(path, name: name)
        guard let stream = InputStream(fileAtPath: path) else { throw .unreadableInput(path: name, reason: "cannot open") }
        do {
            reader = try CSVReader(stream: stream, hasHeaderRow: false, trimFields: true)
        } catch {
            throw .unreadableInput(path: name, reason: "cannot open")
        }
        self.name = name
        while let row = try readRow() {
            if !Self.isBlank(row.values) {
                headers = row.values.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
                return
            }
        }
        throw .noHeaderRow(path: name)
    }

    public func next() throws(BatchError) -> SourceRecord? {
        while let row = try readRow() {
            if !Self.isBlank(row.values) { return SourceRecord(line: row.line, payload: .columns(row.values)) }
        }
        return nil
    }

    private func readRow() throws(BatchError) -> (line: Int, values: [String])? {
        guard let values = reader.next() else {
            // CSV.swift also reports `cannotReadFile` at a plain end of file: only these matter.
            switch reader.error as? CSVError {
            case .unicodeDecoding?: throw .notUTF8(path: name, line: nextLine)
            case let .streamErrorHasOccurred(error)?: throw .unreadableInput(path: name, reason: fileErrorReason(error))
            default: break
            }
            return nil
        }
        let line = nextLine
        nextLine += 1 + values.reduce(0) { $0 + Self.lineBreaks(in: $1) }
        return (line, values)
    }

    /// A blank line, or a row of empty fields (",,,," as spreadsheets export empty rows).
    static func isBlank(_ values: [String]) -> Bool {
        values.allSatisfy { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
    }

    /// Line breaks in a field's text: CRLF, CR and LF each count once.
    static func lineBreaks(in text: String) -> Int {
        var count = 0
        var afterCR = false
        for scalar in text.unicodeScalars {
            if scalar == "\r" { count += 1; afterCR = true; continue }
            if scalar == "\n" && !afterCR { count += 1 }
            afterCR = false
        }
        return count
    }
}

/// One patient JSON object per line (same schema as patient.json); blank lines are skipped.
public final class NDJSONRecordSource: RecordSource {
    private let file: UnsafeMutablePointer<FILE>
    /// What errors call the file.
    private let name: String
    private var line = 0
    private var buffer: UnsafeMutablePointer<CChar>?
    private var capacity = 0
    public var headers: [String]? { nil }

    public init(path: String, name: String? = nil) throws(BatchError) {
        let name = name ?? path
        try RecordSources.checkReadable(path, name: name)
        guard let file = fopen(path, "rb") else { throw .unreadableInput(path: name, reason: String(cString: strerror(errno))) }
        self.file = file
        self.name = name
    }

    deinit {
        free(buffer)
        fclose(file)
    }

    public func next() throws(BatchError) -> SourceRecord? {
        while true {
            let length = getline(&buffer, &capacity, file)
            guard length >= 0, let buffer else { return nil }
            line += 1
            var bytes = Data(bytes: buffer, count: length)
            if line == 1, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
            while let last = bytes.last, last == 0x0A || last == 0x0D || last == 0x20 || last == 0x09 { bytes.removeLast() }
            guard String(data: bytes, encoding: .utf8) != nil else { throw .notUTF8(path: name, line: line) }
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            return SourceRecord(line: line, payload: .json(bytes))
        }
    }
}

/// A fast pass over the file before the run: checks that it is UTF-8 (so a bad export fails
/// before any output) and counts its records for the progress bar's ETA.
public enum InputScan {
    public static func scan(path: String, ndjson: Bool) throws(BatchError) -> Int {
        try RecordSources.checkReadable(path)
        guard let file = fopen(path, "rb") else { throw .unreadableInput(path: path, reason: String(cString: strerror(errno))) }
        defer { fclose(file) }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var records = 0
        var line = 1
        var inQuotes = false
        var lineHasContent = false
        var previousCR = false
        var pendingContinuations = 0
        var first = true
        while true {
            let count = fread(&chunk, 1, chunk.count, file)
            if count <= 0 { break }
            var start = 0
            if first {
                first = false
                if count >= 3 && chunk[0] == 0xEF && chunk[1] == 0xBB && chunk[2] == 0xBF { start = 3 }
            }
            for i in start..<count {
                let byte = chunk[i]
                // UTF-8 shape: lead bytes followed by the right number of continuation bytes.
                if pendingContinuations > 0 {
                    guard byte & 0xC0 == 0x80 else { throw .notUTF8(path: path, line: line) }
                    pendingContinuations -= 1
                } else if byte >= 0x80 {
                    switch byte {
                    case 0xC2...0xDF: pendingContinuations = 1
                    case 0xE0...0xEF: pendingContinuations = 2
                    case 0xF0...0xF4: pendingContinuations = 3
                    default: throw .notUTF8(path: path, line: line)
                    }
                }
                let isBreak = byte == 0x0A || byte == 0x0D
                if isBreak && !(byte == 0x0A && previousCR) { line += 1 }
                previousCR = byte == 0x0D
                if byte == UInt8(ascii: "\"") && !ndjson { inQuotes.toggle() }
                if isBreak && !inQuotes {
                    if lineHasContent { records += 1 }
                    lineHasContent = false
                } else if !isBreak && byte != 0x20 && byte != 0x09 && byte != UInt8(ascii: ",") {
                    lineHasContent = true
                }
            }
        }
        if pendingContinuations > 0 { throw .notUTF8(path: path, line: line) }
        if lineHasContent { records += 1 }
        return ndjson ? records : max(records - 1, 0)  // minus the header row
    }
}
