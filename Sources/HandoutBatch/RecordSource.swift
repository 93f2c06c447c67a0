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
    /// How the CSV is written (detected, or as the flags fix it); nil for NDJSON.
    var format: InputFormat? { get }
    func next() throws(BatchError) -> SourceRecord?
}

public enum RecordSources {
    /// `.ndjson`/`.jsonl` are read as one patient JSON per line, anything else as CSV in `format`
    /// (what it leaves open is detected). `name`: what errors call the file (default: `path`).
    public static func open(path: String, name: String? = nil, format: InputFormat.Choice = .detect) throws(BatchError) -> any RecordSource {
        let ext = (path as NSString).pathExtension.lowercased()
        if ext == "ndjson" || ext == "jsonl" { return try NDJSONRecordSource(path: path, name: name) }
        return try CSVRecordSource(path: path, name: name, format: format)
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
/// blank lines included. It reads the file decoded to UTF-8 (`DecodedInputStream`), split at the
/// format's separator.
public final class CSVRecordSource: RecordSource {
    private let reader: CSVReader
    private let stream: DecodedInputStream
    /// What errors call the file.
    private let name: String
    private var nextLine = 1
    public private(set) var headers: [String]?
    private let inputFormat: InputFormat
    public var format: InputFormat? { inputFormat }

    public init(path: String, name: String? = nil, format: InputFormat.Choice = .detect) throws(BatchError) {
        let name = name ?? path
        inputFormat = try InputFormat.detect(path: path, name: name, choice: format)
        stream = DecodedInputStream(try DecodedInput(path: path, name: name, encoding: inputFormat.encoding))
        do {
            reader = try CSVReader(stream: stream, hasHeaderRow: false, trimFields: true, delimiter: inputFormat.separator.character)
        } catch {
            throw stream.failure?.batchError(path: name, encoding: inputFormat.encoding) ?? .unreadableInput(path: name, reason: "cannot open")
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
        let values = reader.next()
        let breaks = values?.reduce(0) { $0 + Self.lineBreaks(in: $1) } ?? 0
        // CSV.swift hands back the row it was in when reading stopped: the error is at its end.
        if let failure = readFailure(atLine: nextLine + breaks) { throw failure }
        guard let values else { return nil }
        let line = nextLine
        nextLine += 1 + breaks
        return (line, values)
    }

    /// Why reading stopped, if not at the end of the file (CSV.swift also reports
    /// `cannotReadFile` at a plain end: only these matter).
    private func readFailure(atLine line: Int) -> BatchError? {
        switch reader.error as? CSVError {
        case .unicodeDecoding?: .notUTF8(path: name, line: line)
        case .streamErrorHasOccurred?: stream.failure?.batchError(path: name, encoding: inputFormat.encoding) ?? .unreadableInput(path: name, reason: "cannot read")
        default: nil
        }
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
    public var format: InputFormat? { nil }

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

/// A fast pass over the file before the run: checks that it is text in its encoding (so a bad
/// export fails before any output) and counts its records for the progress bar's ETA.
public enum InputScan {
    /// `format`: the CSV's (NDJSON is UTF-8). `name`: what errors call the file (default: `path`).
    public static func scan(path: String, name: String? = nil, ndjson: Bool, format: InputFormat = .plain) throws(BatchError) -> Int {
        let name = name ?? path
        let input = try DecodedInput(path: path, name: name, encoding: ndjson ? .utf8 : format.encoding)
        let separator = format.separator.byte
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var records = 0
        var line = 1
        var inQuotes = false
        var lineHasContent = false
        var previousCR = false
        var pendingContinuations = 0
        while true {
            let count: Int
            do {
                count = try input.read(&chunk, maxLength: chunk.count)
            } catch {
                throw error.batchError(path: name, encoding: format.encoding)
            }
            if count <= 0 { break }
            for byte in chunk[..<count] {
                // UTF-8 shape: lead bytes followed by the right number of continuation bytes.
                if pendingContinuations > 0 {
                    guard byte & 0xC0 == 0x80 else { throw .notUTF8(path: name, line: line) }
                    pendingContinuations -= 1
                } else if byte >= 0x80 {
                    switch byte {
                    case 0xC2...0xDF: pendingContinuations = 1
                    case 0xE0...0xEF: pendingContinuations = 2
                    case 0xF0...0xF4: pendingContinuations = 3
                    default: throw .notUTF8(path: name, line: line)
                    }
                }
                let isBreak = byte == 0x0A || byte == 0x0D
                if isBreak && !(byte == 0x0A && previousCR) { line += 1 }
                previousCR = byte == 0x0D
                if byte == UInt8(ascii: "\"") && !ndjson { inQuotes.toggle() }
                if isBreak && !inQuotes {
                    if lineHasContent { records += 1 }
                    lineHasContent = false
                } else if !isBreak && byte != 0x20 && byte != 0x09 && byte != separator {
                    lineHasContent = true
                }
            }
        }
        if pendingContinuations > 0 { throw .notUTF8(path: name, line: line) }
        if lineHasContent { records += 1 }
        return ndjson ? records : max(records - 1, 0)  // minus the header row
    }
}
