import Foundation

/// Why the text of an input stopped: a byte sequence its encoding does not allow, or a read error.
enum DecodedInputError: Error {
    /// `line`: where the sequence is (1-based; CR, LF and CRLF each end a line).
    case notText(line: Int)
    case unreadable(reason: String)

    func batchError(path: String, encoding: InputEncoding) -> BatchError {
        switch self {
        case let .notText(line): encoding == .utf8 ? .notUTF8(path: path, line: line) : .notText(path: path, line: line, encoding: encoding)
        case let .unreadable(reason): .unreadableInput(path: path, reason: reason)
        }
    }
}

/// Turns a text in one of the encodings exports come in into UTF-8, a piece at a time: a
/// character split between two pieces waits for the next. A byte-order mark is dropped. UTF-8
/// passes through as it is (its readers check it, with their own line numbers).
struct TextDecoder {
    static let utf8BOM: [UInt8] = [0xEF, 0xBB, 0xBF]

    let encoding: InputEncoding
    private var started = false
    private var bigEndian = false
    /// The bytes of a character the last piece ended inside of.
    private var carried: [UInt8] = []
    private var line = 1
    private var afterCR = false

    init(encoding: InputEncoding) {
        self.encoding = encoding
    }

    /// Appends `bytes`, decoded, to `output`. `isLast`: no piece follows, so a character cut short is an error.
    mutating func decode(_ bytes: ArraySlice<UInt8>, isLast: Bool, into output: inout [UInt8]) throws(DecodedInputError) {
        var bytes = carried.isEmpty ? bytes : ArraySlice(carried + bytes)
        carried = []
        if !started {
            // A mark is up to three bytes long: wait for four (or the end) before looking.
            guard bytes.count >= 4 || isLast else {
                carried = Array(bytes)
                return
            }
            started = true
            bytes = dropBOM(bytes)
        }
        switch encoding {
        case .utf8: output.append(contentsOf: bytes)
        case .windows1252: try decodeWindows1252(bytes, into: &output)
        case .utf16: try decodeUTF16(Array(bytes), isLast: isLast, into: &output)
        }
    }

    /// Sets the UTF-16 byte order from the mark, or from where ASCII's zero bytes fall (little
    /// endian, Windows' own, when neither says).
    private mutating func dropBOM(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        switch encoding {
        case .utf8:
            return bytes.starts(with: Self.utf8BOM) ? bytes.dropFirst(3) : bytes
        case .utf16:
            bigEndian = Self.utf16IsBigEndian(Array(bytes.prefix(InputFormat.sampleSize))) ?? false
            let mark: [UInt8] = bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]
            return bytes.starts(with: mark) ? bytes.dropFirst(2) : bytes
        case .windows1252:
            return bytes
        }
    }

    /// The byte order of UTF-16 text: its byte-order mark, or more than half the bytes on one side
    /// zero and hardly any on the other (ASCII letters in UTF-16). Nil: not UTF-16 by either sign.
    static func utf16IsBigEndian(_ bytes: [UInt8]) -> Bool? {
        if bytes.starts(with: [0xFF, 0xFE]) { return false }
        if bytes.starts(with: [0xFE, 0xFF]) { return true }
        let pairs = bytes.count / 2
        guard pairs >= 2 else { return nil }
        var zeros = (even: 0, odd: 0)
        for index in 0..<(pairs * 2) where bytes[index] == 0 {
            if index % 2 == 0 { zeros.even += 1 } else { zeros.odd += 1 }
        }
        if zeros.odd * 2 > pairs && zeros.even * 10 < zeros.odd { return false }
        if zeros.even * 2 > pairs && zeros.odd * 10 < zeros.even { return true }
        return nil
    }

    private mutating func decodeWindows1252(_ bytes: ArraySlice<UInt8>, into output: inout [UInt8]) throws(DecodedInputError) {
        for byte in bytes {
            guard byte >= 0x80 else {
                output.append(byte)
                count(UnicodeScalar(byte))
                continue
            }
            let value = byte < 0xA0 ? Self.windows1252High[Int(byte - 0x80)] : UInt16(byte)
            // The five bytes Windows-1252 leaves undefined.
            guard value != 0, let scalar = UnicodeScalar(value) else { throw .notText(line: line) }
            append(scalar, to: &output)
        }
    }

    private mutating func decodeUTF16(_ bytes: [UInt8], isLast: Bool, into output: inout [UInt8]) throws(DecodedInputError) {
        func unit(at index: Int) -> UInt32 {
            bigEndian ? UInt32(bytes[index]) << 8 | UInt32(bytes[index + 1]) : UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index])
        }
        var index = 0
        while index + 1 < bytes.count {
            let first = unit(at: index)
            switch first {
            case 0xD800...0xDBFF:
                // Its pair may be in the next piece.
                guard index + 3 < bytes.count else { break }
                let second = unit(at: index + 2)
                guard (0xDC00...0xDFFF).contains(second) else { throw .notText(line: line) }
                append(UnicodeScalar(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))!, to: &output)
                index += 4
                continue
            case 0xDC00...0xDFFF:
                throw .notText(line: line)
            default:
                append(UnicodeScalar(first)!, to: &output)
                index += 2
                continue
            }
            break
        }
        carried = Array(bytes[index...])
        if isLast && !carried.isEmpty { throw .notText(line: line) }
    }

    private mutating func append(_ scalar: UnicodeScalar, to output: inout [UInt8]) {
        output.append(contentsOf: UTF8.encode(scalar)!)
        count(scalar)
    }

    /// Keeps the line for errors: CR, LF and CRLF each end one.
    private mutating func count(_ scalar: UnicodeScalar) {
        if scalar == "\r" || (scalar == "\n" && !afterCR) { line += 1 }
        afterCR = scalar == "\r"
    }

    /// Windows-1252's 0x80-0x9F (0: undefined); from 0xA0 it is ISO 8859-1, whose bytes are their code points.
    private static let windows1252High: [UInt16] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ]
}

