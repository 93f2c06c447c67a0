import Foundation

/// An output directory where only this user can create files: created 0700 when missing,
/// refused when it is a link, not a directory, someone else's, or writable by others (who could
/// plant links or swap files between our write and the manifest's record of it).
public enum PrivateDirectory {
    public static func prepare(_ path: String) throws(FileWriteError) {
        var info = stat()
        if lstat(path, &info) != 0 {
            guard errno == ENOENT else { throw .refused(path: path, reason: DurableFile.errnoText()) }
            do {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
            } catch {
                throw .refused(path: path, reason: "cannot create the output directory (\(reasonText(error)))")
            }
            guard lstat(path, &info) == 0 else { throw .refused(path: path, reason: "cannot create the output directory") }
        }
        try check(path, info)
    }

    static func check(_ path: String, _ info: stat) throws(FileWriteError) {
        switch info.st_mode & S_IFMT {
        case S_IFDIR: break
        case S_IFLNK: throw .refused(path: path, reason: "is a symbolic link; give the real directory")
        default: throw .refused(path: path, reason: "is not a directory")
        }
        guard info.st_uid == geteuid() else {
            throw .refused(path: path, reason: "belongs to another user; use a directory of your own")
        }
        guard info.st_mode & 0o022 == 0 else {
            let mode = String(info.st_mode & 0o777, radix: 8)
            throw .refused(path: path, reason: "others can write to it (mode \(mode)); use a private directory (chmod 700) or a new path")
        }
        guard access(path, W_OK | X_OK) == 0 else { throw .refused(path: path, reason: "is not writable") }
    }

    private static func reasonText(_ error: Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return nsError.localizedDescription
    }
}
