// The load front door of the event loop: a driver on the loop thread starts transfers on its
// own schedule and gets each one back as a `FinishedTransfer`, with its time stamps, and with
// a body only when it asked for one.
import Curl
import Foundation
import NIOConcurrencyHelpers
import XCTest

/// What a test driver hands back to the test, across threads.
private final class Outbox: Sendable {
    private let transfers = NIOLockedValueBox<[FinishedTransfer]>([])
    private let stops = NIOLockedValueBox(0)

    func add(_ transfer: FinishedTransfer) { transfers.withLockedValue { $0.append(transfer) } }
    func stopRequested() { stops.withLockedValue { $0 += 1 } }
    var finished: [FinishedTransfer] { transfers.withLockedValue { $0 } }
    var stopCount: Int { stops.withLockedValue { $0 } }
}

/// Starts one transfer per URL, each due `spacing` after the previous, and finishes when
/// all have come back. With `cancelAfter`, cancels everything once that many have started.
private final class ScheduleDriver: TransferDriver {
    private let requests: [PreparedRequest]
    private let retain: Bool
    private let spacing: UInt64
    private let outbox: Outbox
    private var next = 0
    private var finishedCount = 0
    private var firstDue: UInt64 = 0
    private let cancelWhenAllStarted: Bool
    private var stopped = false

    init(urls: [String], retain: Bool, spacing: UInt64, cancelWhenAllStarted: Bool = false, options: TransferOptions, outbox: Outbox) throws {
        requests = try urls.map { try PreparedRequest(HTTPRequest(url: $0), options: options) }
        self.retain = retain
        self.spacing = spacing
        self.cancelWhenAllStarted = cancelWhenAllStarted
        self.outbox = outbox
    }

    func wake(loop: EventLoop, now: UInt64) -> DriverWake {
        if stopped { return .finished }
        if firstDue == 0 { firstDue = now }
        while next < requests.count {
            let due = firstDue + UInt64(next) * spacing
            guard due <= now else { return .at(due) }
            XCTAssertNil(loop.start(requests[next], tag: next, intendedStart: due, retainResponse: retain))
            next += 1
        }
        if cancelWhenAllStarted, loop.inFlight > 0 {
            loop.cancelAll()
        }
        return finishedCount == requests.count ? .finished : .idle
    }

    func transferFinished(_ transfer: FinishedTransfer, loop: EventLoop) {
        finishedCount += 1
        outbox.add(transfer)
    }

    func stopRequested(loop: EventLoop) {
        outbox.stopRequested()
        stopped = true
        loop.cancelAll()
    }
}

final class TransferDriverTests: XCTestCase {
    private let options = TransferOptions(connectTimeout: .seconds(5), timeout: .seconds(10))

    private func run(urls: [String], retain: Bool, spacing: UInt64 = 0, cancel: Bool = false) throws -> [FinishedTransfer] {
        let outbox = Outbox()
        let options = self.options
        let loop = try TransferLoop(configuration: LoopConfiguration(reservedHandles: 4)) { _ in
            // A driver that cannot be built fails the test through its empty outbox.
            (try? ScheduleDriver(urls: urls, retain: retain, spacing: spacing, cancelWhenAllStarted: cancel, options: options, outbox: outbox))
                ?? ScheduleDriver.empty(outbox: outbox)
        }
        loop.join()
        XCTAssertTrue(loop.hasEnded)
        return outbox.finished.sorted { $0.tag < $1.tag }
    }

    func testEveryTransferComesBackOnceWithItsTagStatusAndStamps() async throws {
        let server = try await LoopbackServer.start()
        let urls = (0..<200).map { server.baseURL + "/item/\($0)" }
        let finished = try run(urls: urls, retain: false)
        XCTAssertEqual(finished.map(\.tag), Array(0..<200), "each transfer exactly once")
        for transfer in finished {
            XCTAssertEqual(transfer.status, 200)
            XCTAssertNil(transfer.error)
            XCTAssertLessThanOrEqual(transfer.intendedStart, transfer.startedAt)
            XCTAssertLessThanOrEqual(transfer.startedAt, transfer.finishedAt)
            XCTAssertGreaterThan(transfer.bytesReceived, 0)
            XCTAssertGreaterThan(transfer.bytesSent, 0)
        }
        try await server.stop()
    }

