import Foundation
import HandoutTestSupport
@testable import HandoutBatch
import HandoutCore
import Testing
import HandoutSupport

@Suite struct PiecesTests {
    @Test func sha256KnownVectors() {
        #expect(SHA256Hex.of(Data()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256Hex.of(Data("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256Hex.of(Data(String(repeating: "a", count: 1000).utf8)) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }

    @Test(arguments: [
        ("first_name", "givenName"), ("First Name", "givenName"), ("given_name", "givenName"), ("FirstName", "givenName"),
        ("DOB", "birthDate"), ("Date of Birth", "birthDate"), ("birth_date", "birthDate"), ("MRN", "mrn"),
        ("Medical Record Number", "mrn"), ("email", "email"), ("E-mail", "email"), ("Patient ID", "id"),
        ("LAST-NAME", "familyName"), ("Appointment Date", "appointmentDate"),
    ])
    func headerSpellings(header: String, field: String) throws {
        // The default spelling of the same field is replaced by the one under test.
        let defaults: [String: String] = ["id": "Patient ID", "givenName": "First Name", "familyName": "Last Name", "birthDate": "DOB"]
        var headers = defaults.filter { $0.key != field }.map(\.value).sorted()
        headers.append(header)
        let map = try ColumnMap(headers: headers, source: "patients.csv")
        #expect(map.index[try #require(PatientField(flatName: field))] == headers.firstIndex(of: header))
    }

    @Test func missingRequiredColumnNamesItAndTheHeadersFound() {
        #expect(throws: BatchError.missingColumns(path: "p.csv", fields: [.birthDate], found: ["ID", "First Name", "Last Name"])) {
            try ColumnMap(headers: ["ID", "First Name", "Last Name"], source: "p.csv")
        }
        let message = BatchError.missingColumns(path: "p.csv", fields: [.birthDate], found: ["ID", "First Name"]).errorDescription!
        #expect(message.contains("birthDate") && message.contains("\"First Name\"") && message.contains("--map"))
    }

