// The one clock every loop time stamp is read from.
import CCurl

/// The system's monotonic clock in nanoseconds: intended starts, send times and completions
/// are all read from it, so their differences are latencies.
public enum MonotonicClock {
    /// Now, in nanoseconds since an arbitrary fixed point (boot, on Linux).
    @inline(__always)
    public static func now() -> UInt64 {
        ccurl_monotonic_ns()
    }
}
