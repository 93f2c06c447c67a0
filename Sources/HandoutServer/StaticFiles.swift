import Foundation
import Hummingbird

/// The style sheet and the batch page's script, read once from the bundle.
struct StaticFiles {
    private let files: [String: (type: String, data: ByteBuffer)]

    init() throws {
        var files: [String: (String, ByteBuffer)] = [:]
        for (name, type) in [("style.css", "text/css; charset=utf-8"), ("batch.js", "text/javascript; charset=utf-8")] {
            guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Static") else {
                throw ServerSetupError.unreadable(path: name, reason: "missing from the installed resources")
            }
            files[name] = (type, ByteBuffer(bytes: try Data(contentsOf: url)))
        }
        self.files = files
    }

    func add(to router: Router<ServerContext>) {
        router.get("/static/:name") { request, context -> Response in
            guard let name = context.parameters.get("name"), let file = files[name] else { throw HTTPError(.notFound) }
            return Response(status: .ok, headers: [.contentType: file.type, .cacheControl: "max-age=3600"], body: .init(byteBuffer: file.data))
        }
    }
}