    @Test func mapOverridesAndErrors() throws {
        var overrides = try ColumnOverride.table(try ["given_name=Vorname", "familyName = Nachname", "birthDate=Geburtsdatum"].map { try ColumnOverride(parsing: $0) })
        overrides.fields[.id] = "Nr"
        let map = try ColumnMap(headers: ["Nr", "Vorname", "Nachname", "Geburtsdatum"], overrides: overrides, source: "p.csv")
        #expect(map.index == [.id: 0, .givenName: 1, .familyName: 2, .birthDate: 3])
        #expect(throws: BatchError.unknownField("shoeSize")) { try ColumnOverride(parsing: "shoeSize=x") }
        #expect(throws: BatchError.badMapping("givenName")) { try ColumnOverride(parsing: "givenName") }
        #expect(throws: BatchError.mappedHeaderNotFound(field: "id", header: "Nope", found: ["A", "Email"])) {
            try ColumnMap(headers: ["A", "Email"], overrides: [.id: "Nope"], source: "p.csv")
        }
    }

    @Test func aFirstLineOfPatientDataIsNeverRepeated() throws {
        let row = ["P-1", "Maria", "Lopez", "1961-04-17", "maria@example.org"]
        for overrides: ColumnOverrides in [[:], [.id: "Patient ID"]] {
            do {
                _ = try ColumnMap(headers: row, overrides: overrides, source: "p.csv")
                Issue.record("a row of data was taken for a header row")
            } catch {
                let message = error.errorDescription ?? ""
                #expect(message.contains("names no column Handout knows"))
                for cell in row { #expect(!message.contains(cell)) }
            }
        }
    }

    @Test func dateFormats() throws {
        let us = try DateFormat("MM/dd/yyyy")
        #expect(us.parse("02/28/1990") == CalendarDate(year: 1990, month: 2, day: 28))
        #expect(us.parse("2/3/1990") == CalendarDate(year: 1990, month: 2, day: 3))
        #expect(us.parse("02/30/1990") == nil)
        #expect(us.parse("13/01/1990") == nil)
        #expect(us.parse("1990-02-28") == nil)
        #expect(us.parse("02/28/1990x") == nil)
        let de = try DateFormat("dd.MM.yyyy")
        #expect(de.parse("29.02.2000") == CalendarDate(year: 2000, month: 2, day: 29))
        #expect(de.parse("29.02.1900") == nil)
        #expect(throws: BatchError.badDateFormat("MMddyyyy")) { try DateFormat("MMddyyyy") }
        #expect(throws: BatchError.badDateFormat("dd/MM/yy")) { try DateFormat("dd/MM/yy") }
    }

    @Test(arguments: ["../../x", "a/b", "a\\b", "", ".", "..", ".hidden", "CON", "nul", "com1.txt", "LPT9",
                      "a\u{0}b", "tab\there", String(repeating: "x", count: 101), "-rf", "trailing.", "ünï", "a b"])
    func unsafeIds(id: String) {
        #expect(RecordFileName.problem(with: id) != nil)
    }

    @Test func displayableIdsAreNotFormulas() {
        #expect(RecordFileName.displayable("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")")
        #expect(RecordFileName.displayable("a\u{7}b") == "a?b")
        #expect(RecordFileName.displayable("P-1") == "P-1")
    }

    @Test(arguments: ["P-0001", "12345", "abc_DEF.2", "CONSULT", "x.y"])
    func safeIds(id: String) {
        #expect(RecordFileName.problem(with: id) == nil)
    }

    @Test func csvLineNumbersCountQuotedBreaksAndBlankLines() throws {
        let dir = Scratch()
        // BOM, CRLF, a quoted field with CRLF inside, a lone LF inside, blank lines, spaces.
        let text = "\u{FEFF}id,notes\r\n\r\n1,\"a\r\nb\"\r\n  2 ,  plain  \r\n\r\n\r\n3,\"x\ny\nz\"\r\n4,\"q,\"\"uote\"\"\"\r\n,,\r\n5,last"
        let file = dir.write("p.csv", text)
        let source = try CSVRecordSource(path: file)
        #expect(source.headers == ["id", "notes"])
        var got: [(Int, [String])] = []
        while let record = try source.next() {
            guard case let .columns(values) = record.payload else { continue }
            got.append((record.line, values))
        }
        #expect(got.map(\.0) == [3, 5, 8, 11, 13])
        #expect(got.map(\.1) == [["1", "a\r\nb"], ["2", "plain"], ["3", "x\ny\nz"], ["4", "q,\"uote\""], ["5", "last"]])
        #expect(try InputScan.scan(path: file, ndjson: false) == 5)
    }

    @Test func ndjsonLines() throws {
        let dir = Scratch()
        let file = dir.write("p.ndjson", "\u{FEFF}{\"id\":\"1\"}\r\n\n  \n{\"id\":\"2\"}\n")
        let source = try NDJSONRecordSource(path: file)
        var lines: [Int] = []
        while let record = try source.next() { lines.append(record.line) }
        #expect(lines == [1, 4])
        #expect(try InputScan.scan(path: file, ndjson: true) == 2)
    }

    @Test func notTextIsRefusedBeforeAnyOutput() throws {
        let dir = Scratch()
        // 0x9D is neither UTF-8 here nor a Windows-1252 character.
        let file = dir.write("binary.csv", bytes: Array("id,First Name,Last Name,DOB\n1,Ren".utf8) + [0x9D] + Array(",X,1990-01-01\n".utf8))
        #expect(throws: BatchError.notUTF8(path: file, line: 2)) { try runBatch(file, out: dir.path + "/out") }
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/out/manifest.csv"))
    }

    @Test func windows1252IsReadAndTheSummarySaysSo() throws {
        let dir = Scratch()
        let file = dir.write("cp1252.csv", bytes: Array("id;First Name;Last Name;DOB\n1;Ren".utf8) + [0xE9] + Array(";X;1990-01-01\n".utf8))
        let summary = try runBatch(file, out: dir.path + "/out")
        #expect(summary.produced == 1 && summary.failed == 0)
        #expect(summary.inputFormat == InputFormat(separator: .semicolon, encoding: .windows1252))
        let pdf = try String(contentsOfFile: dir.path + "/out/1.pdf", encoding: .utf8)
        #expect(pdf.contains("|Ren\u{E9} X|"))
    }
}

