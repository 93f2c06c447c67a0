import Foundation

/// What separates the fields of a CSV export's rows.
public enum Separator: String, Sendable, CaseIterable {
    case comma, semicolon, tab, pipe

    /// `name`: the setting's and the flag's word, any case, or the character itself (`;`).
    public init?(name: String) {
        if let named = Self(rawValue: name.lowercased()) {
            self = named
        } else if let byCharacter = Self.allCases.first(where: { String($0.character) == name }) {
            self = byCharacter
        } else {
            return nil
        }
    }

    public var character: UnicodeScalar {
        switch self {
        case .comma: ","
        case .semicolon: ";"
        case .tab: "\t"
        case .pipe: "|"
        }
    }

    var byte: UInt8 { UInt8(character.value) }

    /// "semicolons", as a message says what a line holds.
    var plural: String {
        switch self {
        case .comma: "commas"
        case .semicolon: "semicolons"
        case .tab: "tabs"
        case .pipe: "pipes (|)"
        }
    }
}

/// The encodings EHRs and spreadsheets write CSV exports in.
public enum InputEncoding: String, Sendable, CaseIterable {
    case utf8 = "utf-8"
    /// Either byte order: the byte-order mark says which, else where the zero bytes of ASCII text fall.
    case utf16 = "utf-16"
    /// What Excel's plain "CSV" and many Windows EHR exports write.
    case windows1252 = "windows-1252"

    /// `name`: the setting's and the flag's word, any case, with or without its hyphen (`utf8`, `cp1252` too).
    public init?(name: String) {
        let word = name.lowercased().replacingOccurrences(of: "-", with: "")
        switch word {
        case "utf8": self = .utf8
        case "utf16": self = .utf16
        case "windows1252", "cp1252": self = .windows1252
        default: return nil
        }
    }

    /// As people write it: "UTF-8", "Windows-1252".
    public var displayName: String {
        switch self {
        case .utf8: "UTF-8"
        case .utf16: "UTF-16"
        case .windows1252: "Windows-1252"
        }
    }
}

/// How a CSV file is written: its separator and its encoding. What a flag or the settings file
/// fixes is taken as given; the rest is detected from the file's first bytes and rows, in this one
/// place, for every reader of a CSV (batch, its check and scan, mail, the server's batch page).
public struct InputFormat: Sendable, Equatable, CustomStringConvertible {
    public var separator: Separator
    public var encoding: InputEncoding

    public init(separator: Separator, encoding: InputEncoding) {
        self.separator = separator
        self.encoding = encoding
    }

    /// What Handout writes and most tools expect.
    public static let plain = InputFormat(separator: .comma, encoding: .utf8)

    /// "semicolon-separated, Windows-1252".
    public var description: String { "\(separator.rawValue)-separated, \(encoding.displayName)" }

    /// What the flags and the settings file fix (`--separator`, `--encoding`); nil: detected.
    public struct Choice: Sendable, Equatable {
        public var separator: Separator?
        public var encoding: InputEncoding?

        public init(separator: Separator? = nil, encoding: InputEncoding? = nil) {
            self.separator = separator
            self.encoding = encoding
        }

        public static let detect = Choice()
    }

    /// The file's format: `choice` where it fixes one, else detected. `name`: what errors call the
    /// file. A file whose bytes are neither UTF-8 nor plausible Windows-1252 is refused here,
    /// naming the line of the first byte that is not text.
    public static func detect(path: String, name: String, choice: Choice = .detect) throws(BatchError) -> InputFormat {
        try RecordSources.checkReadable(path, name: name)
        if let separator = choice.separator, let encoding = choice.encoding { return InputFormat(separator: separator, encoding: encoding) }
        guard let file = fopen(path, "rb") else { throw .unreadableInput(path: name, reason: String(cString: strerror(errno))) }
        defer { fclose(file) }
        let sample = EncodingDetection.read(file, upTo: sampleSize)
        let complete = sample.count < sampleSize
        let encoding: InputEncoding
        if let chosen = choice.encoding {
            encoding = chosen
        } else {
            encoding = try EncodingDetection(file: file, sample: sample, name: name).encoding()
        }
        let separator = choice.separator ?? separator(in: decodedPrefix(of: sample, encoding: encoding, complete: complete), complete: complete)
        return InputFormat(separator: separator ?? .comma, encoding: encoding)
    }

