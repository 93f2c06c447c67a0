import HandoutRequest
import NIOCore
import Testing

@Suite struct FormFieldsTests {
    @Test func urlEncodedFieldsRepeatAndDecode() throws {
        let form = try FormFields.urlEncoded(ByteBuffer(string: "a=1&factors=x&factors=y&name=Mar%C3%ADa+G&empty=&bare"))
        #expect(form["a"] == "1")
        #expect(form.all("factors") == ["x", "y"])
        #expect(form["name"] == "María G")
        #expect(form["empty"] == "")
        #expect(form["bare"] == "")
    }

    @Test(arguments: ["a=%", "a=%4", "a=%zz", "a=%C3", "%FF=1"])
    func brokenPercentEncodingIsAnError(_ body: String) {
        #expect(throws: FormError.malformed) { try FormFields.urlEncoded(ByteBuffer(string: body)) }
    }

    @Test func tooManyFieldsIsAnError() {
        let body = (0...FormFields.maximumFields).map { "f\($0)=1" }.joined(separator: "&")
        #expect(throws: FormError.tooManyFields) { try FormFields.urlEncoded(ByteBuffer(string: body)) }
    }

    @Test func multipartFieldsAndFiles() throws {
        let body = "--B\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\ntoken\r\n"
            + "--B\r\nContent-Disposition: form-data; name=\"csv\"; filename=\"a;b \\\"x\\\".csv\"\r\nContent-Type: text/csv\r\n\r\nid,name\r\n1,A\r\n"
            + "--B--\r\n"
        let form = try FormFields.multipart(ByteBuffer(string: body), boundary: "B")
        #expect(form["csrf"] == "token")
        #expect(form.file("csv").map(Array.init) == Array("id,name\r\n1,A".utf8))
    }

    /// The body that once ended the server: a part with no headers at all.
    @Test(arguments: [
        "--B\r\n\r\nx\r\n--B--",
        "--B\r\nContent-Type: text/plain\r\n\r\nx\r\n--B--",
        "--B\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nx\r\n--B--",
        "--B\r\nContent-Disposition: form-data\r\n\r\nx\r\n--B--",
        "--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx",
        "--B\r\nContent-Disposition form-data\r\n\r\nx\r\n--B--",
        "",
        "--B--",
        "no boundary here",
    ])
    func malformedMultipartIsAnError(_ body: String) {
        #expect(throws: FormError.self) { try FormFields.multipart(ByteBuffer(string: body), boundary: "B") }
    }

    @Test func boundaryOfAContentType() throws {
        #expect(try FormFields.boundary(contentType: "multipart/form-data; boundary=----x") == "----x")
        #expect(try FormFields.boundary(contentType: "Multipart/Form-Data; charset=utf-8; boundary=\"a b\"") == "a b")
        #expect(try FormFields.boundary(contentType: "application/x-www-form-urlencoded") == nil)
        #expect(throws: FormError.malformed) { try FormFields.boundary(contentType: "multipart/form-data") }
        #expect(throws: FormError.malformed) { try FormFields.boundary(contentType: "multipart/form-data; boundary=") }
        #expect(throws: FormError.malformed) { try FormFields.boundary(contentType: "multipart/form-data; boundary=" + String(repeating: "x", count: 71)) }
    }
}

@Suite struct CookieHeaderTests {
    @Test func findsTheNamedCookie() {
        #expect(CookieHeader.value(named: "s", in: ["a=1; s=abc; t=2"]) == "abc")
        #expect(CookieHeader.value(named: "s", in: ["a=1", " s = \"q\" "]) == "q")
        #expect(CookieHeader.value(named: "s", in: ["ss=1; as=2"]) == nil)
        #expect(CookieHeader.value(named: "s", in: [";;=;s"]) == nil)
        #expect(CookieHeader.value(named: "s", in: ["s=" + String(repeating: "x", count: 300)]) == nil)
    }
}

@Suite struct SiteNamesTests {
    let loopback = SiteNames(listening: "127.0.0.1", loopback: true, allowed: [])

    @Test func loopbackServerAnswersToItsOwnNamesOnly() {
        for host in ["127.0.0.1", "127.0.0.1:8080", "localhost:8080", "LOCALHOST", "[::1]:8080", "[::1]"] {
            #expect(loopback.accepts(host: host), "\(host)")
        }
        for host in ["attacker.example:8080", "127.0.0.1.attacker.example", "localhost.", "127.0.0.2", "", "[::1", "a b", "x@127.0.0.1",
                     "127.0.0.1:99999", "127.0.0.1:", "127.0.0.1:80x"] {
            #expect(!loopback.accepts(host: host), "\(host)")
        }
        #expect(!loopback.accepts(host: nil))
    }

    @Test func proxyNamesComeFromTheSettings() {
        let names = SiteNames(listening: "127.0.0.1", loopback: true, allowed: ["handout.clinic.example.org", "[2001:db8::7]"])
        #expect(names.accepts(host: "Handout.Clinic.Example.org"))
        #expect(names.accepts(host: "[2001:db8::7]:443"))
        #expect(!names.accepts(host: "clinic.example.org"))
        let wide = SiteNames(listening: "192.0.2.7", loopback: false, allowed: [])
        #expect(wide.accepts(host: "192.0.2.7:8443"))
        #expect(!wide.accepts(host: "localhost"))
    }

    @Test func stateChangesNeedTheirOwnOrigin() {
        #expect(loopback.isSameSite(host: "127.0.0.1:8080", origin: "http://127.0.0.1:8080", referer: nil))
        #expect(loopback.isSameSite(host: "127.0.0.1:8080", origin: nil, referer: "http://127.0.0.1:8080/batch?ui=en"))
        #expect(loopback.isSameSite(host: "localhost", origin: "http://localhost", referer: nil))
        #expect(!loopback.isSameSite(host: "127.0.0.1:8080", origin: "http://attacker.example", referer: nil))
        #expect(!loopback.isSameSite(host: "127.0.0.1:8080", origin: "http://127.0.0.1:9090", referer: nil))
        #expect(!loopback.isSameSite(host: "127.0.0.1:8080", origin: "http://localhost:8080", referer: nil))
        #expect(!loopback.isSameSite(host: "127.0.0.1:8080", origin: "null", referer: "http://127.0.0.1:8080/"))
        #expect(!loopback.isSameSite(host: "127.0.0.1:8080", origin: nil, referer: nil))
        #expect(!loopback.isSameSite(host: "127.0.0.1:8080", origin: "file://", referer: nil))
        #expect(!loopback.isSameSite(host: "attacker.example:8080", origin: "http://attacker.example:8080", referer: nil))
        #expect(!loopback.isSameSite(host: "127.0.0.1:8080", origin: nil, referer: "http://127.0.0.1:8080.attacker.example/"))
    }
}
