// The four charts of the report, built from a run: latency percentiles over time; throughput,
// errors, throttled and dropped over time; each operation's percentile distribution; status codes.
import Histogram

/// The report's charts.
enum RunCharts {
    /// p50, p90, p99 and max of each second (or merged group of seconds), in ms.
    static func latencyOverTime(_ timeline: RunTimeline, model: String) -> LineChart {
        let measured = timeline.points.compactMap { point in point.latency.map { (Double(point.offset), $0) } }
        func line(_ name: String, _ colour: String, _ value: (LatencySummary) -> Double) -> ChartSeries {
            ChartSeries(name: name, colour: colour, points: measured.map { ChartPoint(x: $0.0, y: value($0.1)) })
        }
        let series = [
            line("p50", ChartPalette.p50, \.p50), line("p90", ChartPalette.p90, \.p90),
            line("p99", ChartPalette.p99, \.p99), line("max", ChartPalette.max, \.max),
        ]
        let top = measured.map(\.1.max).max() ?? 0
        let from = model == "open" ? "from the intended start" : "from the send"
        return LineChart(
            title: "Latency percentiles over time (ms, \(from))", xAxis: timeAxis(timeline),
            yAxis: .linear(title: "latency (ms)", upTo: top), series: series)
    }

    /// Requests, errors, 429s and dropped arrivals per second.
    static func throughputOverTime(_ timeline: RunTimeline) -> LineChart {
        func line(_ name: String, _ colour: String, _ value: (TimelinePoint) -> Double) -> ChartSeries {
            ChartSeries(name: name, colour: colour, points: timeline.points.map { ChartPoint(x: Double($0.offset), y: value($0)) })
        }
        let series = [
            line("requests/s", ChartPalette.requests, \.requests), line("errors/s", ChartPalette.errors, \.errors),
            line("throttled (429)/s", ChartPalette.throttled, \.throttled), line("dropped/s", ChartPalette.dropped, \.dropped),
        ]
        let top = timeline.points.map { max($0.requests, $0.errors, $0.throttled, $0.dropped) }.max() ?? 0
        let anyRequests = timeline.points.contains { $0.requests > 0 || $0.dropped > 0 }
        return LineChart(
            title: "Throughput, errors, throttled and dropped per second", xAxis: timeAxis(timeline),
            yAxis: .linear(title: "per second", upTo: top), series: anyRequests ? series : [])
    }

    /// HdrHistogram's percentile plot: one line per operation, latency against log 1/(1−p).
    static func percentileDistribution(_ operations: [(name: String, latency: Histogram<UInt64>)], model: String) -> LineChart {
        var series: [ChartSeries] = []
        var reach = 0.0
        var top = 0.0
        for (index, operation) in operations.enumerated() where operation.latency.totalCount > 0 {
            let style = ChartPalette.style(at: index)
            let points = PercentileCurve.points(operation.latency)
            series.append(ChartSeries(name: operation.name, colour: style.colour, dashed: style.dashed, points: points))
            reach = max(reach, PercentileCurve.reach(of: operation.latency))
            top = max(top, points.map(\.y).max() ?? 0)
        }
        let from = model == "open" ? "from the intended start" : "from the send"
        return LineChart(
            title: "Latency by percentile, per operation (ms, \(from))",
            xAxis: .percentile(decades: Int(reach.rounded(.up))),
            yAxis: .linear(title: "latency (ms)", upTo: top), series: series, markers: false)
    }

    /// A bar per status code, and one for transfers that got no status (transport errors).
    static func statusCodes(_ overall: OperationResult) -> BarChart {
        var bars = overall.statusCounts.sorted { $0.key < $1.key }.map { status, count in
            ChartBar(label: String(status), value: count, colour: ChartPalette.status(status))
        }
        let withoutStatus = overall.requests - overall.statusCounts.values.reduce(0, +)
        if withoutStatus > 0 {
            bars.append(ChartBar(label: "no response", value: withoutStatus, colour: ChartPalette.status(nil)))
        }
        return BarChart(title: "Responses by status code", valueTitle: "responses", categoryTitle: "status", bars: bars)
    }

    private static func timeAxis(_ timeline: RunTimeline) -> ChartAxis {
        let last = Double(timeline.points.last?.offset ?? 0)
        let unit = timeline.secondsPerPoint > 1 ? " (each point \(timeline.secondsPerPoint) s)" : ""
        return .linear(title: "seconds since start" + unit, upTo: last, wholeNumbers: true)
    }
}
