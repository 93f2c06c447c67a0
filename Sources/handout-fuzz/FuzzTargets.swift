import CLibFuzzer
import Foundation
import HandoutBatch
import HandoutCore
import HandoutRender
import HandoutRequest
import NIOCore

/// What the fuzzer feeds: one patient JSON through the whole render path, one CSV file
/// through the batch's reader, column mapping and record checks, or one request's data through
/// the server's parsers (a form body, multipart with its boundary, the Cookie, Host, Origin and
/// Referer headers). Any crash is a bug; so is a PDF that carries an action other than a link.
enum FuzzTarget: String {
    case patient, csv, form, multipart, headers

    static let today = CalendarDate(year: 2026, month: 6, day: 1)!

    func run(_ data: Data) {
        switch self {
        case .patient: Self.renderPatient(data)
        case .csv: Self.readCSV(data)
        case .form: _ = try? FormFields.urlEncoded(ByteBuffer(bytes: data))
        case .multipart: Self.readMultipart(data)
        case .headers: Self.readHeaders(data)
        }
    }

    /// The first line is the Content-Type header, the rest the body.
    static func readMultipart(_ data: Data) {
        let bytes = Array(data)
        let end = bytes.firstIndex(of: UInt8(ascii: "\n")) ?? bytes.endIndex
        let contentType = String(decoding: bytes[..<end], as: UTF8.self)
        guard let boundary = try? FormFields.boundary(contentType: contentType) else { return }
        _ = try? FormFields.multipart(ByteBuffer(bytes: bytes[min(end + 1, bytes.endIndex)...]), boundary: boundary)
    }

    /// Lines: a Host, an Origin, a Referer, then Cookie lines.
    static func readHeaders(_ data: Data) {
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let names = SiteNames(listening: lines.first ?? "", loopback: true, allowed: Array(lines.dropFirst(3)))
        let host = lines.first
        _ = names.accepts(host: host)
        _ = names.isSameSite(host: host, origin: lines.count > 1 ? lines[1] : nil, referer: lines.count > 2 ? lines[2] : nil)
        _ = CookieHeader.value(named: "handout_session", in: Array(lines.dropFirst(3)))
    }

    nonisolated(unsafe) static let renderer: HandoutRenderer = {
        let clinic = Clinic(name: "Fuzz Clinic", phone: "(555) 555-0100", website: "https://clinic.example.org")
        let options = RenderOptions(comparison: try! ContentLoader.builtIn(language: "en"), strings: try! ContentLoader.strings(language: "en"),
                                    defaultClinic: clinic, date: today)
        return try! HandoutRenderer(options: options)
    }()

    /// Action names that must never appear as PDF syntax (a URI holds no space, so "/S /Launch"
    /// can only be a real action).
    static let forbidden = ["/S /Launch", "/S /JavaScript", "/JS ", "/OpenAction", "/AA ", "/S /SubmitForm", "/S /ImportData", "/S /GoToR"]

    static func renderPatient(_ data: Data) {
        guard let patient = try? PatientJSON.decode(data, source: "fuzz.json", today: today),
              let pdf = try? renderer.render(patient, source: "fuzz.json") else { return }
        let bytes = Array(pdf.data)
        for token in forbidden where bytes.firstRange(of: Array(token.utf8)) != nil {
            fatalError("the PDF carries \(token)")
        }
    }

    static func readCSV(_ data: Data) {
        let path = NSTemporaryDirectory() + "handout-fuzz-\(getpid()).csv"
        guard FileManager.default.createFile(atPath: path, contents: data) else { return }
        defer { unlink(path) }
        _ = try? InputScan.scan(path: path, ndjson: false, format: (try? InputFormat.detect(path: path, name: path)) ?? .plain)
        guard let source = try? RecordSources.open(path: path), let headers = source.headers,
              let map = try? ColumnMap(headers: headers, source: path) else { return }
        let builder = RecordBuilder(map: map, dateFormat: nil, sourceName: "fuzz.csv", today: today)
        while let record = try? source.next() {
            _ = try? builder.profile(builder.decode(record), line: record.line)
        }
    }
}

#if FUZZING
/// libFuzzer's entry point (its driver refers to it by name).
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOne(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    Fuzz.target.run(Data(bytes: bytes!, count: count))
    return 0
}
#endif

/// `handout-fuzz patient|csv [libFuzzer options] [corpus...]`. The fuzz build (-DFUZZING,
/// -sanitize=fuzzer; scripts/fuzz.sh) hands the rest to libFuzzer; the ordinary build replays
/// saved inputs, as the regression cases run in `make test`.
@main struct Fuzz {
    nonisolated(unsafe) static var target = FuzzTarget.patient

    static func main() throws {
        var arguments = CommandLine.arguments
        guard arguments.count > 1, let target = FuzzTarget(rawValue: arguments[1]) else {
            FileHandle.standardError.write(Data("usage: handout-fuzz patient|csv|form|multipart|headers [FILE...]\n".utf8))
            exit(2)
        }
        Self.target = target
        arguments.remove(at: 1)
        #if FUZZING
        var argc = CInt(arguments.count)
        var pointers = arguments.map { strdup($0) }
        pointers.append(nil)
        let code = pointers.withUnsafeMutableBufferPointer { buffer in
            var argv = buffer.baseAddress
            return LLVMFuzzerRunDriver(&argc, &argv, fuzzOne)
        }
        exit(code)
        #else
        for path in arguments.dropFirst() {
            target.run(try Data(contentsOf: URL(fileURLWithPath: path)))
        }
        print("\(arguments.count - 1) inputs replayed, no crash")
        #endif
    }
}
