// The flag syntaxes the CLI hands to the mock, and errors that name the flag.
import MockServer
import XCTest

final class FlagParsingTests: XCTestCase {
    func testLatencyModelsReadTheirSyntax() throws {
        XCTAssertEqual(try LatencyModel(parsing: "fixed:20ms"), .fixed(.milliseconds(20)))
        XCTAssertEqual(try LatencyModel(parsing: "uniform:10ms,30ms"), .uniform(min: .milliseconds(10), max: .milliseconds(30)))
        XCTAssertEqual(try LatencyModel(parsing: "normal:1.5s,250ms"), .normal(mean: .milliseconds(1500), standardDeviation: .milliseconds(250)))
        XCTAssertEqual(try LatencyModel(parsing: "uniform:10ms,30ms").description, "uniform:10ms,30ms")
    }

    func testBadLatencySaysWhichFlagAndWhatItWanted() {
        for text in ["fast", "fixed:20", "uniform:30ms,10ms", "normal:5ms", "fixed:-1ms", "gauss:1ms,1ms"] {
            XCTAssertThrowsError(try LatencyModel(parsing: text), text) { error in
                let message = "\(error)"
                XCTAssertTrue(message.hasPrefix("--latency \"\(text)\": expected"), message)
            }
        }
    }

    func testRatesProbabilitiesAndStalls() throws {
        XCTAssertEqual(try RequestRate(parsing: "100/s").perSecond, 100)
        XCTAssertEqual(try RequestRate(parsing: "30/m").perSecond, 0.5)
        XCTAssertEqual(try RequestRate(parsing: "off"), .unlimited)
        XCTAssertThrowsError(try RequestRate(parsing: "0/s"))
        XCTAssertEqual(try FaultProbability(parsing: "0.05", flag: "--error-rate").value, 0.05)
        XCTAssertEqual(try FaultProbability(parsing: "5%", flag: "--error-rate").value, 0.05, accuracy: 1e-12)
        XCTAssertThrowsError(try FaultProbability(parsing: "1.5", flag: "--drop-rate")) { error in
            XCTAssertEqual((error as? MockFlagError)?.flag, "--drop-rate")
        }
        XCTAssertEqual(try StallWindow(parsing: "5s,2s"), StallWindow(start: .seconds(5), length: .seconds(2)))
        XCTAssertThrowsError(try StallWindow(parsing: "5s"))
    }

    func testFlagsReadTheCLIsOneDurationAndRateGrammar() throws {
        XCTAssertEqual(try LatencyModel(parsing: "fixed:1m30s"), .fixed(.seconds(90)))
        XCTAssertEqual(try LatencyModel(parsing: "fixed:800\u{B5}s"), .fixed(.microseconds(800)))
        XCTAssertEqual(try StallWindow(parsing: "1.5s,500ms"), StallWindow(start: .milliseconds(1500), length: .milliseconds(500)))
        XCTAssertEqual(try RequestRate(parsing: "100/10s").perSecond, 10)
        XCTAssertEqual(try RequestRate(parsing: "100").perSecond, 100, "a bare number is per second for this flag")
        for bad in ["fast", "-1/s", "0", "1/0s"] {
            XCTAssertThrowsError(try RequestRate(parsing: bad), bad) { error in
                XCTAssertTrue("\(error)".hasPrefix("--rate-limit \"\(bad)\": expected"), "\(error)")
            }
        }
        XCTAssertThrowsError(try StallWindow(parsing: "5,2s")) { error in
            XCTAssertTrue("\(error)".hasPrefix("--stall \"5,2s\": expected"), "\(error)")
        }
    }

    func testOverridesReplaceOnlyWhatTheySet() throws {
        var plan = FaultPlan(global: FaultSettings(latency: .fixed(.milliseconds(5)), errorRate: FaultProbability(0.1)))
        try plan.addOverride(parsing: "sendMessage:error-rate=0.5")
        try plan.addOverride(parsing: "sendMessage:latency=uniform:1ms,2ms")
        let send = plan.settings(for: "sendMessage")
        XCTAssertEqual(send.errorRate, FaultProbability(0.5))
        XCTAssertEqual(send.latency, .uniform(min: .milliseconds(1), max: .milliseconds(2)))
        XCTAssertEqual(plan.settings(for: "listAgents"), plan.global)
        XCTAssertThrowsError(try plan.addOverride(parsing: "sendMessage:jitter=1ms"))
        XCTAssertThrowsError(try plan.addOverride(parsing: "sendMessage"))
    }
}
