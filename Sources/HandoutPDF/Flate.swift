import CZlib

/// zlib's FlateDecode, for Cairo's page content streams.
enum Flate {
    static func inflate(_ data: ArraySlice<UInt8>) throws(CairoPDFFile.ReadError) -> [UInt8] {
        var capacity = max(data.count * 4, 4096)
        while true {
            var output = [UInt8](repeating: 0, count: capacity)
            var length = uLongf(capacity)
            let status = data.withUnsafeBufferPointer { input in
                output.withUnsafeMutableBufferPointer { uncompress($0.baseAddress, &length, input.baseAddress, uLong(input.count)) }
            }
            switch status {
            case Z_OK: return Array(output.prefix(Int(length)))
            case Z_BUF_ERROR where capacity < 1 << 30: capacity *= 4
            default: throw .malformed("a content stream zlib cannot inflate (status \(status))")
            }
        }
    }

    /// Deflated at zlib's fastest level (the same bytes, the same output): the pass runs for every
    /// page of every handout, and the best level saved 1% of the file for twice the time.
    static func deflate(_ data: [UInt8]) -> [UInt8] {
        var length = compressBound(uLong(data.count))
        var output = [UInt8](repeating: 0, count: Int(length))
        let status = output.withUnsafeMutableBufferPointer { compress2($0.baseAddress, &length, data, uLong(data.count), Z_BEST_SPEED) }
        // compressBound makes room for any input; zlib fails here only without memory.
        precondition(status == Z_OK, "zlib compress2 failed (\(status))")
        return Array(output.prefix(Int(length)))
    }
}
