import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One holder at a time: an exclusive `flock` on a lock file (made 0600, never through a link),
/// held until the value is released or the process ends (the kernel drops it even after
/// `kill -9`, so a killed run never leaves it stuck).
///
/// Sendable: the descriptor is set once and only closed, in `deinit`.
public final class ExclusiveLock: Sendable {
    private let descriptor: Int32

    public enum Failure: Error, Equatable {
        /// Another process holds it.
        case held
        case cannotOpen(reason: String)
    }

    /// Takes the lock of `path` at once, or throws `.held` when another process has it.
    public init(path: String) throws(Failure) {
        descriptor = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .cannotOpen(reason: String(cString: strerror(errno))) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw .held
        }
    }

    deinit { close(descriptor) }
}
