import Foundation
import Hummingbird

/// A kept file sent as a download, read on the file threads in pieces (a ZIP of 50,000 handouts
/// is never held in memory); the file stays.
struct FileDownload {
    let files: BlockingWork

    /// Nil when the file cannot be opened (removed meanwhile).
    func response(path: String, name: String, type: String) -> Response? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
        let files = files
        let body = ResponseBody(contentLength: size) { writer in
            defer { try? handle.close() }
            while let chunk = try await files.run({ try handle.read(upToCount: 256 * 1024) }), !chunk.isEmpty {
                try await writer.write(ByteBuffer(bytes: chunk))
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [
            .contentType: type, .contentDisposition: "attachment; filename=\"\(name)\"", .cacheControl: "no-store",
        ], body: body)
    }
}
