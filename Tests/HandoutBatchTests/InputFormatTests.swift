import Foundation
import HandoutTestSupport
@testable import HandoutBatch
import HandoutCore
import Testing

/// Separator and encoding detection, the decoding reader, and rows that do not line up.
@Suite struct InputFormatTests {
    let scratch = Scratch()

    private func detect(_ bytes: [UInt8], _ choice: InputFormat.Choice = .detect) throws -> InputFormat {
        let file = scratch.write("input-\(UUID().uuidString).csv", bytes: bytes)
        return try InputFormat.detect(path: file, name: "export.csv", choice: choice)
    }

    private func detect(_ text: String) throws -> InputFormat {
        try detect(Array(text.utf8))
    }

    /// Every record's line and fields, read as `CSVRecordSource` reads them.
    private func records(_ file: String, _ choice: InputFormat.Choice = .detect) throws -> (headers: [String]?, rows: [(Int, [String])]) {
        let source = try CSVRecordSource(path: file, format: choice)
        var rows: [(Int, [String])] = []
        while let record = try source.next() {
            guard case let .columns(values) = record.payload else { continue }
            rows.append((record.line, values))
        }
        return (source.headers, rows)
    }

    @Test(arguments: Separator.allCases)
    func eachSeparatorIsDetected(separator: Separator) throws {
        let s = String(separator.character)
        let text = ["Patient ID", "First Name", "Last Name", "DOB"].joined(separator: s) + "\r\n"
            + (1...5).map { ["P\($0)", "Ana", "Ruiz", "1961-04-17"].joined(separator: s) }.joined(separator: "\r\n")
        #expect(try detect(text) == InputFormat(separator: separator, encoding: .utf8))
    }

    @Test func quotedSeparatorsDoNotCount() throws {
        // Counted without quotes, the commas would make a wider header than the semicolons.
        let text = """
            "Name, Last, First, Middle";DOB;MRN
            "Raman, Priya, Q, MD";1980-01-01;1
            "Torres, Wei, L, RN";1990-02-02;2

            """
        #expect(try detect(text).separator == .semicolon)
        let commas = "id,clinician,notes\n1,\"Raman; Priya | MD\",\"a\tb\"\n2,\"Lee; Bo\",\"c;d;e\"\n"
        #expect(try detect(commas).separator == .comma)
        // A quoted line break does not end the record.
        let broken = "id;clinician;dob\n1;\"Dr. Smith, MD\nSpine Center\";1990-01-01\n2;\"Lee, Bo\";1970-01-01\n"
        #expect(try detect(broken).separator == .semicolon)
    }

    @Test func aFewRaggedRowsDoNotChangeTheSeparator() throws {
        var rows = (1...20).map { "P\($0);Ana;Ruiz;1961-04-17" }
        rows[3] = "P4;Ana;Ruiz; Jr;1961-04-17"
        rows[9] = "P10;Ana;1961-04-17"
        #expect(try detect("id;first;last;dob\n" + rows.joined(separator: "\n")).separator == .semicolon)
    }

    @Test func aFileWithoutAnySeparatorIsReadAsCommaSeparated() throws {
        #expect(try detect("id\n1\n2\n") == .plain)
        #expect(try detect("") == .plain)
        #expect(InputFormat.separator(in: Array("just one line".utf8), complete: true) == nil)
    }

    @Test func byteOrderMarksSayTheEncoding() throws {
        let text = "id;name\n1;Ren\u{E9}\n"
        #expect(try detect([0xEF, 0xBB, 0xBF] + Array(text.utf8)) == InputFormat(separator: .semicolon, encoding: .utf8))
        #expect(try detect([0xFF, 0xFE] + utf16(text, bigEndian: false)) == InputFormat(separator: .semicolon, encoding: .utf16))
        #expect(try detect([0xFE, 0xFF] + utf16(text, bigEndian: true)) == InputFormat(separator: .semicolon, encoding: .utf16))
        // Without a mark, ASCII's zero bytes every other place.
        #expect(try detect(utf16("id\tname\n1\tAna\n", bigEndian: false)) == InputFormat(separator: .tab, encoding: .utf16))
        #expect(try detect(utf16("id\tname\n1\tAna\n", bigEndian: true)) == InputFormat(separator: .tab, encoding: .utf16))
    }

    @Test func windows1252IsReadWhenItIsNotUTF8() throws {
        // é, ’ and – as Windows-1252 writes them.
        let bytes = Array("id;name;note\n1;Ren".utf8) + [0xE9] + Array(";O".utf8) + [0x92] + Array("Brien ".utf8) + [0x96] + Array(" ok\n".utf8)
        let file = scratch.write("cp1252.csv", bytes: bytes)
        #expect(try InputFormat.detect(path: file, name: "x") == InputFormat(separator: .semicolon, encoding: .windows1252))
        let read = try records(file)
        #expect(read.headers == ["id", "name", "note"])
        #expect(read.rows.map(\.1) == [["1", "Ren\u{E9}", "O\u{2019}Brien \u{2013} ok"]])
        #expect(try InputScan.scan(path: file, ndjson: false, format: InputFormat(separator: .semicolon, encoding: .windows1252)) == 1)
        // UTF-8 text stays UTF-8.
        #expect(try detect("id;name\n1;Ren\u{E9} O\u{2019}Brien\n").encoding == .utf8)
    }

