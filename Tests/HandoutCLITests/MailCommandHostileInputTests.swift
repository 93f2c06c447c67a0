import Foundation
import HandoutBatch
import HandoutTestSupport
import Testing
import HandoutSupport

extension MailCommandTests {
    /// `handout mail` on inputs a careless or hostile export gives: each test makes the batch it needs.
    @Suite struct HostileInput {
        let scratch = Scratch()
        let from = "Riverside Spine <care@riverside-spine.example.org>"
        var out: String { scratch.path + "/out" }
        var outbox: String { scratch.path + "/outbox" }

        /// `handout mail` into an outbox: builds every message, sends nothing.
        private func mail(_ csv: String, _ extra: [String] = []) throws -> CLI.Result {
            try CLI.handout(["mail", "--batch", out, "--csv", csv, "--from", from, "--clinic", CLI.clinic, "--outbox", outbox] + extra)
        }

        private func written() -> [String] { scratch.files(in: "outbox") }

        @Test func everyShardsManifestIsRead() throws {
            let csv = CLI.examples + "/patients.csv"
            for shard in ["0/2", "1/2"] {
                let made = try CLI.batch(csv, out, ["--shard", shard, "--jobs", "1"])
                #expect(made.status == 0, "\(made.stderr)")
            }
            #expect(scratch.files(in: "out").filter { $0.hasPrefix("manifest") } == ["manifest-0-of-2.csv", "manifest-1-of-2.csv"])
            let result = try mail(csv)
            #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
            #expect(result.stdout.contains("written 19, 1 without an email, 0 not mailable, 0 without a handout"))
            #expect(written().count == 19)
        }

        /// A batch folder from before the warnings and previews columns is mailed as it is.
        @Test func aManifestWithoutTheWarningsColumnIsStillRead() throws {
            let csv = CLI.examples + "/patients.csv"
            #expect(try CLI.batch(csv, out, ["--jobs", "1"]).status == 0)
            let manifest = out + "/manifest.csv"
            let lines = try String(contentsOfFile: manifest, encoding: .utf8).split(separator: "\n")
            #expect(lines[0].hasSuffix(",error,warnings,previews,topic,language,content_version,reads_sha256"))
            // The ids, digests and errors of the example hold no comma: the last six cells are the newer columns.
            let older = lines.map { $0.split(separator: ",", omittingEmptySubsequences: false).dropLast(6).joined(separator: ",") }
            try FileManager.default.removeItem(atPath: manifest)
            scratch.write("out/manifest.csv", older.joined(separator: "\n") + "\n")
            let result = try mail(csv)
            #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
            #expect(result.stdout.contains("written 19, 1 without an email, 0 not mailable, 0 without a handout"))
        }

        @Test func manifestsThatDisagreeAreNotGuessedBetween() throws {
            // An older unsharded run and a newer sharded one in the same folder.
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
            let csv = scratch.write("patients.csv", "Patient ID,First Name,Last Name,DOB,Email\n"
                + ["A", "B", "C", "D"].map { "\($0),Given,Family,1960-01-01,\($0.lowercased())@example.org\n" }.joined())
            var checksums: [String: String] = [:]
            for id in ["A", "B", "C", "D"] {
                let pdf = Data("%PDF-1.7 handout of \(id)\n%%EOF\n".utf8)
                try pdf.write(to: URL(fileURLWithPath: "\(out)/\(id).pdf"))
                checksums[id] = SHA256Hex.of(pdf)
            }
            func manifest(_ name: String, _ rows: [ManifestEntry]) throws {
                let writer = try ManifestWriter(path: "\(out)/\(name)", append: false)
                for row in rows { try writer.append(row) }
            }
            func ok(_ id: String, _ line: Int, _ checksum: String? = nil) -> ManifestEntry {
                ManifestEntry(id: id, line: line, status: .ok, file: "\(id).pdf", pages: 1, bytes: 30, sha256: checksum ?? checksums[id]!)
            }
            try manifest("manifest.csv", [ok("A", 2), ok("B", 3), ok("C", 4, String(repeating: "0", count: 64)), ok("D", 5)])
            try manifest("manifest-0-of-2.csv", [ok("A", 2), ManifestEntry(id: "C", line: 4, status: .failed, error: "x")])
            try manifest("manifest-1-of-2.csv", [ok("B", 3), ok("D", 5, String(repeating: "1", count: 64))])
            let result = try mail(csv)
            #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
            #expect(written() == ["A.eml", "B.eml"])
            for (id, line) in [("C", 4), ("D", 5)] {
                #expect(result.stderr.contains("patients.csv:\(line): id \(id): the manifests in \(out) disagree about its handout"))
            }
        }

