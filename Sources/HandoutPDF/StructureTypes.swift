import HandoutLayout

/// The document's roles as tagged-PDF structure types (ISO 32000-1 §14.8.4).
extension StructureRole {
    /// The root element, around every page.
    static let documentType = "Document"
    /// Text drawn directly in an element with children (Cairo 1.16 tags leaf elements only).
    static let spanType = "Span"

    var pdfStructureType: String {
        switch self {
        case let .heading(level): return level == 1 ? "H1" : level == 2 ? "H2" : "H3"
        case .paragraph, .passage: return "P"
        case .list: return "L"
        case .listItem: return "LI"
        case .label, .checkBox: return "Lbl"
        case .listBody: return "LBody"
        case .table: return "Table"
        case .tableHead: return "THead"
        case .tableBody: return "TBody"
        case .tableRow: return "TR"
        case .tableHeader: return "TH"
        case .tableCell: return "TD"
        case .caption: return "Caption"
        case .division: return "Div"
        case .figure: return "Figure"
        }
    }

    /// What the element's dictionary says beyond its type, which Cairo 1.16 cannot write (the
    /// finisher adds it): header cells name the column they head, a check box is read as its
    /// state rather than as "ballot box", a figure by its alternate description, and a passage
    /// in another language is spoken in that language.
    var pdfEntries: String? {
        switch self {
        case .tableHeader: return "/A << /O /Table /Scope /Column >>"
        case let .checkBox(spoken): return "/ActualText \(PDFFinisher.pdfString(spoken))"
        case let .figure(alt): return "/Alt \(PDFFinisher.pdfString(alt))"
        case let .passage(language): return "/Lang \(PDFFinisher.pdfString(language))"
        default: return nil
        }
    }
}
