import CPangoCairo
import HandoutLayout

/// One owned Cairo PDF surface that writes into memory. Cairo reports a failure as an
/// error-state object, never NULL, so the status is checked right after creation and again
/// after finishing (which is when most write errors show).
final class PDFSurface {
    let pointer: OpaquePointer
    private let sink: ByteSink

    /// A handout is about 100 KB: past `maximumBytes` the write fails (a fault, and no batch
    /// could pass such a file on).
    static let defaultMaximumBytes = 256 << 20

    init(size: Size, maximumBytes: Int = defaultMaximumBytes) throws(PDFError) {
        sink = ByteSink(limit: maximumBytes)
        pointer = cairo_pdf_surface_create_for_stream({ closure, bytes, length in
            let sink = Unmanaged<ByteSink>.fromOpaque(closure!).takeUnretainedValue()
            return sink.append(bytes, count: Int(length)) ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR
        }, Unmanaged.passUnretained(sink).toOpaque(), size.width, size.height)
        try check(cairo_surface_status(pointer))
    }

    deinit {
        cairo_surface_destroy(pointer)
    }

    /// Ends the document (Cairo writes it out now) and returns its bytes.
    func finish() throws(PDFError) -> [UInt8] {
        cairo_surface_finish(pointer)
        try check(cairo_surface_status(pointer))
        return sink.bytes
    }
}

/// One owned Cairo drawing context; it keeps its surface alive.
final class CairoContext {
    let pointer: OpaquePointer
    let surface: PDFSurface

    init(_ surface: PDFSurface) throws(PDFError) {
        self.surface = surface
        pointer = cairo_create(surface.pointer)
        try check(cairo_status(pointer))
    }

    deinit {
        cairo_destroy(pointer)
    }
}

/// One owned Cairo image surface (RGB, 8 bits a channel) that writes itself as PNG into memory.
final class ImageSurface {
    let pointer: OpaquePointer

    init(width: Int32, height: Int32) throws(PDFError) {
        pointer = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height)
        try check(cairo_surface_status(pointer), failure: PDFError.preview)
    }

    deinit {
        cairo_surface_destroy(pointer)
    }

    func png() throws(PDFError) -> [UInt8] {
        cairo_surface_flush(pointer)
        let sink = ByteSink(limit: PDFSurface.defaultMaximumBytes)
        try check(withExtendedLifetime(sink) {
            cairo_surface_write_to_png_stream(pointer, { closure, bytes, length in
                let sink = Unmanaged<ByteSink>.fromOpaque(closure!).takeUnretainedValue()
                return sink.append(bytes, count: Int(length)) ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR
            }, Unmanaged.passUnretained(sink).toOpaque())
        }, failure: PDFError.preview)
        return sink.bytes
    }
}

func check(_ status: cairo_status_t, failure: (String) -> PDFError = PDFError.cairo) throws(PDFError) {
    guard status == CAIRO_STATUS_SUCCESS else { throw failure(String(cString: cairo_status_to_string(status))) }
}

/// Collects what Cairo writes (many small writes: an array appends faster than Data).
private final class ByteSink {
    var bytes: [UInt8] = []
    let limit: Int

    init(limit: Int) {
        self.limit = limit
        bytes.reserveCapacity(1 << 17)
    }

    /// False (Cairo then fails the surface) when the bytes would pass the limit.
    func append(_ data: UnsafePointer<UInt8>?, count: Int) -> Bool {
        guard bytes.count + count <= limit else { return false }
        bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: count))
        return true
    }
}
