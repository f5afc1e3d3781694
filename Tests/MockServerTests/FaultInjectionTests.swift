// Each fault mode, observed from a client, with bounds wide enough never to flake: latency
// by the server's own statistics, error rates within binomial bounds, 429s with Retry-After,
// a stall, dropped connections, and per-operation overrides.
import Curl
import JSON
import MockServer
import XCTest

final class FaultInjectionTests: XCTestCase {
    private func configuration(seed: UInt64 = 7, _ configure: (inout FaultPlan) throws -> Void) rethrows -> MockConfiguration {
        var configuration = MockConfiguration.embedded(seed: seed)
        try configure(&configuration.faults)
        return configuration
    }

    func testUniformLatencyStaysWithinItsBoundsAndCentresOnItsMean() async throws {
        let mock = try await MockHarness(try configuration { $0.global.latency = try LatencyModel(parsing: "uniform:10ms,30ms") })
        for _ in 0..<60 { _ = try await mock.call("listGroups") }
        let statistics = mock.server.statistics
        XCTAssertEqual(statistics.sampledLatency.count, 60)
        XCTAssertGreaterThanOrEqual(statistics.sampledLatency.minimum, 10)
        XCTAssertLessThanOrEqual(statistics.sampledLatency.maximum, 30.001)
        // Uniform(10, 30): mean 20, sd 5.8; the mean of 60 draws is within 20 ± 4 with
        // overwhelming probability (and the seed fixes the draws anyway).
        XCTAssertEqual(statistics.sampledLatency.mean, 20, accuracy: 4)
        XCTAssertEqual(statistics.sampledLatency.standardDeviation, 5.77, accuracy: 2.5)
        // The server waited at least what it drew before answering.
        XCTAssertEqual(statistics.measuredDelay.count, 60)
        XCTAssertGreaterThanOrEqual(statistics.measuredDelay.minimum, 9.9)
        XCTAssertGreaterThanOrEqual(statistics.measuredDelay.mean, statistics.sampledLatency.mean - 0.1)
        await mock.finish()
    }

    func testNormalLatencyMatchesItsMeanAndDeviation() async throws {
        let mock = try await MockHarness(try configuration { $0.global.latency = try LatencyModel(parsing: "normal:8ms,2ms") })
        for _ in 0..<80 { _ = try await mock.call("listChannels") }
        let sampled = mock.server.statistics.sampledLatency
        XCTAssertEqual(sampled.mean, 8, accuracy: 1.2)
        XCTAssertEqual(sampled.standardDeviation, 2, accuracy: 1)
        XCTAssertGreaterThanOrEqual(sampled.minimum, 0)
        await mock.finish()
    }

    func testErrorRateFailsAShareOfRequestsWithinBinomialBounds() async throws {
        let mock = try await MockHarness(try configuration { $0.global.errorRate = try FaultProbability(parsing: "25%", flag: "--error-rate") })
        var statuses: [Int] = []
        for _ in 0..<200 {
            let reply = try await mock.send("GET", "/agents?items_per_page=5")
            if reply.status == 500 { assertErrorBody(reply, status: 500) }
            statuses.append(reply.status)
        }
        let errors = statuses.filter { $0 == 500 }.count
        // n = 200, p = 0.25: mean 50, sd 6.1; ±5 sd.
        XCTAssertTrue((20...80).contains(errors), "\(errors) errors")
        XCTAssertEqual(errors + statuses.filter { $0 == 200 }.count, 200)
        XCTAssertEqual(mock.server.statistics.injectedErrors, errors)
        await mock.stop()

        // The same seed and request order give the same statuses.
        let again = try await MockHarness(configuration { $0.global.errorRate = FaultProbability(0.25) })
        var repeated: [Int] = []
        for _ in 0..<200 { repeated.append(try await again.send("GET", "/agents?items_per_page=5").status) }
        XCTAssertEqual(repeated, statuses)
        await again.stop()
    }

    func testRateLimitAnswers429WithRetryAfter() async throws {
        let mock = try await MockHarness(try configuration { $0.global.rateLimit = try RequestRate(parsing: "2/s") })
        var limited: MockReply?
        for _ in 0..<10 {
            let reply = try await mock.send("GET", "/groups")
            if reply.status == 429 { limited = reply; break }
            XCTAssertEqual(reply.status, 200)
        }
        let reply = try XCTUnwrap(limited, "10 requests at once exceed 2/s")
        assertErrorBody(reply, status: 429)
        let retryAfter = try XCTUnwrap(reply.headers["Retry-After"].flatMap(Int.init))
        XCTAssertGreaterThanOrEqual(retryAfter, 1)
        XCTAssertGreaterThanOrEqual(mock.server.statistics.rateLimited, 1)
        await mock.stop()
    }

    func testAStallHoldsResponsesUntilItEnds() async throws {
        // Stall from 100 ms after the first request, for 1.5 s.
        let mock = try await MockHarness(try configuration { $0.global.stall = try StallWindow(parsing: "100ms,1500ms") })
        let first = try await mock.send("GET", "/channels")
        XCTAssertEqual(first.status, 200)
        try await Task.sleep(for: .milliseconds(200))
        let stalled = try await mock.send("GET", "/channels")
        XCTAssertEqual(stalled.status, 200, "a stalled request is answered when the stall ends")
        let statistics = mock.server.statistics
        XCTAssertEqual(statistics.stalled, 1)
        // It arrived about 100 ms into the stall, so it waited up to 1.4 s; the server
        // measured a real wait of at least some of it (a lower bound only: never flaky).
        XCTAssertGreaterThan(statistics.measuredDelay.maximum, 50)
        await mock.finish()
    }

    func testDropsCutTheResponseAndOverridesApplyPerOperation() async throws {
        let mock = try await MockHarness(try configuration { plan in
            try plan.addOverride(parsing: "listGroups:drop-rate=1")
            try plan.addOverride(parsing: "listChannels:error-rate=100%")
        })
        do {
            let reply = try await mock.send("GET", "/groups")
            XCTFail("a dropped response must not arrive whole, got \(reply.status)")
        } catch let error as CurlError {
            // The head promised a Content-Length the connection closed short of: libcurl's
            // partial-file error, which Curl reports as a broken connection.
            if case .reset(let url, _) = error {
                XCTAssertTrue(url.hasSuffix("/groups"), url)
            } else {
                XCTFail("expected a broken connection (closed mid-response), got \(error)")
            }
        }
        let channels = try await mock.send("GET", "/channels")
        XCTAssertEqual(channels.status, 500)
        let agents = try await mock.call("listAgents")
        XCTAssertEqual(agents.status, 200, "operations without an override are untouched")
        XCTAssertEqual(mock.server.statistics.dropped, 1)
        await mock.stop()
    }

    func testAnOverrideNamingAnUnknownOperationStopsTheStart() async throws {
        var configuration = MockConfiguration.embedded()
        try configuration.faults.addOverride(parsing: "listTickets:error-rate=0.5")
        do {
            let server = try await MockServer.start(configuration)
            await server.shutdown()
            XCTFail("started with an unknown operation")
        } catch let error as MockServerError {
            XCTAssertTrue(error.description.contains("listTickets"), error.description)
        }
    }
}
