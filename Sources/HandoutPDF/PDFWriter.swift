import Foundation
import HandoutCore
import HandoutLayout

/// The laid-out pages as a finished PDF: drawn with Cairo, then finished (and encrypted
/// when a password is given).
public enum PDFWriter {
    public static func write(_ pages: [Page], metadata: Document.Metadata, password: String?) throws(PDFError) -> Data {
        try PDFFinisher.finish(PDFDrawer.draw(pages, metadata: metadata), metadata: metadata, password: password)
    }
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