/// A file's text as UTF-8, read and decoded a piece at a time: memory does not grow with the file.
final class DecodedInput {
    private let file: UnsafeMutablePointer<FILE>
    private var decoder: TextDecoder
    private var raw: [UInt8]
    private var decoded: [UInt8] = []
    private var position = 0
    private var ended = false

    /// `name`: what errors call the file.
    init(path: String, name: String, encoding: InputEncoding) throws(BatchError) {
        try RecordSources.checkReadable(path, name: name)
        guard let file = fopen(path, "rb") else { throw .unreadableInput(path: name, reason: String(cString: strerror(errno))) }
        self.file = file
        decoder = TextDecoder(encoding: encoding)
        // A piece decodes to at most three times its size (Windows-1252's high bytes).
        raw = [UInt8](repeating: 0, count: 1 << 15)
    }

    deinit {
        fclose(file)
    }

    /// Copies up to `maxLength` bytes of the text to `buffer`; 0 at the end of the file.
    func read(_ buffer: UnsafeMutablePointer<UInt8>, maxLength: Int) throws(DecodedInputError) -> Int {
        while position == decoded.count {
            if ended { return 0 }
            let count = fread(&raw, 1, raw.count, file)
            if count < raw.count {
                if ferror(file) != 0 { throw .unreadable(reason: String(cString: strerror(errno))) }
                ended = true
            }
            decoded.removeAll(keepingCapacity: true)
            position = 0
            try decoder.decode(raw[..<count], isLast: ended, into: &decoded)
        }
        let count = min(maxLength, decoded.count - position)
        decoded.withUnsafeBufferPointer { buffer.update(from: $0.baseAddress! + position, count: count) }
        position += count
        return count
    }
}

/// `DecodedInput` as the `InputStream` CSV.swift reads, so its reader sees UTF-8 whatever the
/// file's encoding. Why it stopped is kept in `failure` (CSV.swift wraps it in its own error).
final class DecodedInputStream: InputStream {
    private let input: DecodedInput
    private var status: Stream.Status = .notOpen
    private(set) var failure: DecodedInputError?

    init(_ input: DecodedInput) {
        self.input = input
        super.init(data: Data())
    }

    override func open() { status = .open }
    override func close() { status = .closed }
    override var streamStatus: Stream.Status { status }
    override var streamError: Error? { failure }
    override var hasBytesAvailable: Bool { status == .open }

    override func read(_ buffer: UnsafeMutablePointer<UInt8>, maxLength: Int) -> Int {
        do {
            let count = try input.read(buffer, maxLength: maxLength)
            if count == 0 { status = .atEnd }
            return count
        } catch {
            failure = error
            status = .error
            return -1
        }
    }

    override func getBuffer(_ buffer: UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>, length len: UnsafeMutablePointer<Int>) -> Bool { false }
}
