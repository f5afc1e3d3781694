// curl-bench: closed-loop keep-alive GET throughput through Curl.Multi, comparable with the
// plain C libcurl loop in /work/shared/bench/curlmulti.c (peers.sh runs both side by side).
//
// Usage: curl-bench [-c CONNECTIONS] [-d SECONDS] [-t TIMEOUT_SECONDS] [-e [-u AGENT] [-a]] [URL]
//        (URL defaults to $URL)
// Each of CONNECTIONS chains resubmits its GET from its completion until SECONDS have passed,
// which is the same shape as the C loop (re-add the handle when a transfer is done).
// -e measures the load engine's floor instead: the driver front door (`TransferLoop` with a
// `TransferDriver`, as `fcharness load` uses it) with a driver that only restarts the same
// prepared request; -u adds a User-Agent line and -a an `Accept: application/json` line, the
// two header lines `fcharness load` sends (EngineFloor.swift).
import Curl
import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Nanoseconds on the monotonic clock.
func monotonicNanoseconds() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
}

/// The command line: connections, seconds, URL.
struct BenchArguments {
    var connections = 16
    var seconds = 8.0
    /// Per-request total timeout in seconds; 0 sets none (as the C loop does).
    var timeoutSeconds = 10.0
    var url: String?
    /// -e: the driver front door with the thinnest driver (EngineFloor.swift).
    var engineFloor = false
    /// -u: the User-Agent line of the floor's request.
    var userAgent: String?
    /// -a: an `Accept: application/json` line in the floor's request.
    var acceptsJSON = false

    /// Parses `arguments` (without the program name); nil with a message on bad input.
    static func parse(_ arguments: [String]) -> Result<BenchArguments, BenchUsageError> {
        var parsed = BenchArguments()
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            switch argument {
            case "-c":
                guard let value = rest.popFirst().flatMap({ Int($0) }), value > 0 else {
                    return .failure(BenchUsageError(message: "-c needs a positive number of connections"))
                }
                parsed.connections = value
            case "-d":
                guard let value = rest.popFirst().flatMap({ Double($0) }), value > 0 else {
                    return .failure(BenchUsageError(message: "-d needs a positive number of seconds"))
                }
                parsed.seconds = value
            case "-t":
                guard let value = rest.popFirst().flatMap({ Double($0) }), value >= 0 else {
                    return .failure(BenchUsageError(message: "-t needs a timeout in seconds (0: none)"))
                }
                parsed.timeoutSeconds = value
            case "-e":
                parsed.engineFloor = true
            case "-u":
                guard let value = rest.popFirst() else {
                    return .failure(BenchUsageError(message: "-u needs a user agent"))
                }
                parsed.userAgent = value
            case "-a":
                parsed.acceptsJSON = true
            default:
                parsed.url = argument
            }
        }
        return .success(parsed)
    }
}

/// Why the command line was rejected.
struct BenchUsageError: Error {
    var message: String
}

/// Keeps `connections` transfers in flight until the deadline and records their latencies.
/// Every field is touched only on the Multi's loop thread (completions run there), after setup.
final class ClosedLoopDriver: @unchecked Sendable {
    // @unchecked: after `start`, all mutation happens in completions, which run on one thread.
    private let multi: Multi
    private let request: HTTPRequest
    private let options: TransferOptions
    private let deadline: UInt64
    private let finished: DispatchSemaphore
    private var completion: (@Sendable (Result<HTTPResponse, CurlError>) -> Void)?
    private var runningChains = 0

    // Unchecked exclusivity: only the loop thread mutates these, once per transfer.
    /// HTTP responses of any status: what wrk and the C loop count as requests.
    @exclusivity(unchecked) private(set) var responses = 0
    /// Responses whose status was not 2xx (counted in `responses` too, as wrk does).
    @exclusivity(unchecked) private(set) var non2xx = 0
    /// Transfers that ended without a response.
    @exclusivity(unchecked) private(set) var failed = 0
    private(set) var firstError: CurlError?
    private(set) var firstNon2xxStatus: Int?
    /// Latency histogram with one-microsecond buckets up to one second, and a count beyond.
    @exclusivity(unchecked) private(set) var latencyCounts = [UInt32](repeating: 0, count: 1_000_000)
    private(set) var slowerThanOneSecond = 0

    init(multi: Multi, request: HTTPRequest, options: TransferOptions, deadline: UInt64, finished: DispatchSemaphore) {
        self.multi = multi
        self.request = request
        self.options = options
        self.deadline = deadline
        self.finished = finished
    }

