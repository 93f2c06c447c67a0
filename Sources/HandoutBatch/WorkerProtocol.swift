import Foundation
import HandoutCore
import HandoutSupport

/// The frames a batch and its renderer processes exchange over a pipe: a 4-byte big-endian
/// length, then the payload. The batch sends one `WorkerRequest` (JSON) per record; the worker
/// answers with a kind byte and its payload: the PDF (`RenderedReply`), an input error
/// (JSON, mapped back to the record's column by the batch) or any other failure's message.
enum WorkerFrame {
    enum Kind: UInt8 {
        case ready = 0, rendered = 1, inputError = 2, failure = 3
    }

    /// Larger frames mean a confused peer, not a handout (a handout is about 100 KB).
    static let maxLength = 256 << 20

    /// One frame of `head` then `body`, written as they are (a PDF is not copied into the frame).
    static func write(_ head: [UInt8], body: [Data] = [], to fd: Int32) throws(WorkerFailure) {
        let header = bigEndian(head.count + body.reduce(0) { $0 + $1.count })
        do {
            try DurableFile.writeAll(header + head, to: fd, step: "write")
            for part in body { try DurableFile.writeAll(part, to: fd, step: "write") }
        } catch {
            throw .pipe(error.reason)
        }
    }

    /// Reads one frame; nil at a clean end of the stream. `deadline` (a `DispatchTime` uptime in
    /// nanoseconds) bounds the wait: past it, `.timedOut`.
    static func read(from fd: Int32, deadline: UInt64? = nil) throws(WorkerFailure) -> Data? {
        guard let header = try readExactly(4, from: fd, deadline: deadline, endAllowed: true) else { return nil }
        let length = number(header)
        guard length <= maxLength else { throw .pipe("a frame of \(length) bytes") }
        return try readExactly(length, from: fd, deadline: deadline, endAllowed: false) ?? Data()
    }

    /// A length or count as the frames write it: 4 bytes, big-endian.
    static func bigEndian(_ value: Int) -> [UInt8] {
        let value = UInt32(clamping: value)
        return [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    /// The number of the 4 bytes at the start of `bytes`.
    static func number(_ bytes: some Collection<UInt8>) -> Int {
        bytes.prefix(4).reduce(0) { $0 << 8 | Int($1) }
    }

    private static func readExactly(_ count: Int, from fd: Int32, deadline: UInt64?, endAllowed: Bool) throws(WorkerFailure) -> Data? {
        var bytes = Data(count: count)
        var offset = 0
        while offset < count {
            if let deadline {
                let now = DispatchTime.now().uptimeNanoseconds
                guard now < deadline else { throw .timedOut }
                var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                let ready = poll(&descriptor, 1, Int32(min((deadline - now) / 1_000_000 + 1, UInt64(Int32.max))))
                if ready < 0 && errno == EINTR { continue }
                if ready == 0 { continue }
            }
            let got = bytes.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress! + offset, count - offset) }
            if got < 0 {
                if errno == EINTR { continue }
                throw .pipe(String(cString: strerror(errno)))
            }
            if got == 0 {
                if offset == 0 && endAllowed { return nil }
                throw .ended
            }
            offset += got
        }
        return bytes
    }
}

/// A rendered handout in a `.rendered` frame: the page count, the number of page images and
/// each one's length (4 bytes each), then the PDF, then the images.
enum RenderedReply {
    static func encode(_ pdf: RenderedPDF) -> (head: [UInt8], body: [Data]) {
        let head = WorkerFrame.bigEndian(pdf.pages) + WorkerFrame.bigEndian(pdf.previews.count) + pdf.previews.flatMap { WorkerFrame.bigEndian($0.count) }
        return (head, [pdf.data] + pdf.previews)
    }

    static func decode(_ payload: Data) throws(WorkerFailure) -> RenderedPDF {
        guard payload.count >= 8 else { throw .pipe("a short reply") }
        let start = payload.startIndex
        let pages = WorkerFrame.number(payload[start...])
        let count = WorkerFrame.number(payload[(start + 4)...])
        let lengthsEnd = start + 8 + 4 * count
        guard count <= pages, lengthsEnd <= payload.endIndex else { throw .pipe("a short reply") }
        let lengths = stride(from: start + 8, to: lengthsEnd, by: 4).map { WorkerFrame.number(payload[$0...]) }
        let pdfEnd = payload.endIndex - lengths.reduce(0, +)
        guard pdfEnd >= lengthsEnd else { throw .pipe("a short reply") }
        var offset = pdfEnd
        let previews = lengths.map { length in
            defer { offset += length }
            return Data(payload[offset..<(offset + length)])
        }
        return RenderedPDF(data: Data(payload[lengthsEnd..<pdfEnd]), pages: pages, previews: previews)
    }
}

/// One record for a worker.
struct WorkerRequest: Codable {
    var source: String
    var patient: PatientProfile
    var password: String?
}

/// Why a worker gave no handout for a record, other than the record's own input error.
public enum WorkerFailure: Error, LocalizedError, Equatable {
    /// The renderer process ended (a crash in a C library, the memory limit): the signal or exit status.
    case crashed(String)
    case timedOut
    case ended
    case pipe(String)
    case failed(String)
    case couldNotStart(String)

    /// The renderer process cannot go on after this (it ended, broke the protocol or is stuck).
    var endsTheProcess: Bool {
        switch self {
        case .crashed, .timedOut, .ended, .pipe: return true
        case .failed, .couldNotStart: return false
        }
    }

    public var errorDescription: String? {
        switch self {
        case let .crashed(how):
            return "could not be rendered: the renderer stopped on this record (\(how)); the other records are not affected"
        case .timedOut:
            return "could not be rendered: the renderer took longer than the time limit on this record and was stopped"
        case .ended, .pipe:
            return "could not be rendered: the renderer process stopped answering"
        case let .failed(message):
            return message
        case let .couldNotStart(reason):
            return reason
        }
    }
}