    @Test func theFirstByteBeyondASCIIDecidesEvenFarIntoTheFile() throws {
        let ascii = "id,name\n" + (0..<5000).map { "P\($0),Ana Ruiz\n" }.joined()
        #expect(ascii.utf8.count > InputFormat.sampleSize)
        #expect(try detect(Array(ascii.utf8) + Array("P9,Ren".utf8) + [0xE9] + [0x0A]).encoding == .windows1252)
        #expect(try detect(ascii + "P9,Ren\u{E9}\n").encoding == .utf8)
        #expect(try detect(ascii) == .plain)
    }

    @Test func bytesThatAreNeitherAreRefusedNamingTheLine() throws {
        // 0x9D is not a Windows-1252 character; zero bytes and control characters are not text.
        for bad: [UInt8] in [[0xE9, 0x9D], [0xE9, 0x00], [0xE9, 0x01, 0x02]] {
            let bytes = Array("id,name\r\n1,Ana\r\n2,Ren".utf8) + bad + Array(",x\r\n".utf8)
            #expect(throws: BatchError.notUTF8(path: "export.csv", line: 3)) { try detect(bytes) }
        }
        let message = BatchError.notUTF8(path: "export.csv", line: 3).errorDescription!
        #expect(message.hasPrefix("export.csv:3: the file is not UTF-8 text"))
        // Named explicitly, the encoding is not second-guessed: the reader refuses the line.
        let file = scratch.write("forced.csv", bytes: Array("id,name\n1,Ana\n2,Ren".utf8) + [0xE9] + Array("\n".utf8))
        #expect(try InputFormat.detect(path: file, name: "x", choice: InputFormat.Choice(encoding: .utf8)).encoding == .utf8)
        #expect(throws: BatchError.notUTF8(path: file, line: 3)) { try records(file, InputFormat.Choice(encoding: .utf8)) }
        #expect(throws: BatchError.notUTF8(path: file, line: 3)) {
            try InputScan.scan(path: file, ndjson: false, format: InputFormat(separator: .comma, encoding: .utf8))
        }
    }

    @Test func windows1252sUndefinedBytesStopTheReadingAtTheirLine() throws {
        let file = scratch.write("undefined.csv", bytes: Array("id,name\n1,Ana\n2,x".utf8) + [0x81] + Array("\n".utf8))
        let format = InputFormat(separator: .comma, encoding: .windows1252)
        #expect(throws: BatchError.notText(path: file, line: 3, encoding: .windows1252)) {
            try records(file, InputFormat.Choice(separator: .comma, encoding: .windows1252))
        }
        #expect(throws: BatchError.notText(path: file, line: 3, encoding: .windows1252)) { try InputScan.scan(path: file, ndjson: false, format: format) }
        let message = BatchError.notText(path: "export.csv", line: 3, encoding: .windows1252).errorDescription!
        #expect(message.contains("export.csv:3: the file cannot be read as Windows-1252 text") && message.contains("--encoding"))
    }

    @Test func windows1252Table() throws {
        #expect(try decoded([0x80, 0x8A, 0x92, 0x96, 0x9F, 0xA0, 0xE9, 0xFF, 0x41], .windows1252)
                == "\u{20AC}\u{160}\u{2019}\u{2013}\u{178}\u{A0}\u{E9}\u{FF}A")
        for undefined: UInt8 in [0x81, 0x8D, 0x8F, 0x90, 0x9D] {
            #expect(throws: DecodedInputError.self) { try decoded([0x41, undefined], .windows1252) }
        }
    }

    @Test func utf16SplitAnywhereDecodesTheSame() throws {
        let text = "id\tname\r\nP1\tRen\u{E9} \u{1F600} \u{4E2D}\r\n"
        for bigEndian in [false, true] {
            let bytes = (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) + utf16(text, bigEndian: bigEndian)
            var decoder = TextDecoder(encoding: .utf16)
            var output: [UInt8] = []
            for (index, byte) in bytes.enumerated() {
                try decoder.decode([byte][...], isLast: index == bytes.count - 1, into: &output)
            }
            #expect(String(decoding: output, as: UTF8.self) == text)
            let file = scratch.write("utf16-\(bigEndian).csv", bytes: bytes)
            let read = try records(file)
            #expect(read.headers == ["id", "name"] && read.rows.map(\.0) == [2])
            #expect(read.rows.first?.1 == ["P1", "Ren\u{E9} \u{1F600} \u{4E2D}"])
        }
    }

    @Test func brokenUTF16IsRefusedAtItsLine() throws {
        // A low surrogate alone on line 2, and a file cut in the middle of a character.
        let lone = [0xFF, 0xFE] + utf16("id,name\n1,", bigEndian: false) + [0x00, 0xDC] + utf16("\n", bigEndian: false)
        let cut = [0xFF, 0xFE] + utf16("id,name\n1,Ana\n", bigEndian: false) + [0x41]
        for (bytes, line) in [(lone, 2), (cut, 3)] {
            let file = scratch.write("broken-\(line).csv", bytes: bytes)
            #expect(throws: BatchError.notText(path: file, line: line, encoding: .utf16)) { try records(file) }
        }
    }

    @Test func rowsThatDoNotLineUpWithTheHeader() throws {
        let map = try ColumnMap(headers: ["id", "first_name", "last_name", "birth_date", "clinician", "notes"], source: "p.csv")
        #expect(map.misalignment(of: ["1", "a", "b", "1990-01-01", "", ""]) == nil)
        // A split value whose row ends empty looks like a trailing separator: it fails too.
        #expect(map.misalignment(of: ["1", "a", "b", "1990-01-01", "Raman", " Priya MD", ""]) == .fieldCount(found: 7, header: 6))
        #expect(map.misalignment(of: ["1", "a", "b", "1990-01-01", "", "", "x"]) == .fieldCount(found: 7, header: 6))
        #expect(map.misalignment(of: ["1", "a", "b"]) == .fieldCount(found: 3, header: 6))
        #expect(RowProblem.fieldCount(found: 7, header: 6).english == "7 fields where the header has 6: a separator inside a value that is not quoted?")
        #expect(RowProblem.fieldCount(found: 3, header: 6).english.hasPrefix("3 fields where the header has 6: a row cut short"))
    }

    @Test func aHeaderReadAsOneColumnOfSeparatorsSaysSo() throws {
        #expect(throws: BatchError.oneColumnHeader(path: "p.csv", separators: [.semicolon])) {
            try ColumnMap(headers: ["id;first_name;last_name;birth_date"], source: "p.csv")
        }
        let message = BatchError.oneColumnHeader(path: "p.csv", separators: [.semicolon]).errorDescription!
        #expect(message.contains("one column holding semicolons") && message.contains("--separator semicolon"))
        #expect(!message.contains("patient's row"))
        // One column without a separator in it is still a missing column.
        #expect(throws: BatchError.missingColumns(path: "p.csv", fields: PatientField.required, found: nil)) {
            try ColumnMap(headers: ["Ana Ruiz"], source: "p.csv")
        }
    }

    @Test func namesOfTheFlagsAndSettings() {
        #expect(Separator(name: "Semicolon") == .semicolon && Separator(name: ";") == .semicolon && Separator(name: "\t") == .tab)
        #expect(Separator(name: "colon") == nil)
        #expect(InputEncoding(name: "UTF8") == .utf8 && InputEncoding(name: "cp1252") == .windows1252 && InputEncoding(name: "utf-16") == .utf16)
        #expect(InputEncoding(name: "latin9") == nil)
        #expect(InputFormat(separator: .semicolon, encoding: .windows1252).description == "semicolon-separated, Windows-1252")
    }

    /// Random small files, most of them almost CSV: detection, reading and the scan answer or throw, never trap.
    @Test func randomBytesNeverTrap() throws {
        var random = SplitMix64(seed: 21)
        let palette: [UInt8] = Array("id,name;dob\t|\"\r\n a".utf8) + [0x00, 0x80, 0x81, 0x92, 0xC3, 0xA9, 0xD8, 0xDC, 0xE9, 0xEF, 0xBB, 0xBF, 0xFE, 0xFF]
        let file = scratch.path + "/random.csv"
        for round in 0..<3000 {
            let length = Int(random.next() % 64)
            var bytes = (0..<length).map { _ in palette[Int(random.next() % UInt64(palette.count))] }
            if round % 5 == 0 { bytes.insert(contentsOf: [[0xFF, 0xFE], [0xFE, 0xFF], [0xEF, 0xBB, 0xBF]][round % 3], at: 0) }
            try Data(bytes).write(to: URL(fileURLWithPath: file))
            for choice in [InputFormat.Choice.detect, InputFormat.Choice(encoding: .utf16), InputFormat.Choice(encoding: .windows1252)] {
                guard let format = try? InputFormat.detect(path: file, name: "random.csv", choice: choice) else { continue }
                _ = try? InputScan.scan(path: file, ndjson: false, format: format)
                guard let source = try? CSVRecordSource(path: file, format: choice) else { continue }
                while let record = try? source.next() {
                    if case let .columns(values) = record.payload, let headers = source.headers,
                       let map = try? ColumnMap(headers: headers, required: [], source: "random.csv") {
                        _ = map.misalignment(of: values)
                    }
                }
            }
        }
    }

    private func decoded(_ bytes: [UInt8], _ encoding: InputEncoding) throws(DecodedInputError) -> String {
        var decoder = TextDecoder(encoding: encoding)
        var output: [UInt8] = []
        try decoder.decode(bytes[...], isLast: true, into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    private func utf16(_ text: String, bigEndian: Bool) -> [UInt8] {
        text.utf16.flatMap { unit in bigEndian ? [UInt8(unit >> 8), UInt8(unit & 0xFF)] : [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
    }
}

/// A small deterministic generator (SplitMix64), so a failing round can be found again.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
