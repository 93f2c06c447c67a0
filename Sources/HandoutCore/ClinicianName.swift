import Foundation

/// A clinician as an EHR export writes them ("Raman, Priya MD"), as a patient reads them ("Priya
/// Raman, MD"). Only the "Last, First Credentials" shape is turned around; a value of any other
/// shape, or one that could be read two ways, is printed as written, in the export's casing.
public enum ClinicianName {
    /// Degrees, licences and fellowships written after a clinician's name, without their periods
    /// ("M.D." is "MD"). Matched as written or in capitals ("PHD"), never in other casings: "Do"
    /// and "Ma" are family names.
    static let credentials: Set<String> = [
        "MD", "DO", "MBBS", "MBChB", "PhD", "PharmD", "PsyD", "DPM", "DDS", "DMD", "OD", "DC", "DPT", "PT", "OT", "OTR",
        "OTR/L", "PA", "PA-C", "NP", "NP-C", "FNP", "FNP-C", "FNP-BC", "ANP", "ANP-BC", "AGNP", "AGNP-C", "AGACNP-BC",
        "ACNP", "ACNP-BC", "CNP", "CRNP", "APRN", "APN", "CNS", "CRNA", "CNM", "RN", "BSN", "MSN", "DNP", "LPN", "LVN",
        "MA", "MS", "MPH", "MBA", "MSc", "ATC", "LCSW", "LMFT", "LPC", "RD", "RDN", "FACS", "FAAOS", "FACP", "FAAFP",
        "FACC", "FAAN", "FAAP", "FACOG", "FAANS", "FAAPMR", "FIPP", "FRCS", "FRCSC", "FRCPC", "DABPM", "DABA",
    ]

    static let capitalCredentials = Set(credentials.map { $0.uppercased() })

    /// Written before a name: a value starting with one is left as written.
    static let titles: Set<String> = ["dr", "prof", "mr", "mrs", "ms", "miss", "mx"]

    /// Written after a given name, and put after the family name ("Smith, John Jr." → "John Smith Jr.").
    static let suffixes: Set<String> = ["jr", "sr", "ii", "iii", "iv"]

    /// "Raman, Priya MD" → "Priya Raman, MD"; "Smith, John A. MD, PhD" → "John A. Smith, MD, PhD";
    /// "Smith, John" → "John Smith"; "Smith MD, John" → "John Smith, MD". "Priya Raman, MD",
    /// "Dr. Smith, MD" and "Smith, John, Spine Center" stay as they are.
    public static func display(_ written: String) -> String {
        let parts = written.split(separator: ",", omittingEmptySubsequences: false).map { $0.split(separator: " ").map(String.init) }
        guard parts.count >= 2, parts.allSatisfy({ !$0.isEmpty }) else { return written }
        let (family, familyCredentials) = trailingCredentials(parts[0])
        let (given, givenCredentials) = trailingCredentials(parts[1])
        let later = parts.dropFirst(2)
        guard !family.isEmpty, !given.isEmpty, !(family + given).contains(where: isCredential),
              !isTitle(family[0]), !isTitle(given[0]), later.allSatisfy({ $0.allSatisfy(isCredential) }) else { return written }
        let suffixCount = given.reversed().prefix(while: isSuffix).count
        let name = (given.dropLast(suffixCount) + family + given.suffix(suffixCount)).joined(separator: " ")
        let credentials = familyCredentials + givenCredentials + later.map { $0.joined(separator: " ") }
        return ([name] + credentials).joined(separator: ", ")
    }

    /// A part's words, and the credentials that end it.
    private static func trailingCredentials(_ words: [String]) -> (words: [String], credentials: [String]) {
        let count = words.reversed().prefix(while: isCredential).count
        return (Array(words.dropLast(count)), Array(words.suffix(count)))
    }

    static func isCredential(_ word: String) -> Bool {
        let bare = word.replacingOccurrences(of: ".", with: "")
        return credentials.contains(bare) || capitalCredentials.contains(bare)
    }

    private static let period = CharacterSet(charactersIn: ".")

    private static func isTitle(_ word: String) -> Bool {
        titles.contains(word.lowercased().trimmingCharacters(in: period))
    }

    private static func isSuffix(_ word: String) -> Bool {
        suffixes.contains(word.lowercased().trimmingCharacters(in: period))
    }
}
