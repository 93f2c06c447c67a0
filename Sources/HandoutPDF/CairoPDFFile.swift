import Foundation

/// Just enough of a PDF reader for Cairo's own output: the classic cross-reference table,
/// the trailer, and the dictionaries of plain (non-stream) objects. Used to append an
/// incremental update, which costs a fraction of parsing and rewriting the whole file.
struct CairoPDFFile {
    let bytes: [UInt8]
    /// Byte offset of each object, by object number.
    let offsets: [Int: Int]
    let size: Int
    let root: Int
    let info: Int
    let xrefOffset: Int

    enum ReadError: Error {
        case malformed(String)
    }

    init(_ bytes: [UInt8]) throws(ReadError) {
        self.bytes = bytes
        let text = String(decoding: bytes.suffix(2048), as: UTF8.self)
        guard let trailer = text.range(of: "trailer", options: .backwards).map({ text[$0.upperBound...] }),
              let size = Self.number(after: "/Size", in: trailer), let root = Self.number(after: "/Root", in: trailer),
              let info = Self.number(after: "/Info", in: trailer), let xref = Self.number(after: "startxref", in: trailer) else {
            throw .malformed("no trailer")
        }
        self.size = size
        self.root = root
        self.info = info
        xrefOffset = xref
        offsets = try Self.readXref(bytes, at: xref, count: size)
    }

    /// The entries of a classic table ("xref", "0 N", then N lines "0000012345 00000 n").
    private static func readXref(_ bytes: [UInt8], at offset: Int, count: Int) throws(ReadError) -> [Int: Int] {
        guard offset < bytes.count else { throw .malformed("xref offset past the end") }
        let lines = bytes[offset...].split(separator: UInt8(ascii: "\n"), maxSplits: count + 2, omittingEmptySubsequences: true)
        guard lines.count >= count + 2, lines[lines.startIndex].starts(with: Array("xref".utf8)) else { throw .malformed("no xref table") }
        var offsets: [Int: Int] = [:]
        for number in 1..<count {
            let entry = lines[lines.startIndex + 2 + number]
            guard entry.count >= 18, entry[entry.startIndex + 17] == UInt8(ascii: "n"),
                  let value = Int(String(decoding: entry.prefix(10), as: UTF8.self)) else { continue }
            offsets[number] = value
        }
        return offsets
    }

    private static func number(after key: String, in text: Substring) -> Int? {
        guard let range = text.range(of: key) else { return nil }
        return Int(text[range.upperBound...].drop(while: { $0 == " " || $0 == "\n" || $0 == "\r" }).prefix(while: \.isNumber))
    }

    /// The dictionary that opens object `number` ("N 0 obj << ... >>"), with the index of its
    /// closing ">>"; nil for objects that are not dictionaries (such as Cairo's stream lengths,
    /// which the next object's dictionary follows closely).
    func dictionary(_ number: Int) -> (text: ArraySlice<UInt8>, closing: Int)? {
        guard let offset = offsets[number],
              let keyword = (offset..<max(offset, min(offset + 32, bytes.count) - 2)).first(where: { index in
                  bytes[index] == UInt8(ascii: "o") && bytes[index + 1] == UInt8(ascii: "b") && bytes[index + 2] == UInt8(ascii: "j")
              }) else { return nil }
        let open = PDFSyntax.skippingWhiteSpace(bytes, from: keyword + 3)
        guard open + 1 < bytes.count, bytes[open] == UInt8(ascii: "<"), bytes[open + 1] == UInt8(ascii: "<"),
              let close = Self.closingOfDictionary(bytes, from: open) else { return nil }
        return (bytes[open...(close + 1)], close)
    }

    /// The data of stream object `number`, as stored (its /Length direct or an indirect number,
    /// as Cairo writes it), and whether it is Flate-compressed.
    func stream(_ number: Int) throws(ReadError) -> (data: ArraySlice<UInt8>, deflated: Bool) {
        guard let (dictionary, closing) = dictionary(number) else { throw .malformed("no stream object \(number)") }
        let text = String(decoding: dictionary, as: UTF8.self)[...]
        guard var length = Self.number(after: "/Length", in: text) else { throw .malformed("no /Length in object \(number)") }
        if text.contains("/Length \(length) 0 R") {
            guard let object = offsets[length], let value = Self.number(after: "obj", in: String(decoding: bytes[object..<min(object + 64, bytes.count)], as: UTF8.self)[...]) else {
                throw .malformed("no length object \(length)")
            }
            length = value
        }
        let keyword = Array("stream".utf8)
        var start = PDFSyntax.skippingWhiteSpace(bytes, from: closing + 2)
        guard bytes[start...].starts(with: keyword) else { throw .malformed("object \(number) is no stream") }
        start += keyword.count
        if start < bytes.count, bytes[start] == UInt8(ascii: "\r") { start += 1 }
        if start < bytes.count, bytes[start] == UInt8(ascii: "\n") { start += 1 }
        guard start + length <= bytes.count else { throw .malformed("stream \(number) runs past the end") }
        return (bytes[start..<(start + length)], dictionary.contains(word: "/FlateDecode"))
    }

