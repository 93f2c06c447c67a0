import HandoutCore
import Testing

/// A clinician as EHRs write them ("Last, First Credentials") printed as a patient reads them;
/// every other shape, and every shape that could be read two ways, as written.
struct ClinicianNameTests {
    @Test(arguments: [
        ("Raman, Priya MD", "Priya Raman, MD"),
        ("Smith, John A. MD, PhD", "John A. Smith, MD, PhD"),
        ("Smith, John", "John Smith"),
        ("Smith MD, John", "John Smith, MD"),
        ("Raman, Priya M.D.", "Priya Raman, M.D."),
        ("Raman, Priya MD FACS", "Priya Raman, MD, FACS"),
        ("Lee, Ann PA-C", "Ann Lee, PA-C"),
        ("Okafor, Chinwe FNP-C, DNP", "Chinwe Okafor, FNP-C, DNP"),
        ("De La Cruz, Maria Elena NP", "Maria Elena De La Cruz, NP"),
        ("Smith, John Jr. MD", "John Smith Jr., MD"),
        ("Do, Anh", "Anh Do"),
        ("Do, Anh DO", "Anh Do, DO"),
        // "Do" is a name here: credentials count as written or in capitals only.
        ("Nguyen, Van Do", "Van Do Nguyen"),
        // The export's casing is kept: a name is not recased by guess.
        ("RAMAN, PRIYA MD", "PRIYA RAMAN, MD"),
        ("RAMAN, PRIYA", "PRIYA RAMAN"),
        ("SMITH, JOHN PHD", "JOHN SMITH, PHD"),
    ])
    func lastFirstIsTurnedAround(written: String, printed: String) {
        #expect(ClinicianName.display(written) == printed)
    }

    @Test(arguments: [
        "Priya Raman, MD",            // First Last, Credential already
        "Dr. Smith, MD",
        "Dr. Priya Raman",
        "Priya Raman",
        "Raman",
        "Smith, John, Spine Center",   // two commas, and the last part is no credential
        "Smith, MD, PhD",             // a name, then credentials
        "Dr. Smith, John",            // a title before the family name: not this shape
        "Smith, Dr. John",
        "Smith, MD John",             // a credential amid the name
        "Smith,, MD",
        ", John",
        "Smith,",
        "Dr. Smith, MD Spine Center",
    ])
    func otherShapesStayAsWritten(_ written: String) {
        #expect(ClinicianName.display(written) == written)
    }
}
