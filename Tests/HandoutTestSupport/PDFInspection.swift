import Foundation

/// What a PDF can make a viewer do, read through qpdf's JSON: every action type (`/S` of an
/// action dictionary) and every key that runs something on its own.
public enum PDFInspection {
    /// Keys that launch, run script or open files without a click on a link.
    static let activeKeys: Set<String> = ["/OpenAction", "/AA", "/JS", "/JavaScript", "/Launch", "/EmbeddedFiles", "/RichMedia"]

    /// Every action type of ISO 32000 (structure elements use `/S` too, never with these names).
    static let actionTypes: Set<String> = [
        "/GoTo", "/GoToR", "/GoToE", "/Launch", "/Thread", "/URI", "/Sound", "/Movie", "/Hide", "/Named", "/SubmitForm",
        "/ResetForm", "/ImportData", "/JavaScript", "/SetOCGState", "/Rendition", "/Trans", "/GoTo3DView", "/RichMediaExecute",
    ]

    /// The action types and active keys found, e.g. ["/URI"]; a clean handout has only "/URI".
    public static func actions(in path: String) throws -> Set<String> {
        let result = try CLI.run("qpdf", ["--json", path])
        guard result.status == 0, let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] else {
            throw InspectionError.unreadable(result.stderr)
        }
        var found: Set<String> = []
        walk(json, into: &found)
        return found
    }

    /// `qpdf --check` with no error and no warning.
    public static func isClean(_ path: String) throws -> Bool {
        let result = try CLI.run("qpdf", ["--check", path])
        return result.status == 0 && !result.stdout.contains("WARNING") && result.stderr.isEmpty
    }

    private static func walk(_ value: Any, into found: inout Set<String>) {
        if let dictionary = value as? [String: Any] {
            for (key, child) in dictionary {
                if activeKeys.contains(key) { found.insert(key) }
                if key == "/S", let type = child as? String, actionTypes.contains(type) { found.insert(type) }
                walk(child, into: &found)
            }
        } else if let array = value as? [Any] {
            for child in array { walk(child, into: &found) }
        }
    }

    public enum InspectionError: Error { case unreadable(String) }
}
