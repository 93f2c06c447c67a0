import CPangoCairo
import HandoutCore

/// A Pango context of our own (own font map: Pango objects must not be shared across
/// threads), set up so that measured and drawn widths agree: 72 dpi (1 Pango unit /
/// PANGO_SCALE = 1 PDF point), no metric hinting, unrounded glyph positions; its base
/// direction is the handout's, and `language` (a content language tag), when given, is the
/// text's, for the fonts and glyph forms Pango picks.
final class PangoTextContext {
    let fontMap: UnsafeMutablePointer<PangoFontMap>
    let context: OpaquePointer

    init(direction: TextDirection, language: String? = nil) {
        fontMap = pango_cairo_font_map_new()
        context = pango_font_map_create_context(fontMap)
        pango_cairo_context_set_resolution(context, 72)
        let options = cairo_font_options_create()
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        pango_cairo_context_set_font_options(context, options)
        cairo_font_options_destroy(options)
        pango_context_set_round_glyph_positions(context, 0)
        pango_context_set_base_dir(context, direction == .rightToLeft ? PANGO_DIRECTION_RTL : PANGO_DIRECTION_LTR)
        if let language { pango_context_set_language(context, FontLanguage.pango(language)) }
    }

    deinit {
        g_object_unref(UnsafeMutableRawPointer(context))
        g_object_unref(UnsafeMutableRawPointer(fontMap))
    }
}

/// An owned Pango font description.
final class FontDescription {
    let pointer: OpaquePointer

    init(_ style: TextStyle) {
        pointer = pango_font_description_new()
        pango_font_description_set_family(pointer, Typography.fontFamily)
        pango_font_description_set_weight(pointer, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)
        pango_font_description_set_style(pointer, style.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL)
        pango_font_description_set_size(pointer, Int32((style.size * Double(PANGO_SCALE)).rounded()))
    }

    deinit {
        pango_font_description_free(pointer)
    }
}
