import Foundation
import HandoutBatch
import HandoutTestSupport

extension Scratch {
    func manifest(_ sub: String = "out", name: String = "manifest.csv") throws -> [ManifestEntry] {
        var rows: [ManifestEntry] = []
        try ManifestReader.read(path: "\(path)/\(sub)/\(name)") { rows.append($0) }
        return rows
    }

    /// Waits (60 s at most) until `out/manifest.csv` has `rows` rows or `process` has ended. The
    /// manifest appears once the renderers are up: until then there is nothing to count.
    func waitForManifestRows(_ rows: Int, of process: Process) throws {
        let deadline = Date().addingTimeInterval(60)
        while (FileManager.default.fileExists(atPath: "\(path)/out/manifest.csv") ? try manifest().count : 0) < rows
                && Date() < deadline && process.isRunning { usleep(20_000) }
    }
}
/// `count` valid rows with realistic headers, some factors and notes.
func validRows(_ count: Int, prefix: String = "T") -> String {
    let factors = ["", "instability", "osteoporosis;deformity", "younger-age|good-alignment"]
    return (0..<count).map { i in
        "\(prefix)\(i),Given\(i),Family-\(i),19\(50 + i % 40)-0\(1 + i % 9)-1\(i % 10),,\"Note \(i), with a comma\",\(factors[i % 4])\n"
    }.joined()
}

let realHeader = "\"Patient ID\",\"First Name\",\"Last Name\",\"DOB\",\"Email\",\"Notes\",\"Factors\"\n"
