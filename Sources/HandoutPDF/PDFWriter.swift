import Foundation
import HandoutCore
import HandoutLayout

/// The laid-out pages as a finished PDF of the `kind` asked for: drawn with Cairo, then finished.
public enum PDFWriter {
    public static func write(_ pages: [Page], metadata: Document.Metadata, kind: PDFKind) throws(PDFError) -> Data {
        try finish(draw(pages, metadata: metadata), kind: kind)
    }

    /// The two stages apart, for measuring each (scripts/bench.sh).
    public static func draw(_ pages: [Page], metadata: Document.Metadata) throws(PDFError) -> DrawnHandout {
        DrawnHandout(drawn: try PDFDrawer.draw(pages, metadata: metadata), metadata: metadata)
    }

    public static func finish(_ handout: DrawnHandout, kind: PDFKind) throws(PDFError) -> Data {
        try PDFFinisher.finish(handout.drawn, metadata: handout.metadata, kind: kind)
    }
}

/// A handout Cairo has drawn and the finisher has not yet finished.
public struct DrawnHandout {
    let drawn: DrawnPDF
    let metadata: Document.Metadata
}

/// What the finishing pass makes of a handout. Every kind is tagged PDF/UA-1.
public enum PDFKind: Sendable {
    case standard
    /// AES-256 (qpdf), opened with `password`.
    case encrypted(password: String)
    /// PDF/A-2a as well, for the patient's chart; PDF/A forbids encryption, hence no password.
    case archive(OutputIntent)

    var outputIntent: OutputIntent? {
        guard case let .archive(intent) = self else { return nil }
        return intent
    }
}

public enum PDFError: Error, LocalizedError {
    case unreadable(String)
    case qpdf(String)
    case cairo(String)
    case colorProfile(String)
    case preview(String)

    public var errorDescription: String? {
        switch self {
        case let .unreadable(problem): return "finishing the PDF failed: Cairo's output has \(problem)"
        case let .qpdf(message): return "encrypting the PDF failed: \(message)"
        case let .cairo(message): return "drawing the PDF failed in Cairo (\(message))"
        case let .preview(message): return "drawing the page images (--png) failed in Cairo (\(message))"
        case let .colorProfile(problem): return "an archive PDF (PDF/A) needs an sRGB ICC profile: \(problem)"
        }
    }
}
