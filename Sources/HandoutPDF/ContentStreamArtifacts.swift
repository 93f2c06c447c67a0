/// Marks what a page's content stream paints outside every structure element as artifacts
/// (Cairo 1.16 cannot): each stretch between the marked-content sequences of elements (those
/// with an /MCID) that paints something is wrapped in `/Artifact << … >> BDC … EMC`, its kind
/// told by the drawing (`DrawnPDF.artifacts`), never guessed from the bytes. Where the page's
/// stretches are not the drawing's (an item that paints nothing, such as an empty line or a
/// box of no width, ends no stretch of its own), each is marked as layout: still an artifact,
/// and the handout is still made.
enum ContentStreamArtifacts {
    /// One operator with its operands: `start` is where its first operand begins, `end` just after it.
    struct Operation {
        let name: String
        let start: Int
        let end: Int
        /// True when the operands hold the name /MCID (a structure element's marked content).
        let marksElement: Bool
    }

    static let painting: Set<String> = ["S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "Do", "Tj", "TJ", "'", "\"", "EI"]

    static func mark(_ content: [UInt8], as artifacts: [Artifact]) throws(CairoPDFFile.ReadError) -> [UInt8] {
        let operations = try operations(content)
        let stretches = untaggedStretches(operations)
        let kinds = stretches.count == artifacts.count ? artifacts : Array(repeating: .layout, count: stretches.count)
        var output: [UInt8] = []
        output.reserveCapacity(content.count + 64 * stretches.count)
        var copied = 0
        for (stretch, artifact) in zip(stretches, kinds) {
            for piece in pieces(of: stretch, in: operations) {
                output += content[copied..<operations[piece.lowerBound].start]
                output += Array("\(artifact.markedContent)\n".utf8)
                output += content[operations[piece.lowerBound].start..<operations[piece.upperBound - 1].end]
                output += Array("\nEMC".utf8)
                copied = operations[piece.upperBound - 1].end
            }
        }
        return output + content[copied...]
    }

    /// The runs of operations outside every element's marked content that paint something.
    static func untaggedStretches(_ operations: [Operation]) -> [Range<Int>] {
        var stretches: [Range<Int>] = []
        var depth = 0
        var elementDepth: Int?
        var start = 0
        func close(at end: Int) {
            if operations[start..<end].contains(where: { painting.contains($0.name) }) { stretches.append(start..<end) }
        }
        for (index, operation) in operations.enumerated() {
            switch operation.name {
            case "BDC", "BMC":
                if elementDepth == nil, operation.marksElement {
                    close(at: index)
                    elementDepth = depth
                }
                depth += 1
            case "EMC":
                depth -= 1
                if depth == elementDepth {
                    elementDepth = nil
                    start = index + 1
                }
            default: break
            }
        }
        if elementDepth == nil { close(at: operations.count) }
        return stretches
    }

    /// A stretch cut at its q and Q operators (a marked-content sequence must not cross a
    /// graphics-state save or restore), keeping the pieces that paint.
    static func pieces(of stretch: Range<Int>, in operations: [Operation]) -> [Range<Int>] {
        operations[stretch].split(whereSeparator: { $0.name == "q" || $0.name == "Q" })
            .filter { $0.contains(where: { painting.contains($0.name) }) }
            .map { $0.startIndex..<$0.endIndex }
    }

    /// The operators of a content stream, skipping strings, names, arrays, dictionaries,
    /// comments and inline image data.
    static func operations(_ bytes: [UInt8]) throws(CairoPDFFile.ReadError) -> [Operation] {
        var operations: [Operation] = []
        var index = 0
        var operandStart: Int?
        var marksElement = false
        while index < bytes.count {
            let byte = bytes[index]
            if PDFSyntax.isWhiteSpace(byte) {
                index += 1
                continue
            }
            if byte == UInt8(ascii: "%") {
                while index < bytes.count, bytes[index] != UInt8(ascii: "\n"), bytes[index] != UInt8(ascii: "\r") { index += 1 }
                continue
            }
            let start = operandStart ?? index
            operandStart = start
            switch byte {
            case UInt8(ascii: "("):
                index = try endOfString(bytes, from: index)
            case UInt8(ascii: "<") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "<"), UInt8(ascii: ">"):
                index += index + 1 < bytes.count && bytes[index + 1] == byte ? 2 : 1
            case UInt8(ascii: "<"):
                guard let close = bytes[index...].firstIndex(of: UInt8(ascii: ">")) else { throw .malformed("an unclosed hex string in a content stream") }
                index = close + 1
            case UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"):
                index += 1
            case UInt8(ascii: "/"):
                let end = PDFSyntax.endOfToken(bytes, from: index + 1)
                if bytes[(index + 1)..<end].elementsEqual("MCID".utf8) { marksElement = true }
                index = end
            default:
                let end = PDFSyntax.endOfToken(bytes, from: index)
                let token = bytes[index..<end]
                index = end
                guard !isOperand(token) else { continue }
                let name = String(decoding: token, as: UTF8.self)
                if name == "ID" { index = try endOfInlineImage(bytes, from: index) }
                operations.append(Operation(name: name == "ID" ? "EI" : name, start: start, end: index, marksElement: marksElement))
                operandStart = nil
                marksElement = false
            }
        }
        return operations
    }

    private static func isOperand(_ token: ArraySlice<UInt8>) -> Bool {
        guard let first = token.first else { return true }
        if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) || first == UInt8(ascii: "-") || first == UInt8(ascii: "+")
            || first == UInt8(ascii: ".") { return true }
        return token.elementsEqual("true".utf8) || token.elementsEqual("false".utf8) || token.elementsEqual("null".utf8)
    }

    /// Just past the ")" that closes the literal string opening at `start` (nested, escaped).
    private static func endOfString(_ bytes: [UInt8], from start: Int) throws(CairoPDFFile.ReadError) -> Int {
        var nesting = 0
        var index = start
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\\"): index += 1
            case UInt8(ascii: "("): nesting += 1
            case UInt8(ascii: ")"):
                nesting -= 1
                if nesting == 0 { return index + 1 }
            default: break
            }
            index += 1
        }
        throw .malformed("an unclosed string in a content stream")
    }

    /// Just past the EI that ends the inline image data starting after ID at `start`.
    private static func endOfInlineImage(_ bytes: [UInt8], from start: Int) throws(CairoPDFFile.ReadError) -> Int {
        var index = start + 1
        while index + 1 < bytes.count {
            if bytes[index] == UInt8(ascii: "E"), bytes[index + 1] == UInt8(ascii: "I"), PDFSyntax.isWhiteSpace(bytes[index - 1]),
               index + 2 == bytes.count || PDFSyntax.isWhiteSpace(bytes[index + 2]) {
                return index + 2
            }
            index += 1
        }
        throw .malformed("inline image data without EI in a content stream")
    }
}
