// The phases of one transfer as libcurl measured them (CURLINFO_*_TIME_T).

/// When each phase of a transfer ended, measured from the start of the transfer.
///
/// Each value is cumulative, as libcurl reports it: `connect` includes `dns`, `firstByte`
/// includes both, and `total` is the whole transfer. So `dns ≤ connect ≤ firstByte ≤ total`.
/// On a reused keep-alive connection `dns` and `connect` are zero. `tls` is zero for plain HTTP.
/// Resolution is one microsecond (libcurl measures in µs); `microseconds(_:)` gives the raw value.
public struct TransferTimings: Sendable, Hashable {
    /// Name resolution finished (CURLINFO_NAMELOOKUP_TIME_T).
    public var dns: Duration
    /// The TCP connection was established (CURLINFO_CONNECT_TIME_T).
    public var connect: Duration
    /// The TLS handshake finished (CURLINFO_APPCONNECT_TIME_T); zero without TLS.
    public var tls: Duration
    /// The first response byte arrived (CURLINFO_STARTTRANSFER_TIME_T).
    public var firstByte: Duration
    /// The transfer finished (CURLINFO_TOTAL_TIME_T).
    public var total: Duration
    /// Whether this transfer opened a connection; false means it reused a keep-alive one.
    public var newConnection: Bool

    /// Creates timings; the engine builds these from libcurl's microsecond counters.
    public init(dns: Duration, connect: Duration, tls: Duration, firstByte: Duration, total: Duration, newConnection: Bool) {
        self.dns = dns
        self.connect = connect
        self.tls = tls
        self.firstByte = firstByte
        self.total = total
        self.newConnection = newConnection
    }

    /// `duration` in whole microseconds, the unit histograms record.
    public static func microseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000 + attoseconds / 1_000_000_000_000
    }
}
