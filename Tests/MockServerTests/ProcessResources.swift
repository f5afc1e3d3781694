// What the abuse and fuzz tests measure or need of the test process, in which the mock runs:
// its resident memory, and enough file descriptors for thousands of connections.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

enum ProcessResources {
    /// The resident set size (VmRSS of /proc/self/status) in bytes; nil where there is no /proc.
    static func residentBytes() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            let kilobytes = line.split(separator: " ").compactMap { Int($0) }.first
            return kilobytes.map { $0 * 1024 }
        }
        return nil
    }

    /// Raises the soft limit on open files towards `wanted` (at most the hard limit) and
    /// returns the limit now in force.
    static func raiseOpenFileLimit(to wanted: Int) -> Int {
        #if canImport(Glibc)
        let resource = Int32(RLIMIT_NOFILE.rawValue)
        #else
        let resource = RLIMIT_NOFILE
        #endif
        var limit = rlimit()
        guard getrlimit(resource, &limit) == 0 else { return 256 }
        if limit.rlim_cur < rlim_t(wanted) {
            limit.rlim_cur = Swift.min(rlim_t(wanted), limit.rlim_max)
            _ = setrlimit(resource, &limit)
            _ = getrlimit(resource, &limit)
        }
        return Int(clamping: limit.rlim_cur)
    }

    /// Runs `work` on its own thread (blocking socket calls must not hold a thread of the
    /// Swift concurrency pool, which has one per core) and returns its result.
    static func onThread<Result: Sendable>(_ work: @escaping @Sendable () -> Result) async -> Result {
        await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: work()) }
            thread.stackSize = 1 << 20
            thread.start()
        }
    }
}
