import Crypto
import Foundation

/// The SHA-256 checksum recorded in the manifest, as lowercase hex.
public enum Checksum {
    public static func sha256(_ data: Data) -> String {
        let hexDigits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in SHA256.hash(data: data) {
            text.append(hexDigits[Int(byte >> 4)])
            text.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
