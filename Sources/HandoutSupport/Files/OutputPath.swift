import Foundation

/// Where `render --output` puts one file: a new or regular file is replaced atomically through
/// `DurableFile`; a pipe, terminal or other device (`/dev/stdout`) is written straight through,
/// never replaced; a directory, a symbolic link to a regular file, or one of the inputs is refused.
public enum OutputPath {
    public enum Written: Sendable {
        /// A regular file, replaced atomically.
        case file
        /// A pipe, terminal or device, written straight through (say nothing on standard output then).
        case stream
    }

    @discardableResult
    public static func write(_ data: some DataProtocol, to path: String, inputs: [String]) throws(FileWriteError) -> Written {
        var target = stat()
        if stat(path, &target) == 0 {
            switch target.st_mode & S_IFMT {
            case S_IFDIR:
                throw .refused(path: path, reason: "is a directory; name the PDF file to write, like \(path)/handout.pdf")
            case S_IFREG:
                var link = stat()
                if lstat(path, &link) == 0, link.st_mode & S_IFMT == S_IFLNK {
                    throw .refused(path: path, reason: "is a symbolic link; name the file it points to")
                }
                for input in inputs {
                    var other = stat()
                    if stat(input, &other) == 0, other.st_dev == target.st_dev, other.st_ino == target.st_ino {
                        throw .refused(path: path, reason: "is the input file \(input); choose another output name")
                    }
                }
            default:
                try writeThrough(data, to: path)
                return .stream
            }
        }
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        if !FileManager.default.fileExists(atPath: directory) {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
            } catch {
                throw .refused(path: directory, reason: "cannot create the folder (\(error.localizedDescription))")
            }
        }
        try DurableFile.write(data, directory: directory, name: url.lastPathComponent, tag: "render")
        return .file
    }

    private static func writeThrough(_ data: some DataProtocol, to path: String) throws(FileWriteError) {
        let fd = open(path, O_WRONLY | O_CLOEXEC | O_NOCTTY)
        guard fd >= 0 else { throw .failed(step: "open", reason: DurableFile.errnoText()) }
        defer { close(fd) }
        try DurableFile.writeAll(data, to: fd, step: "write")
    }
}
