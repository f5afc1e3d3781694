// Every connection is a file descriptor: a load run with thousands of users needs the process's
// descriptor limit raised, or a clear error before it starts, not "too many open files" later.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process's limit on open file descriptors (RLIMIT_NOFILE).
public enum FileDescriptorLimit {
    /// What `ensure(atLeast:)` found or did.
    public enum Outcome: Sendable, Equatable {
        /// The soft limit was already high enough.
        case sufficient(limit: Int)
        /// The soft limit was raised (up to at most the hard limit).
        case raised(from: Int, to: Int)
        /// Even the hard limit is too low; raising it needs privileges (`ulimit -Hn`).
        case insufficient(needed: Int, soft: Int, hard: Int)
    }

    /// Raises the soft limit to at least `needed` descriptors when it is lower and the hard
    /// limit allows it.
    public static func ensure(atLeast needed: Int) -> Outcome {
        var limit = rlimit()
        guard getrlimit(resourceLimitNoFile, &limit) == 0 else { return .sufficient(limit: needed) }
        let soft = clamp(limit.rlim_cur)
        let hard = clamp(limit.rlim_max)
        if soft >= needed { return .sufficient(limit: soft) }
        guard hard >= needed else { return .insufficient(needed: needed, soft: soft, hard: hard) }
        var raised = limit
        raised.rlim_cur = rlim_t(needed)
        guard setrlimit(resourceLimitNoFile, &raised) == 0 else { return .insufficient(needed: needed, soft: soft, hard: hard) }
        return .raised(from: soft, to: needed)
    }

    private static func clamp(_ value: rlim_t) -> Int {
        value > rlim_t(Int.max) ? Int.max : Int(value)
    }

    #if canImport(Glibc)
    private static let resourceLimitNoFile = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
    #else
    private static let resourceLimitNoFile = RLIMIT_NOFILE
    #endif
}
