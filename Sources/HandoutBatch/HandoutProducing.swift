import Foundation
import HandoutCore

/// A finished handout: the PDF's bytes, its page count, and the page images asked for (PNG, one per page).
public struct RenderedPDF: Sendable {
    public var data: Data
    public var pages: Int
    public var previews: [Data]

    public init(data: Data, pages: Int, previews: [Data] = []) {
        self.data = data
        self.pages = pages
        self.previews = previews
    }
}

/// Makes one patient's PDF. The batch engine creates one producer per worker thread, on that
/// thread, and only calls it there (Pango and Cairo objects are not thread-safe), so conforming
/// types need not be Sendable. Errors of one record (`InputError`) fail only that record.
public protocol HandoutProducing {
    /// `password`: this record's own, which replaces the run's (nil: the run's, if any).
    func render(_ patient: PatientProfile, password: String?, source: String) throws -> RenderedPDF
}
