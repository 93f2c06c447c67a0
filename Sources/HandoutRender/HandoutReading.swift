import Foundation
import HandoutBatch
import HandoutCore

/// What each patient's handout tells (`HandoutFacts`): its topic, language and content version,
/// and a digest of what the patient reads, the options' part worked out once per content choice.
///
/// Sendable by its lock: `undated` is read and written only while `lock` is held.
public final class HandoutReading: @unchecked Sendable {
    private let languages: LanguageOptions
    /// Keys a digest for the manifest (the ledger's ``readsDigest``): an unkeyed digest of a
    /// record would let whoever reads the manifest confirm a guessed birth date.
    private let seal: @Sendable (String) -> String
    private let lock = NSLock()
    private var undated: [ContentChoice: (facts: HandoutFacts, digest: String)] = [:]
    /// Stands for every run's day in the digest: the day printed on a handout is not what it tells.
    private static let anyDay = CalendarDate(year: 2000, month: 1, day: 1)!

    public init(languages: LanguageOptions, seal: @escaping @Sendable (String) -> String) {
        self.languages = languages
        self.seal = seal
    }

    /// `record`: the record's unkeyed digest (`SourceDigest` of the patient and its password).
    /// Empty facts when the options cannot be loaded (the record fails then).
    public func facts(for patient: PatientProfile, record: String) -> HandoutFacts {
        guard let resolved = try? languages.options(for: patient, source: "") else { return HandoutFacts() }
        let (choice, options) = resolved
        let (facts, digest) = lock.withLock {
            if let known = undated[choice] { return known }
            var shaping = LanguageOptions.shaping(options)
            (shaping.date, shaping.printedOn) = (Self.anyDay, nil)
            let known = (HandoutFacts(topic: choice.topic, language: choice.language, contentVersion: options.comparison.version),
                         SourceDigest.of(choice.topic, choice.language, shaping))
            undated[choice] = known
            return known
        }
        var sealed = facts
        sealed.readsSHA256 = seal(SourceDigest.of(record, digest))
        return sealed
    }
}
