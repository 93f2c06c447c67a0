import CPangoCairo
import CRsvg
import Foundation
import HandoutCore

/// A clinic's logo decoded and ready to draw on any Cairo surface: a PNG as an image surface
/// (cairo's own PNG reader), an SVG as a recording surface (librsvg's drawing kept as vector
/// graphics, so it is sharp at any size). Not thread-safe: one per layout engine.
public final class Picture {
    /// The Cairo surface to paint from.
    public let surface: OpaquePointer
    /// Its own size (pixels of a PNG, CSS pixels of an SVG): what gives its aspect.
    public let size: Size

    /// Throws, naming the clinic file and the field, when the image cannot be decoded.
    public init(_ logo: ClinicLogo) throws(InputError) {
        func bad(_ problem: LogoProblem) -> InputError { .invalidField(source: logo.source, field: logo.field, problem: .logo(problem)) }
        switch logo.format {
        case .png:
            surface = try Self.decodePNG(logo.bytes, problem: bad)
            size = Size(width: Double(cairo_image_surface_get_width(surface)), height: Double(cairo_image_surface_get_height(surface)))
        case .svg:
            (surface, size) = try Self.drawSVG(logo.bytes, problem: bad)
        }
    }

    deinit {
        cairo_surface_destroy(surface)
    }

    private static func decodePNG(_ bytes: Data, problem: (LogoProblem) -> InputError) throws(InputError) -> OpaquePointer {
        let reader = ByteReader(bytes)
        let surface = withExtendedLifetime(reader) {
            cairo_image_surface_create_from_png_stream({ closure, data, length in
                Unmanaged<ByteReader>.fromOpaque(closure!).takeUnretainedValue().read(into: data, count: Int(length))
                    ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_READ_ERROR
            }, Unmanaged.passUnretained(reader).toOpaque())
        }!
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(surface)
            throw problem(.pngUndecodable(outOfMemory: status == CAIRO_STATUS_NO_MEMORY))
        }
        return surface
    }

    private static func drawSVG(_ bytes: Data, problem: (LogoProblem) -> InputError) throws(InputError) -> (OpaquePointer, Size) {
        var error: UnsafeMutablePointer<GError>?
        // No base file: librsvg then loads nothing from outside the SVG itself.
        let handle = bytes.withUnsafeBytes { buffer in
            rsvg_handle_new_from_data(buffer.baseAddress?.assumingMemoryBound(to: guint8.self), gsize(buffer.count), &error)
        }
        guard let handle else {
            if let error { g_error_free(error) }
            throw problem(.svgRefusedByLibrsvg)
        }
        defer { g_object_unref(handle) }
        guard let size = intrinsicSize(handle) else {
            throw problem(.svgWithoutSize)
        }
        guard size.width > 0, size.height > 0, size.width <= ClinicLogo.maximumSVGSide, size.height <= ClinicLogo.maximumSVGSide else {
            throw problem(.svgSizeOutOfRange(maximumSide: Int(ClinicLogo.maximumSVGSide)))
        }
        var extents = cairo_rectangle_t(x: 0, y: 0, width: size.width, height: size.height)
        let surface = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &extents)!
        let cr = cairo_create(surface)
        var viewport = RsvgRectangle(x: 0, y: 0, width: size.width, height: size.height)
        let drawn = rsvg_handle_render_document(handle, cr, &viewport, &error) != 0
        cairo_destroy(cr)
        if let error { g_error_free(error) }
        guard drawn, cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(surface)
            throw problem(.svgUndrawable)
        }
        return (surface, size)
    }

    /// The SVG's width and height in pixels, or its viewBox's when it gives no absolute size.
    private static func intrinsicSize(_ handle: UnsafeMutablePointer<RsvgHandle>) -> Size? {
        var width = 0.0, height = 0.0
        if rsvg_handle_get_intrinsic_size_in_pixels(handle, &width, &height) != 0 { return Size(width: width, height: height) }
        var hasWidth: gboolean = 0, hasHeight: gboolean = 0, hasViewBox: gboolean = 0
        var lengthWidth = RsvgLength(), lengthHeight = RsvgLength(), viewBox = RsvgRectangle()
        rsvg_handle_get_intrinsic_dimensions(handle, &hasWidth, &lengthWidth, &hasHeight, &lengthHeight, &hasViewBox, &viewBox)
        return hasViewBox != 0 ? Size(width: viewBox.width, height: viewBox.height) : nil
    }
}

/// Feeds cairo's PNG reader from memory.
private final class ByteReader {
    private let bytes: Data
    private var offset = 0

    init(_ bytes: Data) {
        self.bytes = bytes
    }

    /// False when fewer than `count` bytes are left (a cut-short file).
    func read(into destination: UnsafeMutablePointer<UInt8>?, count: Int) -> Bool {
        guard let destination, count <= bytes.count - offset else { return false }
        let start = bytes.startIndex + offset
        bytes.copyBytes(to: destination, from: start..<(start + count))
        offset += count
        return true
    }
}

/// The pictures one layout engine has decoded: each logo once per engine (per run), not per handout.
final class Pictures {
    private var decoded: [ClinicLogo: Picture] = [:]

    func picture(_ logo: ClinicLogo) throws(InputError) -> Picture {
        if let known = decoded[logo] { return known }
        let picture = try Picture(logo)
        decoded[logo] = picture
        return picture
    }
}