@Test func theCommonPatternsThatReadEverySampleAreNamed() {
    func fitting(_ samples: [String]) -> [String] { DateFormat.fitting(samples).map(\.pattern) }
    #expect(fitting(["04/17/1961", "12/25/1970"]) == ["MM/dd/yyyy"])
    #expect(fitting(["17.04.1961"]) == ["dd.MM.yyyy"])
    #expect(fitting(["17/04/1961", "25/12/1970"]) == ["dd/MM/yyyy"])
    #expect(fitting(["03/04/1960"]) == ["MM/dd/yyyy", "dd/MM/yyyy"])  // reads both ways
    #expect(fitting(["yesterday"]).isEmpty)
    #expect(fitting([]).isEmpty)
}

@Test func aFilesDateStyleIsTheOnePatternThatReadsNineInTenOfItsDates() throws {
    let scratch = Scratch()
    func detected(_ rows: [String], _ header: String = "Patient ID,First Name,Last Name,DOB,Appt Date") -> String? {
        let path = scratch.write("dates-\(UUID().uuidString).csv", ([header] + rows).joined(separator: "\n") + "\n")
        return DateFormat.detect(path: path, name: "dates.csv", format: .detect, overrides: ColumnOverrides())?.pattern
    }
    #expect(detected(["A1,Ana,Ruiz,04/17/1961,12/14/2026", "A2,Bo,Lee,01/02/1970,"]) == "MM/dd/yyyy")
    #expect(detected(["A1,Ana,Ruiz,17.04.1961,14.12.2026"]) == "dd.MM.yyyy")
    #expect(detected(["A1,Ana,Ruiz,1961-04-17,2026-12-14"]) == nil, "year-month-day needs nothing")
    #expect(detected(["A1,Ana,Ruiz,03/04/1961,", "A2,Bo,Lee,01/02/1970,"]) == nil, "every date reads both ways")
    // One typing mistake in ten dates does not hide the style of the others; two in ten do.
    let us = (1...9).map { "A\($0),Ana,Ruiz,04/\(12 + $0)/1961," }
    #expect(detected(us + ["B1,Bo,Lee,13/45/1970,"]) == "MM/dd/yyyy")
    #expect(detected(Array(us.prefix(8)) + ["B1,Bo,Lee,13/45/1970,", "B2,Cy,Ng,99/99/1999,"]) == nil)
    #expect(detected(["A1,Ana,Ruiz,04/17/1961"], "Patient ID,First Name,Last Name") == nil, "no date column")
}

@Test(arguments: [
    ("Torres, Wei", NameFormat.auto, "Wei", "Torres"), ("Torres, Wei Li", .auto, "Wei Li", "Torres"),
    ("Wei Li Torres", .auto, "Wei Li", "Torres"), ("García-López, María José", .lastFirst, "María José", "García-López"),
    ("María José García", .firstLast, "María José", "García"),
])
func aSingleNameColumnIsSplit(text: String, format: NameFormat, given: String, family: String) throws {
    let (splitGiven, splitFamily) = try #require(format.split(text))
    #expect(splitGiven == given && splitFamily == family)
}

@Test func aNameWithOnlyOnePartIsNotSplit() {
    #expect(NameFormat.auto.split("Cher") == nil)
    #expect(NameFormat.lastFirst.split("Wei Torres") == nil)
    #expect(NameFormat.auto.split("Torres,") == nil)
}

@Test func aPatientNameColumnStandsForBothNames() throws {
    let map = try ColumnMap(headers: ["Patient MRN", "Patient Name", "DOB"], overrides: [.id: "Patient MRN"], source: "p.csv")
    #expect(map.fullNameIndex == 1 && map.index[.givenName] == nil)
    // Given and family columns win over a name column.
    #expect(try ColumnMap(headers: ["ID", "First Name", "Last Name", "Name", "DOB"], source: "p.csv").fullNameIndex == nil)
    #expect(throws: BatchError.sameColumn(fields: ["familyName", "givenName"], header: "Patient Name")) {
        try ColumnOverride.table(try ["givenName=Patient Name", "familyName=Patient Name"].map { try ColumnOverride(parsing: $0) })
    }
    let named = try ColumnOverride.table([try ColumnOverride(parsing: "name=Pt Nm")])
    #expect(try ColumnMap(headers: ["ID", "Pt Nm", "DOB"], overrides: named, source: "p.csv").fullNameIndex == 1)
}