    /// The bytes detection looks at: the separator is told from the header and the rows in them.
    static let sampleSize = 1 << 16
    /// The header and the first rows.
    static let sampleRecords = 21

    /// `sample` as UTF-8, up to the first byte that does not decode (the rest is not needed to
    /// count separators).
    private static func decodedPrefix(of sample: [UInt8], encoding: InputEncoding, complete: Bool) -> [UInt8] {
        var decoder = TextDecoder(encoding: encoding)
        var text: [UInt8] = []
        try? decoder.decode(sample[...], isLast: complete, into: &text)
        return text
    }

    /// The separator that splits the header into more than one field and at least half of the
    /// first rows into as many (quote-aware: `"Raman, Priya MD"` is one field); among those, the
    /// one that agrees with the most rows, then the one giving more fields. When none does, the
    /// one giving the header the most fields (its rows then fail with their counts). Nil when no
    /// separator splits the header. `complete`: `text` is the whole file, so its last line is a
    /// whole record.
    static func separator(in text: [UInt8], complete: Bool) -> Separator? {
        let candidates = Separator.allCases
        var records: [[Int]] = []
        var fields = [Int](repeating: 1, count: candidates.count)
        var inQuotes = false
        var hasContent = false
        for byte in text {
            if byte == UInt8(ascii: "\"") {
                inQuotes.toggle()
                hasContent = true
            } else if inQuotes {
                continue
            } else if byte == 0x0A || byte == 0x0D {
                if hasContent { records.append(fields) }
                if records.count == sampleRecords { break }
                fields = [Int](repeating: 1, count: candidates.count)
                hasContent = false
            } else {
                if let index = candidates.firstIndex(where: { $0.byte == byte }) { fields[index] += 1 }
                if byte != UInt8(ascii: " ") { hasContent = true }
            }
        }
        if complete && hasContent && records.count < sampleRecords { records.append(fields) }
        guard let header = records.first else { return nil }
        let rows = records.dropFirst()
        // (at least half the rows agree, how many do, how many fields): compared in that order.
        var best: (separator: Separator, score: (Int, Int, Int))?
        for (index, separator) in candidates.enumerated() where header[index] > 1 {
            let agreeing = rows.filter { $0[index] == header[index] }.count
            let score = (agreeing * 2 >= rows.count ? 1 : 0, agreeing, header[index])
            if best.map({ score > $0.score }) ?? true { best = (separator, score) }
        }
        return best?.separator
    }
}

/// The encoding of a file without `--encoding`: a byte-order mark says it; else zero bytes in
/// every other place are UTF-16 text; else the first bytes past ASCII decide (ASCII reads the
/// same in UTF-8 and Windows-1252, so only they can): valid UTF-8 is UTF-8, bytes that are not
/// but read as plausible Windows-1252 text are that, and anything else is refused.
struct EncodingDetection {
    let file: UnsafeMutablePointer<FILE>
    /// The file's first bytes.
    let sample: [UInt8]
    /// What errors call the file.
    let name: String

    func encoding() throws(BatchError) -> InputEncoding {
        if sample.starts(with: TextDecoder.utf8BOM) { return .utf8 }
        if TextDecoder.utf16IsBigEndian(sample) != nil { return .utf16 }
        guard let (offset, window) = firstNonASCII() else { return .utf8 }
        let complete = window.count < InputFormat.sampleSize
        guard let invalid = Self.firstInvalidUTF8(in: window, complete: complete) else { return .utf8 }
        if Self.isPlausibleWindows1252(window) { return .windows1252 }
        throw .notUTF8(path: name, line: line(atOffset: offset + invalid))
    }

