extension MailingList {
    /// A record that is not mailed: where it is and why, nothing else. Whoever prints it adds
    /// the place (the CLI: `patients.csv:12: `).
    public struct Skipped: Sendable, Equatable {
        public var line: Int
        public var id: String?
        public var reason: SkipReason

        /// "id P-1 has no email; not mailed": the id, never a name, date or address.
        public var message: String { reason.english(id: id ?? "") + "; not mailed" }
    }

    /// Why a record is not mailed.
    public enum SkipReason: Sendable, Equatable {
        case noID
        /// The row does not split into as many fields as the header (its id cannot be trusted).
        case misaligned(RowFailure)
        /// The id cannot be a file name.
        case badID(RowFailure)
        /// An earlier row has the id.
        case duplicateID(RowFailure)
        /// `folder`: the batch folder, as messages call it.
        case manifestsDisagree(folder: String)
        case noHandout
        /// A field mailing needs cannot be used (the address, the language, the clinic).
        case badField(RowFailure)
        case noEmail
        case noClinic

        /// The short code for logs.
        public var code: String {
            switch self {
            case .noID: "no-id"
            case .misaligned: "misaligned-row"
            case .badID: "bad-id"
            case .duplicateID: "duplicate-id"
            case .manifestsDisagree: "manifests-disagree"
            case .noHandout: "no-handout"
            case .badField: "bad-field"
            case .noEmail: "no-email"
            case .noClinic: "no-clinic"
            }
        }

        func english(id: String) -> String {
            switch self {
            case .noID: "no id"
            case let .misaligned(failure): failure.message
            case let .badID(failure): failure.message
            case let .duplicateID(failure), let .badField(failure): "id \(id): \(failure.message)"
            case let .manifestsDisagree(folder):
                "id \(id): the manifests in \(folder) disagree about its handout (an older run?); move the stale manifest away"
            case .noHandout: "id \(id) has no handout in the manifests"
            case .noEmail: "id \(id) has no email"
            case .noClinic: "id \(id): \(RowFailure.noClinic.message)"
            }
        }
    }
}