    func testABodyIsKeptOnlyWhenAskedFor() async throws {
        let server = try await LoopbackServer.start()
        let withoutBody = try run(urls: [server.baseURL + "/echo"], retain: false)
        XCTAssertNil(withoutBody.first?.body, "not retained: the bytes only pass through")
        XCTAssertNil(withoutBody.first?.headers)
        let withBody = try run(urls: [server.baseURL + "/echo"], retain: true)
        let body = try XCTUnwrap(withBody.first?.body)
        XCTAssertTrue(String(decoding: body, as: UTF8.self).contains("\"path\":\"/echo\""))
        XCTAssertEqual(withBody.first?.headers?["x-echo-method"], "GET")
        try await server.stop()
    }

    func testATooManyRequestsAnswerKeepsItsHeadersEvenWithoutTheBody() async throws {
        let server = try await LoopbackServer.start()
        let finished = try run(urls: [server.baseURL + "/status/429"], retain: false)
        XCTAssertEqual(finished.first?.status, 429)
        XCTAssertNil(finished.first?.body)
        XCTAssertEqual(finished.first?.headers?["x-echo-status"], "429", "Retry-After lives in these headers")
        try await server.stop()
    }

    func testPacedTransfersStartNoEarlierThanTheyAreDue() async throws {
        let server = try await LoopbackServer.start()
        let urls = (0..<20).map { server.baseURL + "/item/\($0)" }
        let spacing: UInt64 = 5_000_000
        let finished = try run(urls: urls, retain: false, spacing: spacing)
        XCTAssertEqual(finished.count, 20)
        let first = try XCTUnwrap(finished.first).intendedStart
        for transfer in finished {
            XCTAssertEqual(transfer.intendedStart, first + UInt64(transfer.tag) * spacing, "the schedule comes from the index")
            XCTAssertGreaterThanOrEqual(transfer.startedAt, transfer.intendedStart, "never sent before it is due")
            XCTAssertEqual(transfer.latencyFromIntendedStart, transfer.finishedAt - transfer.intendedStart)
        }
        try await server.stop()
    }

    func testCancellingEndsTransfersInFlightAsCancelled() async throws {
        let server = try await LoopbackServer.start()
        let urls = (0..<5).map { _ in server.baseURL + "/delay/5000" }
        let finished = try run(urls: urls, retain: false, cancel: true)
        XCTAssertEqual(finished.count, 5)
        for transfer in finished {
            guard case .cancelled? = transfer.error else { return XCTFail("expected .cancelled, got \(String(describing: transfer.error))") }
            XCTAssertNil(transfer.status)
        }
        try await server.stop()
    }

    func testAStopRequestReachesTheDriverOnceAndEndsTheLoop() async throws {
        let server = try await LoopbackServer.start()
        let outbox = Outbox()
        let options = self.options
        let urls = (0..<3).map { _ in server.baseURL + "/delay/5000" }
        let loop = try TransferLoop { _ in
            (try? ScheduleDriver(urls: urls, retain: false, spacing: 0, options: options, outbox: outbox)) ?? ScheduleDriver.empty(outbox: outbox)
        }
        while outbox.finished.isEmpty, !loop.hasEnded {
            try await Task.sleep(for: .milliseconds(20))
            if !loop.hasEnded { loop.requestStop() }
        }
        loop.join()
        XCTAssertEqual(outbox.stopCount, 1)
        XCTAssertEqual(outbox.finished.count, 3, "the three delayed transfers were cancelled, not lost")
        try await server.stop()
    }

    func testABodyOverTheLimitIsAnErrorNotAnAllocation() async throws {
        let server = try await LoopbackServer.start()
        var limited = options
        limited.maxResponseBodyBytes = 16
        let small = limited
        let outbox = Outbox()
        let url = server.baseURL + "/echo/a-path-long-enough-to-make-the-echoed-body-exceed-sixteen-bytes"
        let loop = try TransferLoop { _ in
            (try? ScheduleDriver(urls: [url], retain: true, spacing: 0, options: small, outbox: outbox)) ?? ScheduleDriver.empty(outbox: outbox)
        }
        loop.join()
        let transfer = try XCTUnwrap(outbox.finished.first)
        guard case .responseTooLarge(_, let limit)? = transfer.error else {
            return XCTFail("expected .responseTooLarge, got \(String(describing: transfer.error))")
        }
        XCTAssertEqual(limit, 16)
        XCTAssertNil(transfer.body)
        try await server.stop()
    }

