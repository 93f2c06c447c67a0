/// Objects appended to a PDF as an incremental update (ISO 32000-1 §7.5.6): changed
/// objects keep their numbers, new ones take the next free numbers, and a new
/// cross-reference section points at them with /Prev to the original.
struct IncrementalUpdate {
    private let file: CairoPDFFile
    private var objects: [Int: [UInt8]] = [:]
    private var nextNumber: Int

    init(_ file: CairoPDFFile) {
        self.file = file
        nextNumber = file.size
    }

    /// Object `number` again, with `entries` added to its dictionary. Throws when the object
    /// is missing or no dictionary: the entries are required (/Lang, /Tabs...), never optional.
    mutating func amend(_ number: Int, adding entries: String) throws(CairoPDFFile.ReadError) {
        guard let (dictionary, closing) = file.dictionary(number) else { throw .malformed("no dictionary in object \(number)") }
        objects[number] = Array(dictionary[..<closing]) + Array("   \(entries)\n".utf8) + Array(dictionary[closing...])
    }

    /// Stream object `number` again, `old` in its dictionary written as `new` (when there) and
    /// its data kept byte for byte.
    mutating func amend(stream number: Int, changing old: String, to new: String) throws(CairoPDFFile.ReadError) {
        guard let (dictionary, closing) = file.dictionary(number) else { throw .malformed("no dictionary in object \(number)") }
        let pattern = Array(old.utf8)
        guard dictionary.firstRange(of: pattern) != nil else { return }
        let data = try file.stream(number).data
        objects[number] = Array(dictionary).replacing(pattern, with: Array(new.utf8)) + Array(file.bytes[(closing + 2)..<data.endIndex])
            + Self.endOfStream
    }

    mutating func replace(_ number: Int, with dictionary: String) {
        objects[number] = Array(dictionary.utf8)
    }

    /// A new stream object; returns its number.
    mutating func addStream(_ data: [UInt8], entries: String) -> Int {
        let number = nextNumber
        nextNumber += 1
        replace(number, stream: data, entries: entries)
        return number
    }

    /// Object `number` again, as a stream of `data` with `entries` in its dictionary.
    mutating func replace(_ number: Int, stream data: [UInt8], entries: String) {
        objects[number] = Array("<< \(entries) /Length \(data.count) >>\nstream\n".utf8) + data + Self.endOfStream
    }

    /// CR LF before `endstream`: after data that ends in a CR (deflated bytes may), a lone LF
    /// would be read as the CR LF end of line, one byte short of /Length (PDF/A checkers do).
    private static let endOfStream = Array("\r\nendstream".utf8)

    /// The original bytes followed by the update. `id` becomes the trailer's /ID.
    func appended(id: String) -> [UInt8] {
        var output = file.bytes
        if output.last != UInt8(ascii: "\n") { output.append(UInt8(ascii: "\n")) }
        var offsets: [Int: Int] = [:]
        for number in objects.keys.sorted() {
            offsets[number] = output.count
            output += Array("\(number) 0 obj\n".utf8) + objects[number]! + Array("\nendobj\n".utf8)
        }
        let xref = output.count
        var table = "xref\n"
        for run in Self.runs(offsets.keys.sorted()) {
            table += "\(run.first!) \(run.count)\n"
            for number in run {
                let offset = String(offsets[number]!)
                table += String(repeating: "0", count: 10 - offset.count) + offset + " 00000 n \n"
            }
        }
        table += "trailer\n<< /Size \(nextNumber) /Root \(file.root) 0 R /Info \(file.info) 0 R /Prev \(file.xrefOffset) /ID [<\(id)> <\(id)>] >>\n"
        table += "startxref\n\(xref)\n%%EOF\n"
        return output + Array(table.utf8)
    }

    /// Consecutive numbers grouped, one cross-reference subsection each.
    private static func runs(_ numbers: [Int]) -> [[Int]] {
        numbers.reduce(into: [[Int]]()) { runs, number in
            if let last = runs.last?.last, last + 1 == number { runs[runs.count - 1].append(number) } else { runs.append([number]) }
        }
    }
}
