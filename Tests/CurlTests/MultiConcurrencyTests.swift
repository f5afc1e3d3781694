// Many transfers at once on one Multi: each completes exactly once with its own response,
// from any submitting thread, and shutdown cancels what is left.
import Curl
import Foundation
import NIOConcurrencyHelpers
import XCTest

/// Collects completions from the Multi's thread for the test to inspect.
private final class CompletionLog: Sendable {
    private let results = NIOLockedValueBox<[Int: [Result<HTTPResponse, CurlError>]]>([:])
    /// Fulfilled once per completion; over-fulfilling (a second completion) fails the test.
    let allDone: XCTestExpectation

    init(expecting count: Int, expectation: XCTestExpectation) {
        allDone = expectation
        allDone.expectedFulfillmentCount = count
        allDone.assertForOverFulfill = true
    }

    func record(_ index: Int, _ result: Result<HTTPResponse, CurlError>) {
        results.withLockedValue { $0[index, default: []].append(result) }
        allDone.fulfill()
    }

    var snapshot: [Int: [Result<HTTPResponse, CurlError>]] { results.withLockedValue { $0 } }
}

final class MultiConcurrencyTests: XCTestCase {
    private let options = TransferOptions(connectTimeout: .seconds(5), timeout: .seconds(10))

    func testFiveHundredTransfersOverSixteenConnectionsEachCompleteOnceWithTheirOwnBody() async throws {
        let server = try await LoopbackServer.start()
        let multi = Multi(maxConnectionsPerHost: 16)
        let count = 500
        let log = CompletionLog(expecting: count, expectation: expectation(description: "all transfers complete"))
        for index in 0..<count {
            multi.submit(HTTPRequest(url: server.baseURL + "/item/\(index)"), options: options) { result in
                log.record(index, result)
            }
        }
        await fulfillment(of: [log.allDone], timeout: 30)
        let results = log.snapshot
        XCTAssertEqual(results.count, count)
        for index in 0..<count {
            XCTAssertEqual(results[index]?.count, 1, "transfer \(index) completed \(results[index]?.count ?? 0) times")
            let response = try results[index]?.first?.get()
            XCTAssertEqual(response.map { try? EchoedRequest.decode($0).path }, "/item/\(index)")
        }
        XCTAssertLessThanOrEqual(server.acceptedConnections, 16)
        multi.shutdown()
        try await server.stop()
    }

    func testSubmissionsFromManyThreadsAllComplete() async throws {
        let server = try await LoopbackServer.start()
        let multi = Multi(maxConnectionsPerHost: 4)
        let count = 200
        let log = CompletionLog(expecting: count, expectation: expectation(description: "all transfers complete"))
        let options = self.options
        let url = server.baseURL
        DispatchQueue.concurrentPerform(iterations: count) { index in
            multi.submit(HTTPRequest(url: url + "/thread/\(index)"), options: options) { log.record(index, $0) }
        }
        await fulfillment(of: [log.allDone], timeout: 30)
        let results = log.snapshot
        XCTAssertEqual(results.count, count)
        XCTAssertTrue(results.values.allSatisfy { $0.count == 1 })
        XCTAssertTrue(results.values.allSatisfy { (try? $0.first?.get())?.status == 200 })
        multi.shutdown()
        try await server.stop()
    }

    func testShutdownCancelsUnfinishedTransfersExactlyOnceAndRefusesNewOnes() async throws {
        let server = try await LoopbackServer.start()
        let multi = Multi()
        let count = 5
        let log = CompletionLog(expecting: count + 1, expectation: expectation(description: "every transfer completes"))
        for index in 0..<count {
            multi.submit(HTTPRequest(url: server.baseURL + "/delay/5000"), options: options) { log.record(index, $0) }
        }
        try await Task.sleep(for: .milliseconds(200))
        multi.shutdown()
        multi.submit(HTTPRequest(url: server.baseURL + "/late"), options: options) { log.record(count, $0) }
        await fulfillment(of: [log.allDone], timeout: 10)
        let results = log.snapshot
        XCTAssertEqual(results.count, count + 1)
        for (index, outcomes) in results {
            XCTAssertEqual(outcomes.count, 1, "transfer \(index)")
            guard case .failure(.cancelled(let url)) = outcomes.first else {
                XCTFail("transfer \(index): \(String(describing: outcomes.first))")
                continue
            }
            XCTAssertTrue(url.hasPrefix(server.baseURL))
        }
        try await server.stop()
    }

    func testResubmittingFromTheCompletionKeepsAChainGoing() async throws {
        let server = try await LoopbackServer.start()
        let multi = Multi(maxConnectionsPerHost: 1)
        let done = expectation(description: "chain of 50 finishes")
        let chain = Chain(multi: multi, request: HTTPRequest(url: server.baseURL + "/chain"), options: options, remaining: 50, done: done)
        chain.next()
        await fulfillment(of: [done], timeout: 30)
        XCTAssertEqual(chain.statuses, Array(repeating: 200, count: 50))
        XCTAssertEqual(server.acceptedConnections, 1)
        multi.shutdown()
        try await server.stop()
    }
}

/// Sends a request, and again from each completion, `remaining` times; touched only on the loop thread.
private final class Chain: @unchecked Sendable {
    // @unchecked: after `next()` starts it, only the Multi's loop thread touches the fields.
    let multi: Multi
    let request: HTTPRequest
    let options: TransferOptions
    var remaining: Int
    let done: XCTestExpectation
    var statuses: [Int] = []

    init(multi: Multi, request: HTTPRequest, options: TransferOptions, remaining: Int, done: XCTestExpectation) {
        self.multi = multi
        self.request = request
        self.options = options
        self.remaining = remaining
        self.done = done
    }

    func next() {
        multi.submit(request, options: options) { result in
            self.statuses.append((try? result.get())?.status ?? -1)
            self.remaining -= 1
            if self.remaining > 0 { self.next() } else { self.done.fulfill() }
        }
    }
}
