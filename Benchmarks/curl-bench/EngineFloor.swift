// The load engine's floor: the driver front door of `TransferLoop` (the one `fcharness load`
// uses) with a driver that does nothing but restart the same prepared request when one ends.
// Beside the C loops it shows what the engine itself costs per request; with -u and -a, what
// the two header lines `fcharness load` sends cost; the rest of the gap to `fcharness load` is
// its driver (schedule, iterations, histograms, checks). docs/performance.md has the figures.
import Curl
import Synchronization

/// Responses and failures counted on the loop thread and read after it has ended.
final class ResponseCount: Sendable {
    let value = Atomic<Int>(0)
    let failures = Atomic<Int>(0)
    /// The first failure, or why the request could not be prepared: a run with no responses
    /// says why.
    let firstError = Mutex<String?>(nil)

    func recordFailure(_ description: String) {
        failures.add(1, ordering: .relaxed)
        firstError.withLock { first in
            if first == nil { first = description }
        }
    }
}

/// Keeps `users` transfers of one request in flight until `deadline` (monotonic ns).
final class FloorDriver: TransferDriver {
    private let request: PreparedRequest
    private let deadline: UInt64
    private let users: Int
    private let responses: ResponseCount
    private var started = false
    private var stopping = false

    init(request: PreparedRequest, deadline: UInt64, users: Int, responses: ResponseCount) {
        self.request = request
        self.deadline = deadline
        self.users = users
        self.responses = responses
    }

    func wake(loop: EventLoop, now: UInt64) -> DriverWake {
        if !started {
            started = true
            for user in 0..<users {
                _ = loop.start(request, tag: user, intendedStart: now, retainResponse: false)
            }
        }
        if stopping || now >= deadline { return loop.inFlight == 0 ? .finished : .idle }
        return .at(deadline)
    }

    func transferFinished(_ transfer: FinishedTransfer, loop: EventLoop) {
        if transfer.status != nil {
            responses.value.add(1, ordering: .relaxed)
        } else {
            responses.recordFailure(transfer.error.map { "\($0)" } ?? "no response")
        }
        guard !stopping, transfer.finishedAt < deadline else { return }
        _ = loop.start(request, tag: transfer.tag, intendedStart: transfer.finishedAt, retainResponse: false)
    }

    func stopRequested(loop: EventLoop) {
        stopping = true
    }
}

/// Runs the floor for `arguments.seconds` and prints `Requests/sec: N` last, as peers.sh reads it.
func runEngineFloor(url: String, arguments: BenchArguments) -> Int32 {
    let users = arguments.connections
    let timeout = Duration.milliseconds(Int64(arguments.timeoutSeconds * 1000))
    let userAgent = arguments.userAgent
    let acceptsJSON = arguments.acceptsJSON
    let seconds = arguments.seconds
    let responses = ResponseCount()
    let startedAt = MonotonicClock.now()
    let configuration = LoopConfiguration(maxConnections: users, reservedHandles: users, idleHandleLimit: users)
    let loop: TransferLoop
    do {
        loop = try TransferLoop(configuration: configuration) { _ in
            let options = TransferOptions(connectTimeout: timeout, timeout: timeout, userAgent: userAgent)
            let headers: HTTPHeaders = acceptsJSON ? ["Accept": "application/json"] : [:]
            // A request the loop refuses ends the run at once: no transfers, and the reason printed.
            let request: PreparedRequest
            do {
                let list = try HeaderList(headers, hasBody: false, userAgent: userAgent, url: url)
                request = try PreparedRequest(method: "GET", url: url, headerList: list, body: nil, options: options)
            } catch {
                responses.recordFailure("\(error)")
                return FinishedDriver()
            }
            return FloorDriver(request: request, deadline: MonotonicClock.now() + UInt64(seconds * 1e9),
                               users: users, responses: responses)
        }
    } catch {
        print("curl-bench: \(error)")
        return 1
    }
    loop.join()
    let elapsed = Double(MonotonicClock.now() - startedAt) / 1e9
    let count = responses.value.load(ordering: .relaxed)
    print("engine floor: connections=\(users) requests=\(count) errors=\(responses.failures.load(ordering: .relaxed))")
    if let first = responses.firstError.withLock({ $0 }) {
        print("first error: \(first)")
    }
    print("Requests/sec: \(Int((Double(count) / elapsed).rounded()))")
    return count > 0 ? 0 : 1
}

/// A driver that is finished before it starts anything (the request could not be prepared).
private final class FinishedDriver: TransferDriver {
    func wake(loop: EventLoop, now: UInt64) -> DriverWake { .finished }
    func transferFinished(_ transfer: FinishedTransfer, loop: EventLoop) {}
    func stopRequested(loop: EventLoop) {}
}