    func testConnectionsSurviveABurstOfCompletionsBeforeTheNextTransfersStart() async throws {
        // Rounds of 16: each round starts only when the last one has fully completed, so for a
        // moment no transfer is in the multi handle. Every round must reuse the 16 connections.
        let server = try await LoopbackServer.start()
        let outbox = Outbox()
        let options = self.options
        let url = server.baseURL + "/item"
        let loop = try TransferLoop(configuration: LoopConfiguration(maxConnections: 16, reservedHandles: 16)) { _ in
            RoundsDriver(url: url, width: 16, rounds: 10, options: options, outbox: outbox)
        }
        loop.join()
        XCTAssertEqual(outbox.finished.count, 160)
        XCTAssertEqual(outbox.finished.filter(\.timings.newConnection).count, 16)
        XCTAssertEqual(server.acceptedConnections, 16, "160 requests over the same 16 connections")
        try await server.stop()
    }

    func testTransfersStartedFromCompletionsEachComeBackOnceOverReusedConnections() async throws {
        // 96 in flight, 960 in all: enough ready sockets at once for the loop to set new
        // transfers going in the middle of a wake-up. None may be lost, doubled or misrouted.
        let server = try await LoopbackServer.start()
        let outbox = Outbox()
        let options = self.options
        let url = server.baseURL + "/item"
        let loop = try TransferLoop(configuration: LoopConfiguration(maxConnections: 96, reservedHandles: 96)) { _ in
            RelayDriver(url: url, width: 96, total: 960, options: options, outbox: outbox)
        }
        loop.join()
        let finished = outbox.finished
        XCTAssertEqual(finished.count, 960)
        XCTAssertEqual(Set(finished.map(\.tag)), Set(0..<960), "every tag back exactly once")
        XCTAssertTrue(finished.allSatisfy { $0.status == 200 && $0.error == nil })
        XCTAssertLessThanOrEqual(server.acceptedConnections, 96, "connections are reused, never more than the limit")
        try await server.stop()
    }

    func testALargeWakeUpFetchesTheStateOfTransfersAheadAndLosesNone() async throws {
        // 64 connections opened by a first round; then 64 answers that wait 300 ms on the server
        // arrive while the loop thread is held, so one wake-up finds them all ready: the loop
        // warms the transfers eight sockets ahead of the one libcurl acts on.
        let server = try await LoopbackServer.start()
        let outbox = Outbox()
        let warmed = NIOLockedValueBox(0)
        let options = self.options
        let base = server.baseURL
        let loop = try TransferLoop(configuration: LoopConfiguration(maxConnections: 64, reservedHandles: 64)) { _ in
            BurstDriver(warmURL: base + "/item", burstURL: base + "/delay/300", width: 64, options: options,
                        outbox: outbox, warmed: warmed)
        }
        loop.join()
        let finished = outbox.finished
        XCTAssertEqual(Set(finished.map(\.tag)), Set(0..<128), "every transfer back exactly once")
        XCTAssertTrue(finished.allSatisfy { $0.status == 200 && $0.error == nil })
        XCTAssertLessThanOrEqual(server.acceptedConnections, 64, "the burst reuses the first round's connections")
        XCTAssertGreaterThan(warmed.withLockedValue { $0 }, 0, "the poller named the transfer on sockets ahead")
        try await server.stop()
    }

    func testTheDescriptorLimitCoversASmallRunWithoutRaising() {
        XCTAssertEqual(FileDescriptorLimit.ensure(atLeast: 16), .sufficient(limit: currentSoftLimit()))
    }

    private func currentSoftLimit() -> Int {
        var limit = rlimit()
        getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit)
        return Int(limit.rlim_cur)
    }
}

/// Starts `width` transfers, waits until all of them are back, and does it again `rounds` times.
private final class RoundsDriver: TransferDriver {
    private let request: PreparedRequest?
    private let width: Int
    private let rounds: Int
    private let outbox: Outbox
    private var started = 0
    private var finished = 0

    init(url: String, width: Int, rounds: Int, options: TransferOptions, outbox: Outbox) {
        request = try? PreparedRequest(HTTPRequest(url: url), options: options)
        self.width = width
        self.rounds = rounds
        self.outbox = outbox
    }

