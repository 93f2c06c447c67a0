import HandoutCore
import HandoutSupport

extension PasswordProblem {
    /// HandoutSupport's rule as HandoutCore's problem (Core does not know Support).
    public init(_ problem: PDFPassword.Problem) {
        switch problem {
        case .empty: self = .empty
        case let .tooLong(maximumBytes): self = .tooLong(maximumBytes: maximumBytes)
        case .controlCharacter: self = .controlCharacter
        }
    }
}
