// The text of the last system error, for messages about descriptors and limits.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `strerror(errno)`, read at once (errno changes with the next system call).
func systemErrorText() -> String {
    String(cString: strerror(errno))
}
