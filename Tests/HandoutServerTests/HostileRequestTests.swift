import Foundation
import HTTPTypes
@testable import HandoutServer
import HandoutTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

/// Requests an attacker sends: each gets a plain refusal with the security headers, and the
/// server goes on serving.
@Suite struct HostileRequestTests {
    /// The body that once ended the server: a multipart part without headers, before sign-in.
    static let partWithoutHeaders = "--B\r\n\r\nx\r\n--B--"

    @Test(arguments: [false, true])
    func aMalformedMultipartBodyIsA400AndTheServerGoesOn(signIn: Bool) async throws {
        let fixture = signIn ? try SignInTests.fixture() : try ServerFixture()
        try await fixture.run { client in
            let browser = Browser(client)
            try await browser.get(signIn ? "/login" : "/")
            for path in ["/login", "/", "/handout", "/batch"] {
                let response = try await client.execute(
                    uri: path, method: .post,
                    headers: [.contentType: "multipart/form-data; boundary=B", .cookie: browser.cookie ?? "", Browser.origin: Browser.ownOrigin],
                    body: ByteBuffer(string: Self.partWithoutHeaders)) { ($0.status, $0.headers) }
                #expect([.badRequest, .forbidden, .notFound].contains(response.0), "\(path): \(response.0)")
                #expect(response.1[.contentSecurityPolicy] != nil, "\(path)")
            }
            #expect(try await browser.get(signIn ? "/login" : "/").status == .ok)
        }
    }

    @Test func theUploadRouteReadsTheBadPartAsA400() async throws {
        try await ServerFixture().run { client in
            let browser = Browser(client)
            try await browser.get("/batch")
            let body = "--B\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n\(browser.csrf ?? "")\r\n--B\r\n\r\nx\r\n--B--"
            let status = try await client.execute(
                uri: "/batch", method: .post,
                headers: [.contentType: "multipart/form-data; boundary=B", .cookie: browser.cookie ?? "", Browser.origin: Browser.ownOrigin],
                body: ByteBuffer(string: body)) { $0.status }
            #expect(status == .badRequest)
        }
    }

