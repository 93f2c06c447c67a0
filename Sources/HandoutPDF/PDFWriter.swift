import Foundation
import HandoutCore
import HandoutLayout

/// The laid-out pages as a finished PDF: drawn with Cairo, then finished (and encrypted
/// when a password is given).
public enum PDFWriter {
    public static func write(_ pages: [Page], metadata: Document.Metadata, password: String?) throws(PDFError) -> Data {
        try finish(draw(pages, metadata: metadata), password: password)
    }

    /// The two stages apart, for measuring each (scripts/bench.sh).
    public static func draw(_ pages: [Page], metadata: Document.Metadata) throws(PDFError) -> DrawnHandout {
        DrawnHandout(drawn: try PDFDrawer.draw(pages, metadata: metadata), metadata: metadata)
    }

    public static func finish(_ handout: DrawnHandout, password: String?) throws(PDFError) -> Data {
        try PDFFinisher.finish(handout.drawn, metadata: handout.metadata, password: password)
    }
}

/// A handout Cairo has drawn and the finisher has not yet finished.
public struct DrawnHandout {
    let drawn: DrawnPDF
    let metadata: Document.Metadata
}

public enum PDFError: Error, LocalizedError {
    case unreadable(String)
    case qpdf(String)
    case cairo(String)

    public var errorDescription: String? {
        switch self {
        case let .unreadable(problem): return "finishing the PDF failed: Cairo's output has \(problem)"
        case let .qpdf(message): return "encrypting the PDF failed: \(message)"
        case let .cairo(message): return "drawing the PDF failed in Cairo (\(message))"
        }
    }
}
