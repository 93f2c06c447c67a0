import Foundation
import HandoutBatch
import HandoutTestSupport
import Testing

/// One export shaped like each EHR's (`Tests/Fixtures/ehr`: their header names, name forms, US
/// dates, separators and encodings: athenahealth's pipes in Windows-1252, eClinicalWorks' tabs in
/// UTF-16 with a line break inside a quoted clinician, NextGen's semicolons after a byte-order mark) through `batch` and then `mail`, with a real SMTP server and no `--map`: every row
/// is made, every patient gets an email, and the Spanish speakers get theirs in Spanish.
@Suite struct EachEHRsExportTests {
    let scratch = Scratch()
    static let exports = ["epic", "oracle-health", "athenahealth", "eclinicalworks", "nextgen", "veradigm", "advancedmd", "tebra", "practice-fusion"]
    static let folder = CLI.repository.appendingPathComponent("Tests/Fixtures/ehr").path

    /// Each row's email, and whether the row says the patient speaks Spanish, read by Python's
    /// csv module in the file's own encoding and separator.
    static func patients(in csv: String) throws -> [(email: String, spanish: Bool)] {
        let result = try CLI.run("/usr/bin/python3", ["-c", """
            import csv, io, json, sys
            data = open(sys.argv[1], "rb").read()
            for encoding in ("utf-16", "utf-8-sig", "cp1252"):
                if encoding == "utf-16" and not data.startswith((b"\\xff\\xfe", b"\\xfe\\xff")): continue
                try: text = data.decode(encoding); break
                except UnicodeDecodeError: pass
            dialect = csv.Sniffer().sniff(text.splitlines()[0], delimiters=",;\\t|")
            rows = list(csv.reader(io.StringIO(text, newline=""), dialect))[1:]
            print(json.dumps([[next(c for c in r if c.endswith("@example.org")), "Spanish" in r] for r in rows if r]))
            """, csv])
        let rows = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[Any]] ?? []
        return rows.map { ($0[0] as? String ?? "", $0[1] as? Bool ?? false) }
    }

    @Test func everyEHRsExportIsMadeAndMailedWithoutMapping() throws {
        let server = try SMTPTestServer(in: scratch.path)
        try "letmein\n".write(toFile: scratch.path + "/password", atomically: true, encoding: .utf8)
        var spanishAddresses: Set<String> = []
        var allAddresses: Set<String> = []
        for export in Self.exports {
            let csv = "\(Self.folder)/\(export).csv"
            let batch = "\(scratch.path)/\(export)"
            let patients = try Self.patients(in: csv)
            // The Spanish translation is not reviewed: this clinic gives it anyway, handout and email.
            let made = try CLI.batch(csv, batch, ["--jobs", "2", "--unreviewed-translations", "use"])
            #expect(made.status == 0, "\(export): \(made.stdout)\(made.stderr)")
            #expect(made.stdout.contains("\(patients.count) handouts, 0 failed"), "\(export): \(made.stdout)")
            #expect(made.stdout.contains("  warning: columns not used: \""), "\(export): \(made.stdout)")
            let manifest = try scratch.manifest(export)
            #expect(manifest.count == patients.count && manifest.allSatisfy { $0.status == .ok }, "\(export)")
            let spanishHandouts = try manifest.filter { try CLI.pdfText("\(batch)/\($0.file)", page: 1).contains("Fecha de nacimiento") }.count
            #expect(spanishHandouts == patients.filter(\.spanish).count, "\(export)")

            let mailed = try CLI.handout(["mail", "--batch", batch, "--csv", csv, "--clinic", CLI.clinic, "--unreviewed-translations", "use",
                                          "--from", "Riverside Spine <care@riverside-spine.example.org>",
                                          "--smtp", "smtp://localhost:\(server.port)", "--ca-file", server.caFile,
                                          "--user", "care", "--password-file", scratch.path + "/password"])
            #expect(mailed.status == 0, "\(export): \(mailed.stdout)\(mailed.stderr)")
            #expect(mailed.stdout.contains("sent \(patients.count)") && mailed.stdout.contains("warning: columns not used: \""),
                    "\(export): \(mailed.stdout)")
            allAddresses.formUnion(patients.map(\.email))
            spanishAddresses.formUnion(patients.filter(\.spanish).map(\.email))
        }
        let received = try server.received()
        #expect(received.count == allAddresses.count)
        #expect(Set(received.flatMap(\.recipients)) == allAddresses)
        for (recipients, message) in received {
            let spanish = spanishAddresses.contains(recipients[0])
            #expect(message.contains(spanish ? "Subject: Su folleto de" : "Subject: Your handout from"), "\(recipients[0])")
        }
    }

    @Test func checkSaysHowTheNameIsSplitAndWhichColumnsAreNotUsed() throws {
        let result = try CLI.batch(Self.folder + "/epic.csv", scratch.path + "/out", ["--check"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        // Without an id column, the MRN is the record's id.
        #expect(result.stdout.hasPrefix("read as: comma-separated, UTF-8\ndates read as MM/dd/yyyy (the file's own dates; set date-format: to choose)\ncolumn \"MRN\" -> id\ncolumn \"MRN\" -> mrn\ncolumn \"DOB\" -> birthDate\n"), "\(result.stdout)")
        #expect(result.stdout.contains("""
            column "Patient Name" -> name (given and family names, "Last, First" when there is a comma, else "First Last")
            not used: "Visit Type"
            4 of 4 rows can be made
            """), "\(result.stdout)")
    }

    @Test func theSettingsFileAddsSpellingsOneOrAListAndOneNoColumnHasIsFine() throws {
        let csv = scratch.write("export.csv", "Chart Key,Nombre,Apellido,Nacimiento,Correo,Seguro\nK1,Ana,Ruiz,04/17/1961,ana@example.org,Medicare\n")
        let config = scratch.write("handout.yaml", """
            columns:
              id: [Patient Key, Chart Key]
              givenName: Nombre
              familyName:
                - Apellido
              birthDate: "Nacimiento"
              email: [Correo Electronico, Correo]
              mrn: Expediente
            date-format: MM/dd/yyyy

            """)
        let checked = try CLI.batch(csv, scratch.path + "/out", ["--check", "--config", config])
        #expect(checked.status == 0, "\(checked.stdout)\(checked.stderr)")
        #expect(checked.stdout.hasPrefix("""
            read as: comma-separated, UTF-8
            column "Chart Key" -> id
            column "Nombre" -> givenName
            column "Apellido" -> familyName
            column "Nacimiento" -> birthDate
            column "Correo" -> email
            not used: "Seguro"
            1 of 1 rows can be made
            """), "\(checked.stdout)")
        // --map stays strict: a header it names must be there.
        let mapped = try CLI.batch(csv, scratch.path + "/out", ["--check", "--config", config, "--map", "mrn=Expediente"])
        #expect(mapped.status == 2, "\(mapped.stdout)\(mapped.stderr)")
        #expect(mapped.stderr.contains("Expediente"), "\(mapped.stderr)")
    }
}
