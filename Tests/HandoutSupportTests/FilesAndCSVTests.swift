import Foundation
import HandoutSupport
import Testing

/// Durable private files and the CSV dialect, in-process.
@Suite struct FilesAndCSVTests {
    let folder: String = {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("handout-support-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()

    func mode(_ path: String) throws -> Int {
        try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    func names() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    }

    @Test func aDurableFileIsWrittenWholePrivateAndWithoutLeftovers() throws {
        try DurableFile.write(Data("first".utf8), directory: folder, name: "a.txt")
        try DurableFile.write(Data("second".utf8), directory: folder, name: "a.txt")
        #expect(try String(contentsOfFile: folder + "/a.txt", encoding: .utf8) == "second")
        #expect(try mode(folder + "/a.txt") == 0o600)
        #expect(try names() == ["a.txt"])
    }

    @Test func aPendingFileAppearsOnlyWhenCommitted() throws {
        let pending = try PendingFile(directory: folder, name: "b.csv")
        try pending.append(Data("one,".utf8))
        try pending.append(Data("two\n".utf8))
        #expect(!FileManager.default.fileExists(atPath: folder + "/b.csv"))
        try pending.commit()
        #expect(try String(contentsOfFile: folder + "/b.csv", encoding: .utf8) == "one,two\n")
        #expect(try mode(folder + "/b.csv") == 0o600)
        #expect(try names() == ["b.csv"])
    }

    @Test func aStaleTemporaryIsRemovedAndAnOtherTagsIsLeft() throws {
        let stale = folder + "/\(DurableFile.temporaryPrefix)w-1234"
        let other = folder + "/\(DurableFile.temporaryPrefix)x-1234"
        FileManager.default.createFile(atPath: stale, contents: Data("half".utf8))
        FileManager.default.createFile(atPath: other, contents: Data("half".utf8))
        #expect(DurableFile.removeStaleTemporaries(in: folder, tag: "w") == 1)
        #expect(!FileManager.default.fileExists(atPath: stale))
        #expect(FileManager.default.fileExists(atPath: other))
    }

    @Test func aFileCreatedOnceKeepsItsFirstContent() throws {
        #expect(try DurableFile.createOnce(Array("key-1".utf8), directory: folder, name: "key") == Array("key-1".utf8))
        #expect(try DurableFile.createOnce(Array("key-2".utf8), directory: folder, name: "key") == Array("key-1".utf8))
        #expect(try DurableFile.createNew(Array("x".utf8), directory: folder, name: "new"))
        #expect(try !DurableFile.createNew(Array("y".utf8), directory: folder, name: "new"))
    }

    @Test func csvLinesQuoteWhatNeedsIt() {
        #expect(CSVText.line(["a", "b c", "d,e", "say \"hi\"", "line\nbreak", ""]) == "a,b c,\"d,e\",\"say \"\"hi\"\"\",\"line\nbreak\",\n")
    }

    @Test func csvRowsReadBackWhatLinesWrote() throws {
        let rows = [["id", "name"], ["1", "García, Ana"], ["2", "O\"Neil"], ["3", "two\nlines"]]
        let path = folder + "/rows.csv"
        try rows.map(CSVText.line).joined().write(toFile: path, atomically: true, encoding: .utf8)
        var read: [[String]] = []
        #expect(try CSVText.rows(path: path) { read.append($0) })
        #expect(read == rows)
        #expect(try !CSVText.rows(path: folder + "/absent.csv") { _ in })
    }
}
