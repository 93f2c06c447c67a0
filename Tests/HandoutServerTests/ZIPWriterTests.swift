import Foundation
@testable import HandoutServer
import HandoutTestSupport
import Testing

/// The batch's ZIP read back by two independent readers, Python's zipfile and Info-ZIP's
/// unzip, every entry's CRC checked: plain, and past ZIP's plain limits (Zip64).
@Suite struct ZIPWriterTests {
    let scratch = Scratch()

    /// Every entry's name and bytes as Python reads them (after its CRC check), and unzip's test verdict.
    private func readBack(_ zip: String) throws -> (entries: [String: String], unzip: CLI.Result) {
        let python = try CLI.run("python3", ["-c", """
            import json, sys, zipfile
            z = zipfile.ZipFile(sys.argv[1])
            assert z.testzip() is None
            print(json.dumps({i.filename: z.read(i).decode() for i in z.infolist()}))
            """, zip])
        #expect(python.status == 0, "\(python.stderr)")
        let entries = try JSONSerialization.jsonObject(with: Data(python.stdout.utf8)) as? [String: String] ?? [:]
        return (entries, try CLI.run("unzip", ["-tq", zip]))
    }

    private func files(_ count: Int, bytes: Int) -> [(name: String, path: String)] {
        (0..<count).map { index in
            let name = "P-\(index).pdf"
            return (name, scratch.write(name, String(repeating: Character(UnicodeScalar(UInt8(65 + index % 26))), count: bytes)))
        }
    }

    @Test func aPlainZIPHoldsEveryFileAsItIs() throws {
        let zip = scratch.path + "/plain.zip"
        let made = files(3, bytes: 500) + [("Garc\u{ED}a.pdf", scratch.write("accent", "é"))]
        try ZIPWriter.write(files: made, to: zip)
        let (entries, unzip) = try readBack(zip)
        #expect(unzip.status == 0, "\(unzip.stdout)\(unzip.stderr)")
        #expect(entries.count == 4)
        #expect(entries["P-1.pdf"] == String(repeating: "B", count: 500))
        #expect(entries["Garc\u{ED}a.pdf"] == "é")
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: zip)))
        #expect(!bytes.containsSequence([0x50, 0x4b, 0x06, 0x06]), "no Zip64 record when none is needed")
        let mode = try FileManager.default.attributesOfItem(atPath: zip)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func entriesThatStartPastThePlainLimitAreFoundThroughZip64() throws {
        let zip = scratch.path + "/far.zip"
        // As if the limit were 1,000 bytes: every entry after the first two starts past it.
        try ZIPWriter.write(files: files(6, bytes: 400), to: zip, plainLimit: 1000)
        let (entries, unzip) = try readBack(zip)
        #expect(unzip.status == 0, "\(unzip.stdout)\(unzip.stderr)")
        #expect(entries.count == 6)
        for index in 0..<6 {
            #expect(entries["P-\(index).pdf"] == String(repeating: Character(UnicodeScalar(UInt8(65 + index))), count: 400))
        }
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: zip)))
        #expect(bytes.containsSequence([0x50, 0x4b, 0x06, 0x06]) && bytes.containsSequence([0x50, 0x4b, 0x06, 0x07]))
    }

    @Test func moreThan65535EntriesAreCountedThroughZip64() throws {
        let zip = scratch.path + "/many.zip"
        let one = scratch.write("one", "x")
        let count = 65_600
        try ZIPWriter.write(files: (0..<count).map { ("P-\($0).pdf", one) }, to: zip)
        let (entries, unzip) = try readBack(zip)
        #expect(unzip.status == 0, "\(unzip.stdout.suffix(500))\(unzip.stderr)")
        #expect(entries.count == count)
        #expect(entries["P-65599.pdf"] == "x")
    }
}

private extension [UInt8] {
    func containsSequence(_ needle: [UInt8]) -> Bool {
        guard count >= needle.count else { return false }
        return (0...(count - needle.count)).contains { self[$0..<($0 + needle.count)].elementsEqual(needle) }
    }
}