    func wake(loop: EventLoop, now: UInt64) -> DriverWake {
        guard let request else { return .finished }
        if finished == width * rounds { return .finished }
        if loop.inFlight == 0, started == finished {
            for _ in 0..<width {
                XCTAssertNil(loop.start(request, tag: started, intendedStart: now, retainResponse: false))
                started += 1
            }
        }
        return .idle
    }

    func transferFinished(_ transfer: FinishedTransfer, loop: EventLoop) {
        finished += 1
        outbox.add(transfer)
    }

    func stopRequested(loop: EventLoop) {
        loop.cancelAll()
    }
}

/// Keeps `width` transfers in flight until `total` have started, starting each next one from
/// the completion of the last (as a closed-model load does), so that a wake-up with many ready
/// sockets sets new transfers going while it is still handing over completions.
private final class RelayDriver: TransferDriver {
    private let request: PreparedRequest?
    private let width: Int
    private let total: Int
    private let outbox: Outbox
    private var started = 0
    private var finished = 0

    init(url: String, width: Int, total: Int, options: TransferOptions, outbox: Outbox) {
        request = try? PreparedRequest(HTTPRequest(url: url), options: options)
        self.width = width
        self.total = total
        self.outbox = outbox
    }

    func wake(loop: EventLoop, now: UInt64) -> DriverWake {
        guard let request else { return .finished }
        while started < width {
            startNext(request, loop: loop, now: now)
        }
        return finished == total ? .finished : .idle
    }

    func transferFinished(_ transfer: FinishedTransfer, loop: EventLoop) {
        finished += 1
        outbox.add(transfer)
        if let request, started < total {
            startNext(request, loop: loop, now: transfer.finishedAt)
        }
    }

    private func startNext(_ request: PreparedRequest, loop: EventLoop, now: UInt64) {
        XCTAssertNil(loop.start(request, tag: started, intendedStart: now, retainResponse: false))
        started += 1
    }

    func stopRequested(loop: EventLoop) {
        loop.cancelAll()
    }
}

/// Runs `width` transfers to `warmURL` (opening the connections), then `width` to `burstURL`
/// all at once; holds the loop thread for 2 s right after sending the burst, so its answers
/// are all ready at the next wait. Reports the loop's `socketsWarmedAhead` when done.
private final class BurstDriver: TransferDriver {
    private let warm: PreparedRequest?
    private let burst: PreparedRequest?
    private let width: Int
    private let outbox: Outbox
    private let warmed: NIOLockedValueBox<Int>
    private var started = 0
    private var finished = 0
    private var burstSent = false
    private var held = false

    init(warmURL: String, burstURL: String, width: Int, options: TransferOptions, outbox: Outbox, warmed: NIOLockedValueBox<Int>) {
        warm = try? PreparedRequest(HTTPRequest(url: warmURL), options: options)
        burst = try? PreparedRequest(HTTPRequest(url: burstURL), options: options)
        self.width = width
        self.outbox = outbox
        self.warmed = warmed
    }

    func wake(loop: EventLoop, now: UInt64) -> DriverWake {
        guard let warm, let burst else { return .finished }
        if started == 0 {
            for _ in 0..<width { start(warm, loop: loop, now: now) }
        } else if finished == width, started == width {
            for _ in 0..<width { start(burst, loop: loop, now: now) }
            burstSent = true
        } else if burstSent, !held {
            // The loop sent the burst on its last pass (libcurl starts added transfers at its
            // next timeout call); their answers come while it sleeps here.
            held = true
            usleep(2_000_000)
        }
        if finished == 2 * width {
            warmed.withLockedValue { $0 = loop.socketsWarmedAhead }
            return .finished
        }
        return .idle
    }

    private func start(_ request: PreparedRequest, loop: EventLoop, now: UInt64) {
        XCTAssertNil(loop.start(request, tag: started, intendedStart: now, retainResponse: false))
        started += 1
    }

    func transferFinished(_ transfer: FinishedTransfer, loop: EventLoop) {
        finished += 1
        outbox.add(transfer)
    }

    func stopRequested(loop: EventLoop) {
        loop.cancelAll()
    }
}

extension ScheduleDriver {
    /// A driver with nothing to do, for when building the real one failed.
    fileprivate static func empty(outbox: Outbox) -> ScheduleDriver {
        // Building from no URLs cannot throw.
        (try? ScheduleDriver(urls: [], retain: false, spacing: 0, options: TransferOptions(), outbox: outbox))!
    }
}