    /// The offset of the file's first byte past ASCII and up to `sampleSize` bytes from there.
    private func firstNonASCII() -> (offset: Int, window: [UInt8])? {
        var chunk = sample
        var start = 0
        while true {
            if let index = Self.firstNonASCII(in: chunk) {
                let offset = start + index
                guard fseek(file, offset, SEEK_SET) == 0 else { return nil }
                return (offset, Self.read(file, upTo: InputFormat.sampleSize))
            }
            guard chunk.count == InputFormat.sampleSize else { return nil }
            start += chunk.count
            guard fseek(file, start, SEEK_SET) == 0 else { return nil }
            chunk = Self.read(file, upTo: InputFormat.sampleSize)
        }
    }

    /// Up to `count` bytes from the file's position.
    static func read(_ file: UnsafeMutablePointer<FILE>, upTo count: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        let read = fread(&bytes, 1, count, file)
        bytes.removeSubrange(read...)
        return bytes
    }

    /// Eight bytes at a time: a file of plain ASCII is read to its end.
    static func firstNonASCII(in bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBytes { raw in
            var index = 0
            while index + 8 <= raw.count {
                if raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { break }
                index += 8
            }
            while index < raw.count {
                if raw[index] >= 0x80 { return index }
                index += 1
            }
            return nil
        }
    }

    /// Where the first byte that is not well-formed UTF-8 is (overlong forms and surrogates are not).
    /// `complete`: the bytes end the file, so a character cut at their end is an error too.
    static func firstInvalidUTF8(in bytes: [UInt8], complete: Bool) -> Int? {
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            let length: Int
            var second: ClosedRange<UInt8> = 0x80...0xBF
            switch lead {
            case 0x00...0x7F: index += 1; continue
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; second = 0xA0...0xBF
            case 0xED: length = 3; second = 0x80...0x9F
            case 0xE1...0xEF: length = 3
            case 0xF0: length = 4; second = 0x90...0xBF
            case 0xF4: length = 4; second = 0x80...0x8F
            case 0xF1...0xF3: length = 4
            default: return index
            }
            for position in 1..<length {
                guard index + position < bytes.count else { return complete ? index : nil }
                let byte = bytes[index + position]
                guard position == 1 ? second.contains(byte) : (0x80...0xBF).contains(byte) else { return index }
            }
            index += length
        }
        return nil
    }

    /// Text as Windows-1252 writes it: none of the five bytes it leaves undefined (0x81, 0x8D,
    /// 0x8F, 0x90, 0x9D), no zero byte, and hardly a control character besides tab and line ends
    /// (at most one in a thousand bytes). Binary data, or another single-byte encoding's text
    /// whose letters fall there, fails.
    static func isPlausibleWindows1252(_ bytes: [UInt8]) -> Bool {
        var controls = 0
        for byte in bytes {
            switch byte {
            case 0x00, 0x81, 0x8D, 0x8F, 0x90, 0x9D: return false
            case 0x09, 0x0A, 0x0D: continue
            case 0x01...0x1F, 0x7F: controls += 1
            default: continue
            }
        }
        return controls * 1000 <= bytes.count
    }

    /// The 1-based line of the byte at `offset` (CR, LF and CRLF each end a line).
    private func line(atOffset offset: Int) -> Int {
        guard fseek(file, 0, SEEK_SET) == 0 else { return 1 }
        var line = 1
        var afterCR = false
        var remaining = offset
        var chunk = [UInt8](repeating: 0, count: InputFormat.sampleSize)
        while remaining > 0 {
            let count = fread(&chunk, 1, min(chunk.count, remaining), file)
            guard count > 0 else { break }
            for byte in chunk[..<count] {
                if byte == 0x0D || (byte == 0x0A && !afterCR) { line += 1 }
                afterCR = byte == 0x0D
            }
            remaining -= count
        }
        return line
    }
}
