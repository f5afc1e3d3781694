// A run's per-second windows as the report's time charts plot them: counts per second and the
// latency percentiles decoded from each window's histogram. A long run is thinned by merging
// neighbouring seconds, so a page of an hour-long run stays small.
import Histogram

/// One point of the timeline: one second of the run, or several merged.
struct TimelinePoint: Equatable {
    /// Seconds from the run's first second to this point's first second.
    var offset: Int64
    /// Completed requests per second.
    var requests: Double
    /// Errors per second.
    var errors: Double
    /// 429s per second.
    var throttled: Double
    /// Dropped arrivals per second.
    var dropped: Double
    /// Transfers in flight at the end of the point's last second.
    var inFlight: Int
    /// The latency percentiles of the point's requests; nil without requests, or when no
    /// histogram of the point could be decoded.
    var latency: LatencySummary?
}

/// The per-second windows of a run, ready to plot.
struct RunTimeline {
    /// More points than this and neighbouring seconds are merged: 600 keeps a 10-minute run at
    /// one point per second, and is finer than the chart's pixels anyway.
    static let maximumPoints = 600

    /// The points, in order.
    var points: [TimelinePoint]
    /// How many seconds each point covers (1 unless the run was long).
    var secondsPerPoint: Int
    /// How many windows' histograms could not be decoded (left out of the latency lines).
    var undecodableWindows: Int

    /// The timeline of `result`'s windows.
    init(_ result: LoadResult) {
        let windows = result.windows.sorted { $0.second < $1.second }
        guard let first = windows.first, let last = windows.last else {
            self.init(points: [], secondsPerPoint: 1, undecodableWindows: 0)
            return
        }
        let start = min(first.second, Int64(result.run.startedEpochSeconds.rounded(.down)))
        let span = last.second - start + 1
        let perPoint = max(1, Int64((Double(span) / Double(Self.maximumPoints)).rounded(.up)))

        var points: [TimelinePoint] = []
        var undecodable = 0
        var group: [SecondWindow] = []
        func flush() {
            guard let head = group.first, let tail = group.last else { return }
            var histogram: Histogram<UInt64>?
            for window in group {
                do {
                    let decoded = try HistogramCodec.decode(window.histogram)
                    if histogram == nil { histogram = decoded } else { try histogram?.merge(decoded) }
                } catch {
                    undecodable += 1
                }
            }
            let scale = Double(perPoint)
            let latency = histogram.flatMap { $0.totalCount > 0 ? $0.latencySummary : nil }
            points.append(TimelinePoint(
                offset: (head.second - start) / perPoint * perPoint,
                requests: Double(group.reduce(0) { $0 + $1.requests }) / scale,
                errors: Double(group.reduce(0) { $0 + $1.errors }) / scale,
                throttled: Double(group.reduce(0) { $0 + $1.throttled }) / scale,
                dropped: Double(group.reduce(0) { $0 + $1.dropped }) / scale,
                inFlight: tail.inFlight, latency: latency))
            group = []
        }
        for window in windows {
            if let head = group.first, (head.second - start) / perPoint != (window.second - start) / perPoint { flush() }
            group.append(window)
        }
        flush()
        self.init(points: points, secondsPerPoint: Int(perPoint), undecodableWindows: undecodable)
    }

    init(points: [TimelinePoint], secondsPerPoint: Int, undecodableWindows: Int) {
        self.points = points
        self.secondsPerPoint = secondsPerPoint
        self.undecodableWindows = undecodableWindows
    }
}
