import CQREncode

/// A QR code's dark modules (libqrencode; error correction M, which survives a smudge or a fold).
struct QRCodeMatrix {
    /// Modules a side.
    let count: Int
    /// The dark modules, each row's runs merged, in module units from the top left.
    let runs: [Rect]

    /// Nil only when libqrencode cannot encode `text` (more than a QR code holds, or no memory).
    init?(_ text: String) {
        guard let code = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M) else { return nil }
        defer { QRcode_free(code) }
        count = Int(code.pointee.width)
        // Bit 0 of each module byte is its colour (1 = dark); the other bits say what the module is for.
        let modules = UnsafeBufferPointer(start: code.pointee.data, count: count * count).map { $0 & 1 == 1 }
        var runs: [Rect] = []
        for row in 0..<count {
            var column = 0
            while column < count {
                guard modules[row * count + column] else {
                    column += 1
                    continue
                }
                let start = column
                while column < count, modules[row * count + column] { column += 1 }
                runs.append(Rect(x: Double(start), y: Double(row), width: Double(column - start), height: 1))
            }
        }
        self.runs = runs
    }
}
