import CZlib
import Foundation
import HandoutSupport

/// A ZIP of whole files (PKWARE APPNOTE 4.3: local headers, the central directory, its end
/// record), entries stored as they are: the PDFs are compressed already. Written atomically,
/// 0600. Deterministic (every entry dated 1980-01-01). Within ZIP's plain limits: 65,535
/// entries and 4 GiB.
enum ZIPWriter {
    enum Failure: Error, LocalizedError {
        case tooLarge

        var errorDescription: String? { "the batch is too large for one ZIP (65,535 files or 4 GiB); split the CSV" }
    }

    static func write(files: [(name: String, path: String)], to path: String) throws {
        guard files.count <= Int(UInt16.max) else { throw Failure.tooLarge }
        let url = URL(fileURLWithPath: path)
        let out = try PendingFile(directory: url.deletingLastPathComponent().path, name: url.lastPathComponent)
        var central: [UInt8] = []
        var offset = 0
        for file in files {
            let data = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file.path)))
            let name = Array(file.name.utf8)
            let crc = data.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, uInt($0.count))) }
            guard offset + data.count + 30 + name.count < Int(UInt32.max) else { throw Failure.tooLarge }
            var local: [UInt8] = []
            local.append32(0x0403_4b50)
            local.append16(20) // version needed: 2.0
            local.append16(0x0800) // the name is UTF-8
            local.append16(0) // stored
            local.append16(0) // time 00:00
            local.append16(0x21) // date 1980-01-01
            local.append32(crc)
            local.append32(UInt32(data.count))
            local.append32(UInt32(data.count))
            local.append16(UInt16(name.count))
            local.append16(0)
            try out.append(local + name)
            try out.append(data)

            central.append32(0x0201_4b50)
            central.append16(0x0314) // made by: Unix, 2.0
            central.append16(20)
            central.append16(0x0800)
            central.append16(0)
            central.append16(0)
            central.append16(0x21)
            central.append32(crc)
            central.append32(UInt32(data.count))
            central.append32(UInt32(data.count))
            central.append16(UInt16(name.count))
            central.append16(0) // extra
            central.append16(0) // comment
            central.append16(0) // disk
            central.append16(0) // internal attributes
            central.append32(UInt32(0o100600) << 16) // a regular file, 0600
            central.append32(UInt32(offset))
            central += name
            offset += local.count + name.count + data.count
        }
        guard offset + central.count < Int(UInt32.max) else { throw Failure.tooLarge }
        var end: [UInt8] = []
        end.append32(0x0605_4b50)
        end.append16(0)
        end.append16(0)
        end.append16(UInt16(files.count))
        end.append16(UInt16(files.count))
        end.append32(UInt32(central.count))
        end.append32(UInt32(offset))
        end.append16(0)
        try out.append(central + end)
        try out.commit()
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
}
