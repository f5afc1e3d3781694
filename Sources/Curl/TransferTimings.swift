// The phases of one transfer as libcurl measured them (CURLINFO_*_TIME_T).

/// When each phase of a transfer ended, measured from the start of the transfer.
///
/// Each value is cumulative, as libcurl reports it: `connect` includes `dns`, `firstByte`
/// includes both, and `total` is the whole transfer. So `dns ≤ connect ≤ firstByte ≤ total`.
/// On a reused keep-alive connection `dns` and `connect` are zero. `tls` is zero for plain HTTP.
/// Resolution is one microsecond (libcurl measures in µs): the `…Microseconds` properties are
/// the stored values, the `Duration` ones are computed from them.
public struct TransferTimings: Sendable, Hashable {
    /// Name resolution finished (CURLINFO_NAMELOOKUP_TIME_T), in microseconds.
    public var dnsMicroseconds: Int64
    /// The TCP connection was established (CURLINFO_CONNECT_TIME_T), in microseconds.
    public var connectMicroseconds: Int64
    /// The TLS handshake finished (CURLINFO_APPCONNECT_TIME_T), in microseconds; zero without TLS.
    public var tlsMicroseconds: Int64
    /// The first response byte arrived (CURLINFO_STARTTRANSFER_TIME_T), in microseconds.
    public var firstByteMicroseconds: Int64
    /// The transfer finished (CURLINFO_TOTAL_TIME_T), in microseconds.
    public var totalMicroseconds: Int64
    /// Whether this transfer opened a connection; false means it reused a keep-alive one.
    public var newConnection: Bool

    /// Creates timings from libcurl's microsecond counters.
    public init(
        dnsMicroseconds: Int64,
        connectMicroseconds: Int64,
        tlsMicroseconds: Int64,
        firstByteMicroseconds: Int64,
        totalMicroseconds: Int64,
        newConnection: Bool
    ) {
        self.dnsMicroseconds = dnsMicroseconds
        self.connectMicroseconds = connectMicroseconds
        self.tlsMicroseconds = tlsMicroseconds
        self.firstByteMicroseconds = firstByteMicroseconds
        self.totalMicroseconds = totalMicroseconds
        self.newConnection = newConnection
    }

    /// Name resolution finished.
    public var dns: Duration { .microseconds(dnsMicroseconds) }
    /// The TCP connection was established.
    public var connect: Duration { .microseconds(connectMicroseconds) }
    /// The TLS handshake finished; zero without TLS.
    public var tls: Duration { .microseconds(tlsMicroseconds) }
    /// The first response byte arrived.
    public var firstByte: Duration { .microseconds(firstByteMicroseconds) }
    /// The transfer finished.
    public var total: Duration { .microseconds(totalMicroseconds) }
}