    /// The page objects in page order (the catalog's /Pages › /Kids; Cairo 1.16 may leave a
    /// second copy of a page object outside it).
    func pages() throws(ReadError) -> [Int] {
        guard let tree = reference("/Pages", in: root), let (dictionary, _) = dictionary(tree) else { throw .malformed("no page tree") }
        let text = String(decoding: dictionary, as: UTF8.self)
        guard let kids = text.range(of: "/Kids ["), let close = text[kids.upperBound...].firstIndex(of: "]") else { throw .malformed("no /Kids in the page tree") }
        let parts = text[kids.upperBound..<close].split(whereSeparator: \.isWhitespace)
        guard parts.count % 3 == 0 else { throw .malformed("a /Kids array that is not a list of references") }
        return try stride(from: 0, to: parts.count, by: 3).map { index throws(ReadError) in
            guard let number = Int(parts[index]), parts[index + 1] == "0", parts[index + 2] == "R" else { throw .malformed("a /Kids array that is not a list of references") }
            return number
        }
    }

    /// The number of the object that `key` refers to in object `number`'s dictionary ("/Contents 12 0 R").
    func reference(_ key: String, in number: Int) -> Int? {
        guard let (dictionary, _) = dictionary(number) else { return nil }
        let text = String(decoding: dictionary, as: UTF8.self)[...]
        guard let target = Self.number(after: key, in: text), text.contains("\(key) \(target) 0 R") else { return nil }
        return target
    }

    /// The structure elements in the order they begin: the tree under the catalog's
    /// /StructTreeRoot, read depth first.
    func structureElements() throws(ReadError) -> [Int] {
        guard let tree = reference("/StructTreeRoot", in: root) else { throw .malformed("no structure tree") }
        var order: [Int] = []
        var pending = Array(elementKids(of: tree).reversed())
        while let element = pending.popLast() {
            guard order.count < offsets.count else { throw .malformed("a structure tree with a cycle") }
            order.append(element)
            pending += elementKids(of: element).reversed()
        }
        return order
    }

    /// The objects that object `number`'s /K refers to directly: its child elements. Marked
    /// content is a number or an /MCR dictionary, and an /OBJR's object (an annotation) sits
    /// inside a dictionary of its own, so only references outside nested dictionaries count.
    private func elementKids(of number: Int) -> [Int] {
        guard let (dictionary, _) = dictionary(number) else { return [] }
        let body = dictionary.dropFirst(2).dropLast(2)
        var index = body.startIndex
        func skipSpace() { index = PDFSyntax.skippingWhiteSpace(body, from: index) }
        /// The next token: a delimiter ("[", "]", "<<", ">>") or a run of regular characters.
        func token() -> ArraySlice<UInt8>? {
            skipSpace()
            guard index < body.endIndex else { return nil }
            let start = index
            switch body[index] {
            case UInt8(ascii: "["), UInt8(ascii: "]"): index += 1
            case UInt8(ascii: "<"), UInt8(ascii: ">"): index = min(index + 2, body.endIndex)
            default: index = PDFSyntax.endOfToken(body, from: index + 1)
            }
            return body[start..<index]
        }
        var depth = 0
        while let key = token() {
            if key.elementsEqual("<<".utf8) { depth += 1 } else if key.elementsEqual(">>".utf8) { depth -= 1 }
            guard depth == 0, key.elementsEqual("/K".utf8) else { continue }
            var kids: [Int] = []
            // The two tokens before this one: "12 0" before "R".
            var (beforeLast, last): (ArraySlice<UInt8>, ArraySlice<UInt8>) = ([], [])
            skipSpace()
            let isArray = index < body.endIndex && body[index] == UInt8(ascii: "[")
            if isArray { _ = token() }
            var nested = 0
            while let part = token() {
                if part.elementsEqual("<<".utf8) { nested += 1 } else if part.elementsEqual(">>".utf8) { nested -= 1 }
                if part.elementsEqual("]".utf8) || (!isArray && part.first == UInt8(ascii: "/") && nested == 0) { break }
                let isReference = nested == 0 && part.elementsEqual("R".utf8) && last.elementsEqual("0".utf8)
                if isReference, let object = Self.integer(beforeLast) { kids.append(object) }
                (beforeLast, last) = (last, part)
                if !isArray, isReference { break }
            }
            return kids
        }
        return []
    }

    private static func integer(_ digits: ArraySlice<UInt8>) -> Int? {
        guard !digits.isEmpty, digits.count < 10 else { return nil }
        var value = 0
        for digit in digits {
            guard digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(digit - UInt8(ascii: "0"))
        }
        return value
    }

    /// Index of the ">>" that closes the dictionary opening at `start`, skipping strings,
    /// hex strings and comments.
    private static func closingOfDictionary(_ bytes: [UInt8], from start: Int) -> Int? {
        var depth = 0
        var index = start
        while index + 1 < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "%"):
                while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
            case UInt8(ascii: "("):
                var nesting = 0
                repeat {
                    if bytes[index] == UInt8(ascii: "\\") { index += 1 } else if bytes[index] == UInt8(ascii: "(") { nesting += 1 } else if bytes[index] == UInt8(ascii: ")") { nesting -= 1 }
                    index += 1
                } while nesting > 0 && index < bytes.count
                continue
            case UInt8(ascii: "<"):
                if bytes[index + 1] == UInt8(ascii: "<") {
                    depth += 1
                    index += 1
                } else {
                    while index < bytes.count, bytes[index] != UInt8(ascii: ">") { index += 1 }
                }
            case UInt8(ascii: ">") where bytes[index + 1] == UInt8(ascii: ">"):
                depth -= 1
                if depth == 0 { return index }
                index += 1
            default: break
            }
            index += 1
        }
        return nil
    }
}
