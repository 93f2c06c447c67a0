import Foundation
import Testing
@testable import HandoutCore

/// Every built-in locale says which way its language is written (the contract of the locale files),
/// and Arabic, the one right-to-left language shipped, says right to left.
@Test func everyBuiltInLocaleSaysItsDirection() throws {
    for language in ContentLoader.localeLanguages() {
        let strings = try ContentLoader.strings(language: language)
        #expect(strings.table[Strings.directionKey] != nil, "\(language).yaml has no direction")
        #expect(strings.direction == (language == "ar" ? .rightToLeft : .leftToRight), "\(language)")
    }
}

/// A clinic's locale file written before the key existed still loads, left to right; a direction
/// that is neither is refused, the value escaped.
@Test func aLocaleWithoutDirectionIsLeftToRightAndAnUnknownDirectionIsRefused() throws {
    var table = try ContentLoader.strings(language: "en").table
    table[Strings.directionKey] = nil
    #expect(try Strings(language: "xx", table: table, source: "xx.yaml").direction == .leftToRight)
    table[Strings.directionKey] = "sideways\u{202E}"
    #expect(throws: InputError.invalidYAML(source: "xx.yaml", line: nil, column: nil,
                                           problem: "key 'direction' is 'sideways\\u{202E}'; write \"ltr\" or \"rtl\"")) {
        try Strings(language: "xx", table: table, source: "xx.yaml")
    }
}
