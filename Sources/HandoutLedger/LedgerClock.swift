import Foundation

/// The ledger's times: ISO 8601 in UTC to the second in its API, as the mail journal writes them;
/// Unix seconds in the file (an integer is a few bytes, the text twenty).
public enum LedgerClock {
    public static func text(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!))
    }

    static func seconds(_ text: String) throws(UnreadableTime) -> Int64 {
        guard let date = try? Date(text, strategy: Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!)) else { throw UnreadableTime() }
        return Int64(date.timeIntervalSince1970.rounded(.down))
    }

    /// A time in a journal row or a handout that is not the ledger's ISO 8601 (never a value of a record).
    struct UnreadableTime: Error, CustomStringConvertible {
        var description: String { "a time that is not ISO 8601 (YYYY-MM-DDTHH:MM:SSZ)" }
    }
}

/// A lowercase-hex digest as the ledger stores it: its first 16 bytes. Enough to notice that a
/// patient's handout or address changed and to tell which PDF was sent (a chance collision is
/// 2⁻⁶⁴ among four billion handouts; forging a PDF to match is a 2¹²⁸ search); the folder's
/// manifest keeps the whole SHA-256 of each PDF while the folder is kept.
public enum LedgerDigest {
    static let storedBytes = 16

    /// The hex a ledger gives back for this digest: what to compare with ``LastDelivery``'s.
    public static func short(_ hex: String) -> String {
        String(hex.lowercased().prefix(storedBytes * 2))
    }

    static func bytes(_ hex: String) -> Data {
        var bytes = Data(capacity: storedBytes)
        var high: UInt8?
        for character in hex.utf8.prefix(storedBytes * 2) {
            guard let nibble = value(of: character) else { continue }
            if let first = high {
                bytes.append(first << 4 | nibble)
                high = nil
            } else {
                high = nibble
            }
        }
        return bytes
    }

    /// Nil for an empty digest: not known.
    static func optionalBytes(_ hex: String) -> Data? {
        hex.isEmpty ? nil : bytes(hex)
    }

    private static func value(of character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): character - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): character - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
