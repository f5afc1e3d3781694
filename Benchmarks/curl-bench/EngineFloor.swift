// The load engine's floor: the driver front door of `TransferLoop` (the one `fcharness load`
// uses) with a driver that does nothing but restart the same prepared request when one ends.
// Beside the C loops it shows what the engine itself costs per request; with -u and -a, what
// the two header lines `fcharness load` sends cost; the rest of the gap to `fcharness load` is
// its driver (schedule, iterations, histograms, checks). docs/performance.md has the figures.
import Curl
import Synchronization

/// Responses counted on the loop thread and read after it has ended.
final class ResponseCount: Sendable {
    let value = Atomic<Int>(0)
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
        if transfer.status != nil { responses.value.add(1, ordering: .relaxed) }
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
            // A request the loop refuses ends the run at once: no driver, no transfers.
            guard let list = try? HeaderList(headers, hasBody: false, userAgent: userAgent, url: url),
                  let request = try? PreparedRequest(method: "GET", url: url, headerList: list, body: nil, options: options)
            else { return FinishedDriver() }
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
    print("engine floor: connections=\(users) requests=\(count)")
    print("Requests/sec: \(Int((Double(count) / elapsed).rounded()))")
    return count > 0 ? 0 : 1
}

/// A driver that is finished before it starts anything (the request could not be prepared).
private final class FinishedDriver: TransferDriver {
    func wake(loop: EventLoop, now: UInt64) -> DriverWake { .finished }
    func transferFinished(_ transfer: FinishedTransfer, loop: EventLoop) {}
    func stopRequested(loop: EventLoop) {}
}
