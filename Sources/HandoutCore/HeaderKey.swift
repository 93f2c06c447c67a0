/// What a column header says once its spelling is set aside: "Pt. DOB", "PATIENT_DOB",
/// "Patient D.O.B." and "PatientDateOfBirth" are all `patientdateofbirth`. Headers are compared by
/// this key, so one spelling in the EHR table stands for all the ways exports write it.
public enum HeaderKey {
    /// The abbreviations export writers use, each as the word it stands for.
    static let abbreviations: [String: String] = [
        "pt": "patient", "appt": "appointment", "prvdr": "provider", "prov": "provider", "schdlg": "scheduling",
        "dob": "dateofbirth", "no": "number", "num": "number", "nbr": "number", "nr": "number", "#": "number",
        "dept": "department", "svc": "service", "rndrng": "rendering", "addr": "address", "lang": "language",
        "phys": "physician", "acct": "account", "dt": "date", "loc": "location", "pref": "preferred",
    ]

    /// The header's words, lowercased, abbreviations spelled out, run together.
    public static func normalize(_ header: String) -> String {
        var joined: [String] = []
        // Whether the last word is letters standing alone: "D.O.B." and "D O B" are one word, as "DOB" is.
        var lastIsInitials = false
        for word in words(of: header) {
            let isInitial = word.count == 1 && word != "#"
            if isInitial && lastIsInitials {
                joined[joined.count - 1] += word
            } else {
                joined.append(word)
                lastIsInitials = isInitial
            }
        }
        return joined.map { abbreviations[$0] ?? $0 }.joined()
    }

    /// The words of a header: split at anything not a letter or digit, and where camel case
    /// starts a word ("PatientDOB", "apptDate"); `#` is a word of its own ("Chart #").
    static func words(of header: String) -> [String] {
        var words: [String] = []
        var current = ""
        var previous: Character?
        func finish() {
            if !current.isEmpty { words.append(current.lowercased()) }
            current = ""
        }
        let characters = Array(header)
        for (offset, character) in characters.enumerated() {
            if character == "#" {
                finish()
                words.append("#")
            } else if character.isLetter || character.isNumber {
                let next = offset + 1 < characters.count ? characters[offset + 1] : nil
                if let previous, character.isUppercase,
                   previous.isLowercase || (previous.isUppercase && next?.isLowercase == true) {
                    finish()
                }
                current.append(character)
            } else {
                finish()
            }
            previous = character.isLetter || character.isNumber ? character : nil
        }
        finish()
        return words
    }
}
