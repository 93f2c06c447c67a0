import Foundation
import HandoutServer
import HandoutTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

/// Sign-in when a users file is given: no session, a wrong password, the lockout, an expired
/// session and a missing CSRF token are each refused.
@Suite struct SignInTests {
    static func fixture(_ adjust: (inout ServerSettings) -> Void = { _ in }) throws -> ServerFixture {
        var fixture = try ServerFixture(adjust)
        let users = fixture.scratch.path + "/users.txt"
        try UsersFile.add(name: "maria", password: "correct horse battery", to: users)
        fixture.settings.usersFile = users
        return fixture
    }

    @Test func withoutASessionPagesSendToSignInAndPostsAreRefused() async throws {
        try await Self.fixture().run { client in
            let browser = Browser(client)
            let page = try await browser.get("/")
            #expect(page.status == .seeOther)
            #expect(page.headers[.location] == "/login?ui=en")
            let post = try await browser.post("/handout", examplePatient)
            #expect(post.status == .forbidden)
            let batch = try await browser.get("/batch")
            #expect(batch.status == .seeOther)
        }
    }

    @Test func theRightPasswordSignsInAndTheWrongOneDoesNot() async throws {
        let fixture = try Self.fixture()
        try await fixture.run { client in
            let browser = Browser(client)
            let login = try await browser.get("/login")
            #expect(login.status == .ok)
            #expect(login.body.contains("<label for=\"password\">"))
            let wrong = try await browser.post("/login", [("user", "maria"), ("password", "wrong")])
            #expect(wrong.status == .unauthorized)
            #expect(wrong.body.contains("The user name or the password is wrong."))
            #expect(try await browser.get("/").status == .seeOther)
            let right = try await browser.post("/login", [("user", "maria"), ("password", "correct horse battery")])
            #expect(right.status == .seeOther)
            let form = try await browser.get("/")
            #expect(form.status == .ok)
            #expect(form.body.contains("Signed in as maria"))
            let (status, _, _) = try await SingleHandoutTests.post(browser, examplePatient)
            #expect(status == .ok)
        }
        #expect(fixture.audit.contains("\"action\":\"sign-in-failed\""))
        #expect(fixture.audit.contains("\"user\":\"maria\""))
    }

    @Test func repeatedFailuresLockTheUserOutForTheLockoutOnly() async throws {
        let time = ManualClock()
        try await Self.fixture { $0.lockoutFailures = 3; $0.lockoutDuration = 900; $0.clock = time.clock }.run { client in
            let browser = Browser(client)
            try await browser.get("/login")
            for _ in 0..<3 { try await browser.post("/login", [("user", "maria"), ("password", "guess")]) }
            let locked = try await browser.post("/login", [("user", "maria"), ("password", "correct horse battery")])
            #expect(locked.status == .tooManyRequests)
            #expect(locked.body.contains("Too many failed sign-ins"))
            time.advance(by: 899)
            #expect(try await browser.post("/login", [("user", "maria"), ("password", "correct horse battery")]).status == .tooManyRequests)
            time.advance(by: 2)
            #expect(try await browser.post("/login", [("user", "maria"), ("password", "correct horse battery")]).status == .seeOther)
        }
    }

    @Test func anExpiredSessionIsRefused() async throws {
        let time = ManualClock()
        try await Self.fixture { $0.sessionLifetime = 60; $0.clock = time.clock }.run { client in
            let browser = Browser(client)
            try await browser.get("/login")
            try await browser.post("/login", [("user", "maria"), ("password", "correct horse battery")])
            #expect(try await browser.get("/").status == .ok)
            time.advance(by: 59)
            #expect(try await browser.get("/").status == .ok, "a request keeps the session alive")
            time.advance(by: 61)
            let expired = try await browser.post("/handout", examplePatient)
            #expect(expired.status == .forbidden)
            #expect(expired.body.contains("Your session has ended"))
            #expect(try await browser.get("/").status == .seeOther)
        }
    }

    @Test func aSignInWithoutTheCSRFTokenIsRefused() async throws {
        try await Self.fixture().run { client in
            let browser = Browser(client)
            try await browser.get("/login")
            let refused = try await browser.post("/login", [("user", "maria"), ("password", "correct horse battery")], csrf: false)
            #expect(refused.status == .forbidden)
        }
    }

    @Test func anotherHostNeedsTLSAndUsers() throws {
        #expect(throws: ServerSetupError.needsTLS(host: "0.0.0.0")) { try ServerSettings(rendererCommand: ServerFixture.renderer, host: "0.0.0.0").validate() }
        #expect(throws: ServerSetupError.needsUsers(host: "0.0.0.0")) {
            try ServerSettings(rendererCommand: ServerFixture.renderer, host: "0.0.0.0", tls: .init(certificate: "c.pem", key: "k.pem")).validate()
        }
        try ServerSettings(rendererCommand: ServerFixture.renderer, host: "127.0.0.1").validate()
    }
}
