import Foundation
import HandoutTestSupport
import Testing

/// YAML aliases in a settings file: one as a key, or ones that expand without end, stop the run
/// at once (exit 2) at the alias's line, before Yams composes the file (which never finished).
@Suite struct ConfigurationAliasTests {
    let scratch = Scratch()

    /// `handout batch --check` with the settings `yaml`, stopped after 20 s (exit 124) if it spins.
    func check(_ yaml: String) throws -> (CLI.Result, String) {
        let config = scratch.write("handout.yaml", yaml)
        let result = try CLI.run("/usr/bin/timeout", ["-k", "5", "20", CLI.binary.path, "batch", CLI.examples + "/patients.csv", "--check", "--config", config])
        return (result, config)
    }

    /// Tens of a list of tens: each line ten times the one before.
    static func tenfold(_ levels: Int) -> String {
        var lines = ["l0: &l0 [x, x, x, x, x, x, x, x, x, x]"]
        for level in 1..<levels {
            lines.append("l\(level): &l\(level) [" + Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ", ") + "]")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func anAliasAsAKeyIsRefusedAtItsLine() throws {
        let (small, config) = try check("&a clinic: 1\n*a : 2\n")
        #expect(small.status == 2)
        #expect(small.stderr.contains("\(config):2:1: a key cannot be an alias (*name); write the key itself"), "\(small.stderr)")
        let (large, largeConfig) = try check(Self.tenfold(3) + "? *l2\n: 1\n")
        #expect(large.status == 2)
        #expect(large.stderr.contains("\(largeConfig):4:3: a key cannot be an alias (*name); write the key itself"), "\(large.stderr)")
    }

    /// Composing hashed this key, two hundred million values with its aliases expanded, for good.
    @Test func aliasesThatExpandWithoutEndAreRefusedAtOnce() throws {
        let started = Date()
        let (result, config) = try check(Self.tenfold(8) + "? [*l7, *l7]\n: 1\n")
        #expect(result.status == 2, "exit \(result.status): \(result.stderr)")
        #expect(result.stderr.contains("\(config):4:"), "\(result.stderr)")
        #expect(result.stderr.contains(": aliases (*name) here make more than 10000 values; write the settings out without them"))
        #expect(Date().timeIntervalSince(started) < 10)
    }

    @Test func aliasesWithinTheBudgetStillWork() throws {
        let (result, _) = try check(ConfigurationTests.clinic("Aliased Clinic") + "output-dir: out\nlanguages:\n  Spanish (Mexico): &es es\n  Mexican Spanish: *es\nmail:\n  from: &f \"Desk <desk@clinic.example>\"\n  reply-to: *f\n")
        #expect(result.status == 0, "\(result.stderr)")
    }
}
