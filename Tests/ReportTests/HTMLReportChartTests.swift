// The report's charts, piece by piece: axes with readable ticks, HdrHistogram's percentile
// curve, the timeline behind the time charts, and the status-code bars.
import Histogram
@testable import Report
import XCTest

final class HTMLReportChartTests: XCTestCase {
    func testLinearAxesEndOnANiceTick() {
        let latency = ChartAxis.linear(title: "latency (ms)", upTo: 432)
        XCTAssertEqual(latency.upper, 500)
        XCTAssertEqual(latency.ticks.map(\.label), ["0", "100", "200", "300", "400", "500"])

        XCTAssertEqual(ChartAxis.linear(title: "ms", upTo: 0.37).ticks.map(\.label), ["0", "0.1", "0.2", "0.3", "0.4"])
        XCTAssertEqual(ChartAxis.linear(title: "s", upTo: 3, wholeNumbers: true).ticks.map(\.label), ["0", "1", "2", "3"])
        // Nothing measured: still an axis, from 0 to 1.
        XCTAssertEqual(ChartAxis.linear(title: "ms", upTo: 0).upper, 1)
        XCTAssertEqual(ChartAxis.linear(title: "ms", upTo: .nan).upper, 1)
    }

    func testThePercentileAxisSpacesTheNinesEvenly() {
        let axis = ChartAxis.percentile(decades: 4)
        XCTAssertEqual(axis.ticks.map(\.label), ["0%", "90%", "99%", "99.9%", "99.99%"])
        XCTAssertEqual(axis.ticks.map(\.value), [0, 1, 2, 3, 4])
        XCTAssertEqual(ChartAxis.percentilePosition(0.999), 3, accuracy: 1e-9)
        XCTAssertEqual(ChartAxis.percentile(decades: 0).ticks.map(\.label), ["0%", "90%"])
    }

    func testThePercentileCurveRunsFromTheFastestToTheSlowestRequest() {
        var histogram = LatencyHistogram.make()
        histogram.record(1_000, count: 990)
        histogram.record(250_000, count: 10)
        let points = PercentileCurve.points(histogram)

        XCTAssertEqual(points.first?.x, 0)
        XCTAssertEqual(points.first?.y ?? 0, 1, accuracy: 0.01)
        // 1,000 requests: the last one sits at 99.9%, three decades along; it is the maximum.
        XCTAssertEqual(points.last?.x ?? 0, 3, accuracy: 1e-9)
        XCTAssertEqual(points.last?.y ?? 0, 250, accuracy: 0.5)
        XCTAssertEqual(points.count, 3 * PercentileCurve.pointsPerDecade + 1)
        XCTAssertEqual(points.map(\.y), points.map(\.y).sorted(), "latency never falls as the percentile rises")
        XCTAssertEqual(PercentileCurve.points(LatencyHistogram.make()), [])
    }

    func testTheTimelineKeepsEverySecondOfAShortRun() throws {
        let result = try HTMLReportFixtures.smokeRun()
        let timeline = RunTimeline(result)

        XCTAssertEqual(timeline.secondsPerPoint, 1)
        XCTAssertEqual(timeline.points.count, result.windows.count)
        XCTAssertEqual(timeline.points.map(\.offset), Array(0 ..< Int64(result.windows.count)))
        XCTAssertEqual(timeline.points.map(\.requests), result.windows.map { Double($0.requests) })
        XCTAssertEqual(timeline.undecodableWindows, 0)
    }

    func testALongRunIsThinnedByMergingNeighbouringSeconds() throws {
        let windows = try ResultsFileFixtures.windows(startingAt: 1_000, count: 3)
        var result = loadResult([:])
        result.run.startedEpochSeconds = 1_000.4
        // Just over ten minutes: 601 seconds of 25 requests each.
        result.windows = (0 ..< 601).map { offset in
            var window = windows[offset % 3]
            window.second = 1_000 + Int64(offset)
            return window
        }
        let timeline = RunTimeline(result)

        XCTAssertEqual(timeline.secondsPerPoint, 2)
        XCTAssertEqual(timeline.points.count, 301)
        XCTAssertEqual(timeline.points[1].offset, 2)
        XCTAssertEqual(timeline.points[1].requests, 25, "still per second")
        XCTAssertEqual(timeline.points[1].latency?.count, 50, "two seconds' histograms merged")
        XCTAssertEqual(timeline.points.last?.latency?.count, 25, "the last second alone")
    }

    func testAWindowWhoseHistogramCannotBeDecodedIsLeftOutOfTheLatencyLines() throws {
        var result = try HTMLReportFixtures.smokeRun()
        result.windows[3].histogram = "HISTFAAAnot-base64"
        let timeline = RunTimeline(result)

        XCTAssertEqual(timeline.undecodableWindows, 1)
        XCTAssertNil(timeline.points[3].latency)
        XCTAssertEqual(timeline.points[3].requests, Double(result.windows[3].requests), "its counts still show")
        let chart = RunCharts.latencyOverTime(timeline, model: "open")
        XCTAssertEqual(chart.series.map(\.points.count), Array(repeating: result.windows.count - 1, count: 4))
        XCTAssertTrue(LoadHTMLReport.page(result).contains("1 windows had a histogram that could not be decoded"))
    }

    func testStatusCodesGetABarEachAndTransportErrorsOneMore() {
        var overall = operationResult(latencies: [(5, 100)], errors: 6, throttled: 3)
        overall.statusCounts[503] = 4  // two of the six errors got no response at all
        overall.statusCounts[200] = 91 - 4
        let chart = RunCharts.statusCodes(overall)

        XCTAssertEqual(chart.bars.map(\.label), ["200", "429", "503", "no response"])
        XCTAssertEqual(chart.bars.map(\.value), [87, 3, 4, 6])
        XCTAssertEqual(chart.bars.map(\.colour), ["#59a14f", ChartPalette.throttled, ChartPalette.errors, "#8c8c8c"])
        XCTAssertTrue(chart.svg().contains("<title>no response: 6</title>"))
    }
}
