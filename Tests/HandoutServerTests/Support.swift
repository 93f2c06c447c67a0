import Foundation
import HandoutConfig
import HandoutCore
import HandoutServer
import HTTPTypes
import HandoutTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

/// A server on the example clinic, uploads under a scratch folder; and a browser's part of
/// the conversation: the session cookie and the page's CSRF token.
struct ServerFixture {
    let scratch = Scratch()
    var settings: ServerSettings

    init(_ adjust: (inout ServerSettings) -> Void = { _ in }) throws {
        var configuration = Configuration()
        configuration.clinic = try ClinicJSON.load(path: CLI.clinic)
        settings = ServerSettings(rendererCommand: Self.renderer, configuration: configuration, ledgerPath: scratch.path + "/ledger.sqlite",
                                  batchesDirectory: scratch.path + "/batches",
                                  auditLog: scratch.path + "/audit.jsonl")
        adjust(&settings)
    }

    /// The built `handout batch-worker` (the clinic comes with the run, from the configuration).
    static let renderer = [CLI.binary.path, "batch-worker"]
    /// The renderer process of the worker-pool tests: aborts (given name CRASH), faults (SEGV) or
    /// hangs (HANG) on cue, else answers with a small fake PDF.
    static let scriptedRenderer = ["/usr/bin/python3", CLI.repository.appendingPathComponent("Tests/HandoutBatchTests/Workers/scripted_worker.py").path]

    func run(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let app = try await buildApplication(settings)
        try await app.test(.router, body)
    }

    /// What the batches left behind: every file under the server's data folder.
    var leftovers: [String] {
        let enumerator = FileManager.default.enumerator(atPath: settings.batchesDirectory)
        return (enumerator?.allObjects as? [String] ?? []).filter { $0 != ".server-lock" }
    }

    var audit: String { (try? String(contentsOfFile: scratch.path + "/audit.jsonl", encoding: .utf8)) ?? "" }
}

/// A clock a test moves by hand: sessions, lockouts and batches expire when it says so.
final class ManualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current = Date(timeIntervalSince1970: 1_800_000_000)

    var clock: ServerClock { ServerClock { [self] in lock.withLock { current } } }

    func advance(by seconds: TimeInterval) {
        lock.withLock { current += seconds }
    }
}

/// A browser: keeps the session cookie and the last page's CSRF token.
final class Browser: @unchecked Sendable {
    let client: any TestClientProtocol
    var cookie: String?
    var csrf: String?

    init(_ client: any TestClientProtocol) {
        self.client = client
    }

    @discardableResult
    func get(_ uri: String) async throws -> (status: HTTPResponse.Status, headers: HTTPFields, body: String) {
        try await send(uri, .get, headers: [:], body: nil)
    }

    /// A urlencoded form; `csrf: false` leaves the token out.
    @discardableResult
    /// An empty header in `headers` leaves that header out (an Origin, say).
    func post(_ uri: String, _ fields: [(String, String)], csrf: Bool = true, headers: HTTPFields = [:]) async throws
        -> (status: HTTPResponse.Status, headers: HTTPFields, body: String) {
        let all = (csrf ? [("csrf", self.csrf ?? "")] : []) + fields
        let body = all.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        var headers = headers
        headers[.contentType] = "application/x-www-form-urlencoded"
        return try await send(uri, .post, headers: headers, body: ByteBuffer(string: body))
    }

    /// A multipart form with one file part `csv`.
    @discardableResult
    func upload(_ uri: String, csv: [UInt8]) async throws -> (status: HTTPResponse.Status, headers: HTTPFields, body: String) {
        let boundary = "----handout-test-boundary"
        var body = Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n\(csrf ?? "")\r\n".utf8)
        body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"csv\"; filename=\"patients.csv\"\r\nContent-Type: text/csv\r\n\r\n".utf8)
        body += csv + Array("\r\n--\(boundary)--\r\n".utf8)
        return try await send(uri, .post, headers: [.contentType: "multipart/form-data; boundary=\(boundary)"], body: ByteBuffer(bytes: body))
    }

    func raw(_ uri: String) async throws -> (status: HTTPResponse.Status, headers: HTTPFields, bytes: [UInt8]) {
        var headers: HTTPFields = [:]
        if let cookie { headers[.cookie] = cookie }
        return try await client.execute(uri: uri, method: .get, headers: headers, body: nil) { response in
            (response.status, response.headers, Array(buffer: response.body))
        }
    }

    private func send(_ uri: String, _ method: HTTPRequest.Method, headers: HTTPFields, body: ByteBuffer?) async throws
        -> (status: HTTPResponse.Status, headers: HTTPFields, body: String) {
        var headers = headers
        if let cookie { headers[.cookie] = cookie }
        // The router test client's authority is "localhost"; a browser says where its form came from.
        if method != .get, headers[Self.origin] == nil { headers[Self.origin] = Self.ownOrigin }
        if headers[Self.origin] == "" { headers[Self.origin] = nil }
        let (status, responseHeaders, text) = try await client.execute(uri: uri, method: method, headers: headers, body: body) { response in
            (response.status, response.headers, String(buffer: response.body))
        }
        if let set = responseHeaders[.setCookie], let pair = set.split(separator: ";").first {
            cookie = pair.hasSuffix("=") ? nil : String(pair)
        }
        if let token = Self.csrfToken(in: text) { csrf = token }
        return (status, responseHeaders, text)
    }

    /// A browser says where a form it sends came from; the router test client's authority is "localhost".
    static let origin = HTTPField.Name("Origin")!
    static let ownOrigin = "http://localhost"

    static func csrfToken(in html: String) -> String? {
        guard let range = html.range(of: "name=\"csrf\" value=\"") else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? ""
    }
}

/// The form as staff fill it for the example patient.
let examplePatient: [(String, String)] = [
    ("topic", "spinal-fusion"), ("id", "P-000123"), ("givenName", "Maria"), ("familyName", "González-Whitfield"), ("birthDate", "1961-04-17"),
    ("mrn", "MRN-4471902"), ("clinician", "Dr. Priya Raman, MD"), ("appointment.date", "2031-12-08"), ("appointment.time", "9:30 AM"),
    ("appointment.place", "Spine Center, Room 214"), ("notes", "Keep walking 20 minutes a day."),
    ("factors", "younger-age"), ("factors", "good-alignment"), ("language", "en"), ("paper", "letter"), ("kind", "standard"),
]

func replacing(_ fields: [(String, String)], _ name: String, with value: String) -> [(String, String)] {
    fields.map { $0.0 == name ? ($0.0, value) : $0 }
}

extension Browser {
    /// Uploads a CSV, starts its batch and waits until it has finished: the batch's address and its page.
    func runBatch(_ csv: [UInt8]) async throws -> (batch: String, page: String) {
        try await get("/batch")
        let uploaded = try await upload("/batch", csv: csv)
        let batch = String(uploaded.headers[.location]!.split(separator: "?")[0])
        try await post(batch + "/start", [])
        return (batch, try await BatchTests.waitUntilFinished(self, batch))
    }
}
