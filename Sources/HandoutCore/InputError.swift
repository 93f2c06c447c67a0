import Foundation

/// Why an input (patient file, content file, CSV row) was refused. Messages name the file,
/// the place in it and the field, never a patient's value: those are health data.
public enum InputError: Error, LocalizedError, Equatable, Codable {
    case unreadableFile(path: String, reason: String)
    case invalidJSON(source: String, line: Int, column: Int)
    case invalidYAML(source: String, line: Int?, column: Int?, problem: String)
    case missingField(source: String, field: String)
    case invalidField(source: String, field: String, problem: FieldProblem)
    /// `position` counts from 1; the id itself is not repeated (a clinical detail).
    case unknownFactor(source: String, position: Int, known: [String])
    case unknownLanguage(String, available: [String])
    case missingGlyphs(source: String, field: String)

    /// What the terminal shows: the file names and fields in it may come from the input.
    public var errorDescription: String? { EchoedText.escaped(message) }

    private var message: String {
        switch self {
        case let .unreadableFile(path, reason):
            return "\(path): cannot read the file (\(reason))"
        case let .invalidJSON(source, line, column):
            return "\(source):\(line):\(column): not valid JSON here; check for a missing comma, quote or bracket"
        case let .invalidYAML(source, line, column, problem):
            let place = line.map { ":\($0)" + (column.map { ":\($0)" } ?? "") } ?? ""
            return "\(source)\(place): \(problem)"
        case let .missingField(source, field):
            return "\(source): required field '\(field)' is missing or empty"
        case let .invalidField(source, field, problem):
            return "\(source): field '\(field)' \(problem.english)"
        case let .unknownFactor(source, position, known):
            return "\(source): field 'factors': factor \(position) is not one this content knows; known factors: \(known.joined(separator: ", "))"
        case let .unknownLanguage(language, available):
            return "no handout content for language '\(language)'; available: \(available.joined(separator: ", "))"
        case let .missingGlyphs(source, field):
            return "\(source): field '\(field)' has characters no installed font can print; install a font that covers them (see README, Fonts)"
        }
    }
}
