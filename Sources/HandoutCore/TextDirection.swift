/// Which way a handout's language is written: the locale's `direction` key ("ltr" or "rtl").
/// Right to left (Arabic, Hebrew, Persian) lays the whole page out mirrored.
public enum TextDirection: String, Sendable, Hashable, CaseIterable {
    case leftToRight = "ltr"
    case rightToLeft = "rtl"
}
