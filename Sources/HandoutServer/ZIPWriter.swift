import CZlib
import Foundation
import HandoutSupport

/// A ZIP of whole files (PKWARE APPNOTE 6.3: local headers, the central directory, its end
/// record), entries stored as they are: the PDFs are compressed already. Written atomically,
/// 0600. Deterministic (every entry dated 1980-01-01). Past ZIP's plain limits (65,535 entries,
/// offsets of 4 GiB, which a 50,000-row batch reaches) the Zip64 records say the numbers.
enum ZIPWriter {
    enum Failure: Error, LocalizedError {
        case fileTooLarge(String)

        var errorDescription: String? {
            switch self {
            case let .fileTooLarge(name): "\(name) is larger than 4 GiB, more than a ZIP entry of this writer holds"
            }
        }
    }

    /// An offset or a count at least this large is written as Zip64 (a parameter for the tests only).
    static let plainLimit: UInt64 = 0xFFFF_FFFF

    static func write(files: [(name: String, path: String)], to path: String, plainLimit: UInt64 = plainLimit) throws {
        let url = URL(fileURLWithPath: path)
        let out = try PendingFile(directory: url.deletingLastPathComponent().path, name: url.lastPathComponent)
        var central: [UInt8] = []
        var offset: UInt64 = 0
        for file in files {
            let data = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file.path)))
            let name = Array(file.name.utf8)
            let crc = data.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, uInt($0.count))) }
            // A handout is never near 4 GiB: only where it starts can need Zip64.
            guard let size = UInt32(exactly: data.count), size < 0xFFFF_FFFF else { throw Failure.fileTooLarge(file.name) }
            let farOffset = offset >= plainLimit
            var local: [UInt8] = []
            local.append32(0x0403_4b50)
            local.append16(farOffset ? 45 : 20) // version needed: 2.0, or 4.5 for Zip64
            local.append16(0x0800) // the name is UTF-8
            local.append16(0) // stored
            local.append16(0) // time 00:00
            local.append16(0x21) // date 1980-01-01
            local.append32(crc)
            local.append32(size)
            local.append32(size)
            local.append16(UInt16(name.count))
            local.append16(0)
            try out.append(local + name)
            try out.append(data)

            // The Zip64 extra field holds the offset that the 32-bit field cannot.
            var extra: [UInt8] = []
            if farOffset {
                extra.append16(0x0001)
                extra.append16(8)
                extra.append64(offset)
            }
            central.append32(0x0201_4b50)
            central.append16(farOffset ? 0x032d : 0x0314) // made by: Unix, 2.0 or 4.5
            central.append16(farOffset ? 45 : 20)
            central.append16(0x0800)
            central.append16(0)
            central.append16(0)
            central.append16(0x21)
            central.append32(crc)
            central.append32(size)
            central.append32(size)
            central.append16(UInt16(name.count))
            central.append16(UInt16(extra.count))
            central.append16(0) // comment
            central.append16(0) // disk
            central.append16(0) // internal attributes
            central.append32(UInt32(0o100600) << 16) // a regular file, 0600
            central.append32(farOffset ? 0xFFFF_FFFF : UInt32(offset))
            central += name + extra
            offset += UInt64(local.count + name.count + data.count)
        }
        try out.append(central + end(entries: UInt64(files.count), centralSize: UInt64(central.count), centralOffset: offset,
                                     plainLimit: plainLimit))
        try out.commit()
    }

    /// The end of central directory record; first the Zip64 record and its locator when a
    /// number does not fit the plain record's fields.
    private static func end(entries: UInt64, centralSize: UInt64, centralOffset: UInt64, plainLimit: UInt64) -> [UInt8] {
        let zip64 = entries >= min(plainLimit, 0xFFFF) || centralSize >= plainLimit || centralOffset >= plainLimit
        var end: [UInt8] = []
        if zip64 {
            let recordOffset = centralOffset + centralSize
            end.append32(0x0606_4b50)
            end.append64(44) // the size of the rest of this record
            end.append16(0x032d)
            end.append16(45)
            end.append32(0) // this disk
            end.append32(0) // the disk of the central directory
            end.append64(entries)
            end.append64(entries)
            end.append64(centralSize)
            end.append64(centralOffset)
            end.append32(0x0706_4b50) // the locator
            end.append32(0)
            end.append64(recordOffset)
            end.append32(1) // disks in all
        }
        end.append32(0x0605_4b50)
        end.append16(0)
        end.append16(0)
        end.append16(zip64 ? 0xFFFF : UInt16(entries))
        end.append16(zip64 ? 0xFFFF : UInt16(entries))
        end.append32(zip64 ? 0xFFFF_FFFF : UInt32(centralSize))
        end.append32(zip64 ? 0xFFFF_FFFF : UInt32(centralOffset))
        end.append16(0)
        return end
    }
}

private extension [UInt8] {
    mutating func append16(_ value: UInt16) {
        append(UInt8(value & 0xff))
        append(UInt8(value >> 8))
    }

    mutating func append32(_ value: UInt32) {
        append16(UInt16(value & 0xffff))
        append16(UInt16(value >> 16))
    }

    mutating func append64(_ value: UInt64) {
        append32(UInt32(value & 0xffff_ffff))
        append32(UInt32(value >> 32))
    }
}