    /// Starts `connections` chains; `finished` is signalled once per chain when it stops.
    func start(connections: Int) {
        // One closure for every transfer: resubmitting allocates nothing for it. It holds the
        // driver strongly (cheaper than unowned); `handle` drops it when the last chain ends.
        let completion: @Sendable (Result<HTTPResponse, CurlError>) -> Void = { result in
            self.handle(result)
        }
        self.completion = completion
        runningChains = connections
        for _ in 0..<connections {
            multi.submit(request, options: options, completion: completion)
        }
    }

    private func handle(_ result: Result<HTTPResponse, CurlError>) {
        switch result {
        case .success(let response):
            responses += 1
            if response.status / 100 != 2 {
                non2xx += 1
                if firstNon2xxStatus == nil { firstNon2xxStatus = response.status }
            }
            let micros = Int(response.timings.totalMicroseconds)
            if micros < latencyCounts.count {
                latencyCounts[micros] += 1
            } else {
                slowerThanOneSecond += 1
            }
        case .failure(let error):
            failed += 1
            if firstError == nil { firstError = error }
            if case .cancelled = error {
                endChain()
                return
            }
        }
        guard monotonicNanoseconds() < deadline, let completion else {
            endChain()
            return
        }
        multi.submit(request, options: options, completion: completion)
    }

    private func endChain() {
        runningChains -= 1
        if runningChains == 0 {
            completion = nil  // breaks the driver ↔ closure cycle
        }
        finished.signal()
    }

    /// The latency in microseconds below which `fraction` of the responses fall.
    func percentile(_ fraction: Double) -> Int? {
        let total = responses
        guard total > 0 else { return nil }
        let rank = Int((Double(total) * fraction).rounded(.down))
        var seen = 0
        for (micros, count) in latencyCounts.enumerated() {
            seen += Int(count)
            if seen > rank { return micros }
        }
        return nil
    }
}

func runBenchmark() -> Int32 {
    let arguments: BenchArguments
    switch BenchArguments.parse(Array(CommandLine.arguments.dropFirst())) {
    case .success(let parsed): arguments = parsed
    case .failure(let error):
        print("curl-bench: \(error.message)\nusage: curl-bench [-c CONNECTIONS] [-d SECONDS] [-t TIMEOUT_SECONDS] [-e [-u AGENT] [-a]] [URL]")
        return 2
    }
    guard let url = arguments.url ?? getenv("URL").map({ String(cString: $0) }) else {
        print("curl-bench: no URL given (argument or $URL)\nusage: curl-bench [-c CONNECTIONS] [-d SECONDS] [-t TIMEOUT_SECONDS] [-e [-u AGENT] [-a]] [URL]")
        return 2
    }
    if arguments.engineFloor {
        return runEngineFloor(url: url, arguments: arguments)
    }
    let multi = Multi(maxConnectionsPerHost: arguments.connections)
    // No User-Agent, like the C loop: the same bytes on the wire.
    let timeout = Duration.milliseconds(Int64(arguments.timeoutSeconds * 1000))
    let options = TransferOptions(connectTimeout: timeout, timeout: timeout, userAgent: nil)
    let finished = DispatchSemaphore(value: 0)
    let startedAt = monotonicNanoseconds()
    let driver = ClosedLoopDriver(
        multi: multi, request: HTTPRequest(url: url), options: options,
        deadline: startedAt + UInt64(arguments.seconds * 1e9), finished: finished
    )
    driver.start(connections: arguments.connections)
    for _ in 0..<arguments.connections {
        finished.wait()
    }
    let elapsed = Double(monotonicNanoseconds() - startedAt) / 1e9
    multi.shutdown()

    let requestsPerSecond = Double(driver.responses) / elapsed
    print("connections=\(arguments.connections) requests=\(driver.responses) errors=\(driver.failed) non-2xx=\(driver.non2xx)")
    print("Requests/sec: \(Int(requestsPerSecond.rounded()))")
    print("p50=\(driver.percentile(0.5).map { "\($0)us" } ?? "-") p99=\(driver.percentile(0.99).map { "\($0)us" } ?? "-")")
    if let error = driver.firstError {
        print("first error: \(error)")
    }
    if let status = driver.firstNon2xxStatus {
        print("first non-2xx status: \(status)")
    }
    return 0
}

exit(runBenchmark())
