import Foundation

/// A handout's page images on disk (`--png`): `<stem>-p1.png`, `<stem>-p2.png`, ... written
/// through `DurableFile` (whole or not at all, mode 0600), and no page left from an earlier,
/// longer handout of the same stem.
public enum PreviewFiles {
    /// Writes one image per page; returns their file names, in page order.
    @discardableResult
    public static func write(_ images: [Data], directory: String, stem: String, tag: String) throws(FileWriteError) -> [String] {
        let names = self.names(stem: stem, pages: images.count)
        for (name, image) in zip(names, images) { try DurableFile.write(image, directory: directory, name: name, tag: tag) }
        remove(stem: stem, in: directory, from: images.count + 1)
        return names
    }

    public static func names(stem: String, pages: Int) -> [String] {
        (0..<pages).map { RecordFileName.previewName(for: stem, page: $0 + 1) }
    }

    /// Removes the images of `stem` from page `first` on (they are numbered without gaps).
    public static func remove(stem: String, in directory: String, from first: Int = 1) {
        var page = first
        while unlink("\(directory)/\(RecordFileName.previewName(for: stem, page: page))") == 0 { page += 1 }
    }
}
