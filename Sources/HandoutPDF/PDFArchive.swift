/// What PDF/A-2a asks of Cairo 1.16's output beyond PDF/UA-1, as checked by page-validation's
/// PDF_A_2A profile: an output intent for its DeviceRGB colours and no image interpolation.
/// The PDF/A identification is in the XMP (`XMPMetadata`); there is never encryption.
enum PDFArchive {
    /// The catalog's /OutputIntents entry, its ICC profile added as a new stream.
    static func outputIntents(_ intent: OutputIntent, in update: inout IncrementalUpdate) -> String {
        let profile = update.addStream(intent.deflatedProfile, entries: "/N 3 /Filter /FlateDecode")
        let condition = PDFFinisher.pdfString(OutputIntent.condition)
        return "/OutputIntents [<< /Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier \(condition) /Info \(condition) /DestOutputProfile \(profile) 0 R >>]"
    }

    /// Cairo asks viewers to smooth the images of colour glyphs (emoji), which PDF/A forbids.
    static func withoutInterpolation(_ image: Int, in update: inout IncrementalUpdate) throws(CairoPDFFile.ReadError) {
        try update.amend(stream: image, changing: "/Interpolate true", to: "/Interpolate false")
    }
}
