import Crypto
import Foundation

/// Lowercase hex, the one way digests are written (manifest checksums, resume digests, mail checks).
public enum Hex {
    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}

/// SHA-256 as lowercase hex.
public enum SHA256Hex {
    public static func of(_ data: some DataProtocol) -> String {
        Hex.encode(SHA256.hash(data: data))
    }

    /// HMAC-SHA256 of `data` with `key`, as lowercase hex.
    public static func authentication(of data: some DataProtocol, key: [UInt8]) -> String {
        Hex.encode(HMAC<SHA256>.authenticationCode(for: data, using: SymmetricKey(data: key)))
    }
}
