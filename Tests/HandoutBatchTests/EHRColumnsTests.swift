import Foundation
import HandoutBatch
import HandoutCore
import HandoutTestSupport
import Testing

/// The EHRs' column names: the header key, the built-in table, and each EHR-shaped export's
/// header row (`Tests/Fixtures/ehr`) mapped field by field with nothing dropped silently.
@Suite struct EHRColumnsTests {
    @Test(arguments: [
        (["Pt. DOB", "PATIENT_DOB", "Patient D.O.B.", "PatientDOB", "patient date of birth", "Pt (DOB):"], "patientdateofbirth"),
        (["Account No", "Account #", "Acct. Nbr", "ACCOUNT_NUM", "account number"], "accountnumber"),
        (["Appt Schdlg Prvdr", "Appointment Scheduling Provider", "APPT_SCHDLG_PRVDR"], "appointmentschedulingprovider"),
        (["Svc Dept", "Service Department", "SVC-DEPT"], "servicedepartment"),
        (["E-mail ID", "Email ID", "e_mail_id", "EMailID"], "emailid"),
        (["Rndrng Prvdr", "Rendering Provider"], "renderingprovider"),
        (["Chart #", "Chart No.", "chart number"], "chartnumber"),
        (["appointmentDate", "Appt Dt", "appointment_date"], "appointmentdate"),
        (["clinic.afterHoursPhone", "Clinic After-Hours Phone"], "clinicafterhoursphone"),
    ])
    func spellingsOfOneHeaderHaveOneKey(spellings: [String], key: String) {
        for spelling in spellings { #expect(HeaderKey.normalize(spelling) == key, "\(spelling)") }
    }

    @Test func wordsThatAreNotAbbreviationsStayWhole() {
        #expect(HeaderKey.normalize("Notes") == "notes")
        #expect(HeaderKey.normalize("Phone 2") == "phone2")
        #expect(HeaderKey.normalize("Address Line 1") == "addressline1")
        #expect(HeaderKey.normalize("No Show") == "numbershow")
        #expect(HeaderKey.normalize("Dt Of Birth") == HeaderKey.normalize("DOB"))
    }

    @Test func theTableNamesEachSpellingForOneFieldAndEveryFieldHasOne() {
        let table = ColumnSpellings.builtIn
        var fieldOf: [String: String] = [:]
        for (key, field) in table.keys {
            let name = field?.flatName ?? "name"
            #expect(fieldOf[key] == nil || fieldOf[key] == name, "\(key) is both \(fieldOf[key] ?? "") and \(name)")
            fieldOf[key] = name
        }
        for field in PatientField.allCases { #expect(!table.fields[field, default: []].isEmpty, "\(field.flatName)") }
        #expect(table.fullName.contains("Patient Name"))
    }

    /// What each EHR-shaped export's header row maps to: every field it has, the whole-name
    /// column when there is one, and the columns no field uses.
    static let exports: [(file: String, fields: [PatientField: String], fullName: String?, unused: [String])] = [
        ("epic.csv", [.id: "MRN", .mrn: "MRN", .birthDate: "DOB", .appointmentDate: "Appt Date", .appointmentTime: "Appt Time",
                      .appointmentPlace: "Visit Department", .clinician: "Visit Provider", .language: "Patient Preferred Language",
                      .email: "Patient E-mail"], "Patient Name", ["Visit Type"]),
        ("oracle-health.csv", [.id: "Person ID", .mrn: "MRN", .birthDate: "Birth Date", .language: "Primary Language", .email: "Email Address",
                               .appointmentDate: "Encounter Date", .appointmentTime: "Appointment Time", .clinician: "Attending Physician",
                               .appointmentPlace: "Encounter Location"], "Patient Name", ["FIN"]),
        ("athenahealth.csv", [.id: "Patient ID", .givenName: "Patient First Name", .familyName: "Patient Last Name", .birthDate: "Patient DOB",
                              .appointmentDate: "Appt Date", .appointmentTime: "Appt Time", .appointmentPlace: "Svc Dept",
                              .clinician: "Appt Schdlg Prvdr", .language: "Patient Language", .email: "Patient Email"],
         nil, ["Rndrng Prvdr", "Appt Type"]),
        ("eclinicalworks.csv", [.id: "Account No", .birthDate: "DOB", .appointmentDate: "Appointment Date", .appointmentTime: "Start Time",
                                .clinician: "Provider Name", .appointmentPlace: "Facility Name", .email: "E-mail ID", .language: "Language"],
         "Patient Name", ["Visit Type"]),
        ("nextgen.csv", [.id: "Person Nbr", .mrn: "Med Rec Nbr", .birthDate: "DOB", .appointmentDate: "Appt Date", .appointmentTime: "Begin Time",
                         .clinician: "Resource", .appointmentPlace: "Location Name", .language: "Primary Language", .email: "Email Address"],
         "Patient Name", ["Event"]),
        ("veradigm.csv", [.id: "Patient Number", .mrn: "Chart Number", .familyName: "Patient Last Name", .givenName: "Patient First Name",
                          .birthDate: "Patient Birth Date", .appointmentDate: "Appointment Date", .appointmentTime: "Appointment Time",
                          .clinician: "Provider", .appointmentPlace: "Appointment Location", .language: "Patient Primary Language",
                          .email: "Patient Email Address"], nil, ["Insurance"]),
        ("advancedmd.csv", [.id: "Chart #", .mrn: "Chart #", .familyName: "Patient Last Name", .givenName: "Patient First Name", .birthDate: "DOB",
                            .appointmentDate: "Appt Date", .appointmentTime: "Appointment Start Time", .clinician: "Appointment Provider",
                            .appointmentPlace: "Facility", .email: "Patient Email Address", .language: "Preferred Language"], nil, ["Copay"]),
        ("tebra.csv", [.id: "Patient ID", .givenName: "Patient First Name", .familyName: "Patient Last Name", .birthDate: "Patient DOB",
                       .appointmentDate: "Start Date", .appointmentTime: "Start Time", .clinician: "Resource", .appointmentPlace: "Service Location",
                       .language: "Preferred Language", .email: "Patient Email"], nil, ["Appointment Reason"]),
        ("practice-fusion.csv", [.id: "PRN", .mrn: "PRN", .birthDate: "DOB", .appointmentDate: "Appointment Start Date",
                                 .appointmentTime: "Appointment Start Time", .clinician: "Provider", .appointmentPlace: "Location",
                                 .email: "Primary Email", .language: "Preferred Language"], "Patient", ["Appointment Type"]),
    ]

    @Test(arguments: exports.indices)
    func eachEHRsHeaderRowMapsEveryFieldItHas(_ export: Int) throws {
        let (file, fields, fullName, unused) = Self.exports[export]
        let path = CLI.repository.appendingPathComponent("Tests/Fixtures/ehr/\(file)").path
        let headers = try #require(try RecordSources.open(path: path).headers)
        let map = try ColumnMap(headers: headers, source: file)
        #expect(map.index.mapValues { headers[$0] } == fields, "\(file)")
        #expect(map.fullNameIndex.map { headers[$0] } == fullName, "\(file)")
        #expect(map.unusedColumns == unused, "\(file)")
    }

    @Test func theFirstSpellingListedWinsAndTheOtherColumnIsNotUsed() throws {
        let map = try ColumnMap(headers: ["ID", "First Name", "given_name", "Last Name", "DOB"], source: "p.csv")
        #expect(map.index[.givenName] == 1)
        #expect(map.unusedColumns == ["given_name"])
        #expect(map.unusedColumnsLine() == "not used: \"given_name\"")
        // One spelling twice is ambiguous.
        #expect(throws: BatchError.ambiguousColumn(path: "p.csv", field: "birthDate", headers: ["DOB", "D.O.B."])) {
            try ColumnMap(headers: ["ID", "First Name", "Last Name", "DOB", "D.O.B."], source: "p.csv")
        }
    }

    @Test func theClinicsSpellingsComeFirstAndMayBeMissing() throws {
        var overrides = ColumnOverrides()
        overrides.spellings = ColumnSpellings(fields: [.email: ["Portal Login", "Correo"], .id: ["Chart Key"]], fullName: ["Pt Nm"])
        let map = try ColumnMap(headers: ["Patient ID", "PT_NM", "DOB", "Email", "correo"], overrides: overrides, source: "p.csv")
        // No "Portal Login" and no "Chart Key" column: the next spelling, then the table.
        #expect(map.index[.email] == 4 && map.index[.id] == 0 && map.fullNameIndex == 1)
        #expect(map.unusedColumns == ["Email"])
        #expect(map.fullNameLine(format: .auto) == "column \"PT_NM\" -> name (given and family names, \"Last, First\" when there is a comma, else \"First Last\")")
    }

    @Test func anMRNIsTheRecordIdOnlyWhenThereIsNoIdColumn() throws {
        let withoutId = try ColumnMap(headers: ["MRN", "Patient Name", "DOB"], source: "p.csv")
        #expect(withoutId.index[.id] == 0 && withoutId.index[.mrn] == 0)
        let withId = try ColumnMap(headers: ["MRN", "Patient ID", "Patient Name", "DOB"], source: "p.csv")
        #expect(withId.index[.id] == 1 && withId.index[.mrn] == 0)
    }

    @Test func theMapStaysStrict() {
        var overrides: ColumnOverrides = [.email: "Portal Login"]
        overrides.spellings = ColumnSpellings(fields: [.email: ["Portal Login"]])
        #expect(throws: BatchError.mappedHeaderNotFound(field: "email", header: "Portal Login", found: ["Patient ID", "Name", "DOB"])) {
            try ColumnMap(headers: ["Patient ID", "Name", "DOB"], overrides: overrides, source: "p.csv")
        }
    }
}