    @Test func formsTakeOnlyWhatTheirRouteReads() async throws {
        try await SignInTests.fixture().run { client in
            let browser = Browser(client)
            try await browser.get("/login")
            // Sign-in takes a few KB of URL-encoded fields, no file.
            let long = try await browser.post("/login", [("user", "maria"), ("password", String(repeating: "x", count: 5000))])
            #expect(long.status == .contentTooLarge)
            let upload = try await browser.upload("/login", csv: Array("id\n1\n".utf8))
            #expect(upload.status == .badRequest)
            let escapes = try await client.execute(
                uri: "/login", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .cookie: browser.cookie ?? "", Browser.origin: Browser.ownOrigin],
                body: ByteBuffer(string: "csrf=\(browser.csrf ?? "")&user=%E0%80&password=%")) { $0.status }
            #expect(escapes == .badRequest)
            #expect(try await browser.get("/login").status == .ok)
        }
    }

    @Test func everyAnswerCarriesTheSecurityHeaders() async throws {
        try await ServerFixture().run { client in
            for uri in ["/no-such-page", "/static/no-such-file", "/batch/0123/status", "/"] {
                let headers = try await client.execute(uri: uri, method: .get) { $0.headers }
                #expect(headers[.contentSecurityPolicy] != nil, "\(uri)")
                #expect(headers[HTTPField.Name("X-Frame-Options")!] == "DENY", "\(uri)")
                #expect(headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff", "\(uri)")
                #expect(headers[.cacheControl] != nil, "\(uri)")
            }
        }
    }

    @Test func aPostFromAnotherSiteIsRefused() async throws {
        try await ServerFixture().run { client in
            let browser = Browser(client)
            try await browser.get("/")
            for origin in ["http://attacker.example", "null", "http://localhost:8081"] {
                let other = try await browser.post("/handout", examplePatient, headers: [Browser.origin: origin])
                #expect(other.status == .forbidden, "\(origin)")
                #expect(other.body.contains("did not come from this server"))
            }
            // Without Origin, the Referer says where it came from; with neither, it is refused.
            let referred = try await browser.post("/handout", examplePatient,
                                                  headers: [Browser.origin: "", .referer: "http://localhost/?ui=en"])
            #expect(referred.status == .ok)
        }
    }

    @Test func aUserNameThatNobodyCanHaveIsRefusedBeforeAnyLookup() async throws {
        let fixture = try SignInTests.fixture()
        let typed = String(repeating: "ü", count: 500)
        try await fixture.run { client in
            let browser = Browser(client)
            try await browser.get("/login")
            let refused = try await browser.post("/login", [("user", typed), ("password", "whatever it is")])
            #expect(refused.status == .unauthorized)
            #expect(!refused.body.contains(typed))
        }
        #expect(fixture.audit.contains("\"user\":\"unknown\""))
        #expect(fixture.audit.contains("\"name-hash\":\""))
        #expect(!fixture.audit.contains("ü"))
    }

    /// 20 guesses at once: exactly `lockoutFailures` passwords are checked, the rest refused unread.
    @Test func guessesSentAtOnceAreCountedBeforeTheHash() async throws {
        let fixture = try SignInTests.fixture()
        try await fixture.run { client in
            let browser = Browser(client)
            try await browser.get("/login")
            let (cookie, csrf) = (browser.cookie ?? "", browser.csrf ?? "")
            try await withThrowingTaskGroup(of: Void.self) { group in
                for guess in 0..<20 {
                    group.addTask {
                        _ = try await client.execute(
                            uri: "/login", method: .post,
                            headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookie, Browser.origin: Browser.ownOrigin],
                            body: ByteBuffer(string: "csrf=\(csrf)&user=maria&password=guess-number-\(guess)")) { $0.status }
                    }
                }
                try await group.waitForAll()
            }
        }
        let lines = fixture.audit.split(separator: "\n")
        let checked = lines.filter { $0.contains("\"user\":\"maria\"") }
        let refused = lines.filter { $0.contains("\"user\":\"locked-out\"") }
        #expect(checked.count == 5)
        #expect(refused.count == 15)
        #expect(checked.filter { $0.contains("\"action\":\"locked-out\"") }.count == 1)
    }

    @Test func unknownNamesAreLoggedAsAWordAndAHash() async throws {
        let fixture = try SignInTests.fixture()
        try await fixture.run { client in
            let browser = Browser(client)
            try await browser.get("/login")
            try await browser.post("/login", [("user", "mallory"), ("password", "whatever it is")])
            try await browser.post("/login", [("user", "mallory"), ("password", "whatever it was")])
        }
        #expect(!fixture.audit.contains("mallory"))
        let hashes = fixture.audit.split(separator: "\n").compactMap { line in line.firstRange(of: "\"name-hash\":\"").map { line[$0.upperBound...].prefix(12) } }
        #expect(hashes.count == 2)
        #expect(Set(hashes).count == 1)
    }

    @Test func theFailedSignInTableIsBounded() async {
        let sessions = SessionStore(lifetime: 60, lockoutFailures: 5, lockoutDuration: 60)
        for number in 0..<(SessionStore.maximumTrackedNames + 50) {
            #expect(await sessions.beginAttempt("name-\(number)") == .counted)
        }
        #expect(await sessions.trackedNames <= SessionStore.maximumTrackedNames)
    }

    @Test func theSessionTableIsBoundedAndSignedInStaffStay() async {
        let time = ManualClock()
        let sessions = SessionStore(lifetime: 1800, lockoutFailures: 5, lockoutDuration: 900, clock: time.clock.now)
        let maria = await sessions.create(user: "maria")
        for _ in 0..<(SessionStore.maximumSessions + 500) {
            time.advance(by: 0.001)
            _ = await sessions.create(user: nil)
        }
        #expect(await sessions.sessionCount <= SessionStore.maximumSessions)
        #expect(await sessions.session(id: maria.id)?.user == "maria")
    }

    @Test func passwordsBcryptWouldCutAreRefused() {
        #expect(UsersFile.passwordProblem(String(repeating: "a", count: 73)) != nil)
        #expect(UsersFile.passwordProblem("a long pass\u{0}word") != nil)
        #expect(UsersFile.passwordProblem("short") != nil)
        #expect(UsersFile.passwordProblem(String(repeating: "é", count: 36)) == nil)
        #expect(UsersFile.passwordProblem(String(repeating: "é", count: 37)) != nil)
    }

    @Test func hostsAreLoopbackByTheirAddresses() {
        #expect(LoopbackAddress.isLoopback("127.0.0.1"))
        #expect(LoopbackAddress.isLoopback("127.1.2.3"))
        #expect(LoopbackAddress.isLoopback("::1"))
        #expect(LoopbackAddress.isLoopback("[::1]"))
        #expect(LoopbackAddress.isLoopback("localhost"))
        #expect(!LoopbackAddress.isLoopback("127.attacker.example"))
        #expect(!LoopbackAddress.isLoopback("0.0.0.0"))
        #expect(!LoopbackAddress.isLoopback("192.0.2.7"))
        #expect(!LoopbackAddress.isLoopback(""))
        #expect(throws: ServerSetupError.needsTLS(host: "127.attacker.example")) {
            try ServerSettings(rendererCommand: ServerFixture.renderer, host: "127.attacker.example").validate()
        }
    }

    @Test func batchJobsPastTheCapAreRefused() {
        let maximum = ServerSettings(rendererCommand: ServerFixture.renderer).maximumRenderers
        #expect(throws: ServerSetupError.tooManyJobs(maximum + 1, maximum: maximum)) {
            try ServerSettings(rendererCommand: ServerFixture.renderer, batchJobs: maximum + 1).validate()
        }
        #expect(throws: ServerSetupError.tooManyJobs(0, maximum: maximum)) {
            try ServerSettings(rendererCommand: ServerFixture.renderer, batchJobs: 0).validate()
        }
    }
}