        @Test func aRepeatedIDFailsOnlyItsRows() throws {
            let csv = scratch.write("patients.csv", try String(contentsOfFile: CLI.examples + "/patients.csv", encoding: .utf8)
                + "\"P-000101\",\"Mallory\",\"Intruder\",\"1970-01-01\",\"\",\"mallory@evil.example\",\"\",\"\",\"\",\"\",\"\"\n"
                + "\"p-000101\",\"Mallory\",\"Intruder\",\"1970-01-01\",\"\",\"mallory2@evil.example\",\"\",\"\",\"\",\"\",\"\"\n")
            _ = try CLI.batch(csv, out)
            let result = try mail(csv)
            #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
            #expect(result.stderr.contains("patients.csv:23: id P-000101: column 'Patient ID' is a duplicate of line 2; not mailed"))
            #expect(result.stderr.contains("patients.csv:24: id p-000101: column 'Patient ID' is a duplicate of line 2; not mailed"))
            #expect(result.stdout.contains("written 19, 1 without an email, 0 not mailable, 2 without a handout"))
            #expect(written().count == 19)
            for name in written() {
                let message = try String(contentsOfFile: outbox + "/" + name, encoding: .utf8)
                #expect(!message.contains("evil.example"), "\(name) went to the repeated row's address")
            }
            let own = try String(contentsOfFile: outbox + "/P-000101.eml", encoding: .utf8)
            #expect(own.contains("To: mj.garcia@example.org"))
        }

        /// Every way a row can go wrong, each cell holding a value that must never be printed.
        @Test func noMessageEchoesACell() throws {
            // Every name, address and MRN holds "leak"; the birth dates are all different.
            let secrets = ["leak", "1957-11-23", "1961-02-30", "1944-07-04", "1969-09-09", "1977-07-17", "1988-08-08", "1999-01-31"]
            let rows = [
                "H-001,Leakgiven,Leakfamily,1957-11-23,MRN-LEAK1,leak.ok@example.org",
                "H-002,Leakgiven,Leakfamily,1961-02-30,MRN-LEAK2,leak.baddate@example.org",
                "H-003,Leakgiven,Leakfamily,1944-07-04,MRN-LEAK3,leak-not-an-address",
                "H-004,Leakgiven,Leakfamily,1969-09-09,MRN-LEAK4,jos\u{e9}.leak@example.org",
                "H-005,Leakgiven,Leakfamily,1977-07-17,MRN-LEAK5,leak..dots@example.org",
                "H-006,Leakgiven,Leakfamily,1977-07-17,MRN-LEAK6,=?utf-8?q?=0D=0Aleak?=@example.org",
                "../H-007-leakid,Leakgiven,Leakfamily,1988-08-08,MRN-LEAK7,leak.id@example.org",
                // A stray quote: the id becomes two whole rows.
                "\"H-008,Leakstray,Leakfamily,1999-01-31,MRN-LEAK8,leak.stray@example.org\nH-009,Leakstray,Leakfamily,1999-01-31,MRN-LEAK9,leak.stray2@example.org\",Leakgiven,Leakfamily,1999-01-31,MRN-LEAK10,leak.stray3@example.org",
                "H-001,Leakgiven,Leakfamily,1957-11-23,MRN-LEAK11,leak.dup@example.org",
                "H-010,Leaknoemail,Leakfamily,1957-11-23,MRN-LEAK12,",
            ]
            let csv = scratch.write("patients.csv", "Patient ID,First Name,Last Name,DOB,MRN,Email\n" + rows.joined(separator: "\n") + "\n")
            _ = try CLI.batch(csv, out)
            for result in [try mail(csv), try CLI.handout(["mail", "--batch", out, "--csv", csv, "--from", from, "--clinic", CLI.clinic, "--dry-run"])] {
                #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
                let printed = result.stdout + result.stderr
                for secret in secrets {
                    #expect(!printed.lowercased().contains(secret), "a cell was printed: \(printed)")
                }
                // Each problem is still reported, by line and id.
                for id in ["H-002", "H-003", "H-004", "H-005", "H-006", "H-010"] {
                    #expect(printed.contains(id), "\(id) is not reported")
                }
                #expect(printed.contains("patients.csv:8: column 'Patient ID' contains a path separator"))
                #expect(printed.contains("patients.csv:9: column 'Patient ID'"))
                #expect(printed.contains("id H-001: column 'Patient ID' is a duplicate of line 2"))
            }
            #expect(written() == ["H-001.eml"])
        }

        @Test(arguments: [
            ("Clinic\r\nBcc: x@evil.example <care@clinic.example>", "a line break (CR or LF)"),
            ("=?utf-8?q?Clinic=0D=0ABcc:_x@evil.example?= <care@clinic.example>", "an encoded word (=?...?=)"),
            ("\"=?UTF-8?Q?Clinic=0ABcc:_x@evil.example?=\" <care@clinic.example>", "an encoded word (=?...?=)"),
            ("=?utf-8?b?Q2xpbmljDQpCY2M6IHhAZXZpbC5leGFtcGxl?= <care@clinic.example>", "an encoded word (=?...?=)"),
            ("=?utf-8?q?Clinic=00?= <care@clinic.example>", "an encoded word (=?...?=)"),
        ])
        func aHostileFromIsRefusedBeforeAnythingIsRead(_ hostile: String, _ reason: String) throws {
            let result = try CLI.handout(["mail", "--batch", out, "--csv", CLI.examples + "/patients.csv", "--from", hostile, "--clinic", CLI.clinic, "--dry-run"])
            #expect(result.status == 2)
            #expect(result.stderr.contains(reason), "\(result.stderr)")
            #expect(!result.stderr.contains("evil.example"))
        }
    }
}
