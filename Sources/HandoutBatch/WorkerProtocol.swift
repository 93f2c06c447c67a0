import Foundation
import HandoutCore
import HandoutSupport

/// The frames a batch and its renderer processes exchange over a pipe: a 4-byte big-endian
/// length, then the payload. The batch sends one `WorkerRequest` (JSON) per record; the worker
/// answers with a kind byte and its payload: the PDF (pages, then bytes), an input error
/// (JSON, mapped back to the record's column by the batch) or any other failure's message.
enum WorkerFrame {
    enum Kind: UInt8 {
        case ready = 0, rendered = 1, inputError = 2, failure = 3
    }

    /// Larger frames mean a confused peer, not a handout (a handout is about 100 KB).
    static let maxLength = 256 << 20

    /// One frame of `head` then `body`, written as they are (a PDF is not copied into the frame).
    static func write(_ head: [UInt8], body: Data = Data(), to fd: Int32) throws(WorkerFailure) {
        let length = UInt32(head.count + body.count)
        let header = [UInt8(length >> 24), UInt8(length >> 16 & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length & 0xFF)]
        do {
            try DurableFile.writeAll(header + head, to: fd, step: "write")
            try DurableFile.writeAll(body, to: fd, step: "write")
        } catch {
            throw .pipe(error.reason)
        }
    }

    /// Reads one frame; nil at a clean end of the stream. `deadline` (a `DispatchTime` uptime in
    /// nanoseconds) bounds the wait: past it, `.timedOut`.
    static func read(from fd: Int32, deadline: UInt64? = nil) throws(WorkerFailure) -> Data? {
        guard let header = try readExactly(4, from: fd, deadline: deadline, endAllowed: true) else { return nil }
        let length = Int(header[0]) << 24 | Int(header[1]) << 16 | Int(header[2]) << 8 | Int(header[3])
        guard length <= maxLength else { throw .pipe("a frame of \(length) bytes") }
        return try readExactly(length, from: fd, deadline: deadline, endAllowed: false) ?? Data()
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
