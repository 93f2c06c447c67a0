import Foundation
import HandoutServer
import HandoutTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

/// The server on a real port: what only a real connection shows (another Host, clients that
/// send slowly to hold connections open, the connection cap).
@Suite struct LiveServerTests {
    static func live(_ adjust: @escaping (inout ServerSettings) -> Void = { _ in },
                     _ body: @escaping @Sendable (Int) async throws -> Void) async throws {
        let fixture = try ServerFixture { settings in
            settings.port = 0
            adjust(&settings)
        }
        let app = try await buildApplication(fixture.settings)
        try await app.test(.live) { client in
            try await body(try #require(client.port))
        }
    }

    @Test func aRequestUnderAnotherNameIsRefused() async throws {
        try await Self.live { port in
            let rebound = try RawConnection(port: port)
            rebound.send("GET / HTTP/1.1\r\nHost: attacker.example:\(port)\r\nConnection: close\r\n\r\n")
            let answer = await rebound.read(for: 10).text
            #expect(answer.hasPrefix("HTTP/1.1 421"))
            #expect(answer.contains("Content-Security-Policy:"))
            #expect(!answer.contains("name=\"csrf\""))
            let own = try RawConnection(port: port)
            own.send("GET / HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n")
            #expect(await own.read(for: 10).text.hasPrefix("HTTP/1.1 200"))
        }
    }

    /// A head sent a byte at a time never lets the connection be idle; its deadline ends it.
    @Test func aSlowHeadIsCutOff() async throws {
        try await Self.live({ $0.headTimeout = 1; $0.idleTimeout = 60 }) { port in
            let slow = try RawConnection(port: port)
            let start = Date()
            var open = true
            for character in "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: \(String(repeating: "a", count: 40))" where open {
                open = slow.send(String(character))
                if open { open = !(await slow.read(for: 0.2).closed) }
            }
            #expect(!open)
            #expect(Date().timeIntervalSince(start) < 8)
        }
    }

    /// A connection past the cap is closed unanswered; connections that send nothing hold the cap
    /// only until their head's deadline, and then a request is answered again.
    @Test func silentConnectionsCannotStarveTheServer() async throws {
        try await Self.live({ $0.headTimeout = 8; $0.idleTimeout = 60; $0.maximumConnections = 4 }) { port in
            let silent = try (0..<4).map { _ in try RawConnection(port: port) }
            // The four are counted once the server has them; a request on a fifth is then closed.
            var refused = (text: "", closed: false)
            for _ in 0..<50 where !refused.closed || !refused.text.isEmpty {
                let request = try RawConnection(port: port)
                request.send("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                refused = await request.read(for: 1)
            }
            #expect(refused.closed && refused.text.isEmpty)
            for connection in silent { #expect(await connection.read(for: 20).closed) }
            let request = try RawConnection(port: port)
            request.send("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            #expect(await request.read(for: 20).text.hasPrefix("HTTP/1.1 200"))
        }
    }
}
