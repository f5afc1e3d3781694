// Per-second windows of one loop thread, keyed by Unix epoch second so that threads and shards
// (with a shared `--start-at`) merge by adding windows of the same second. Each window also
// keeps every operation's share, which `compare` resamples per operation.
import Histogram
import Report

/// Accumulates the current second and seals it into a `SecondWindow` when the clock passes it.
struct WindowRecorder {
    /// The run's epoch on the monotonic clock, and the same instant on the wall clock.
    private let epoch: UInt64
    private let epochWallSeconds: Double
    /// The second being accumulated.
    private(set) var second: Int64
    private var requests = 0
    private var errors = 0
    private var throttled = 0
    private var dropped = 0
    private var histogram = LatencyHistogram.make()
    /// The operationIds by slot, and each slot's share of the current second. Recording a
    /// request in its slot's histogram as well as the second's costs one more bucket increment;
    /// building the second's histogram from the slots' at each seal would cost a merge per
    /// operation and a failure path for settings that cannot differ.
    private let operationNames: [String]
    private var operations: [SlotWindow]
    /// Windows sealed since they were last taken.
    private var sealed: [SecondWindow] = []

    private struct SlotWindow {
        var requests = 0
        var errors = 0
        var histogram = LatencyHistogram.make()
    }

    init(epoch: UInt64, epochWallSeconds: Double, operations: [String]) {
        self.epoch = epoch
        self.epochWallSeconds = epochWallSeconds
        second = Int64(epochWallSeconds.rounded(.down))
        operationNames = operations
        self.operations = [SlotWindow](repeating: SlotWindow(), count: operations.count)
    }

    /// The Unix second that monotonic time `time` falls in.
    func second(of time: UInt64) -> Int64 {
        let offset = time >= epoch ? Double(time - epoch) / 1e9 : -Double(epoch - time) / 1e9
        return Int64((epochWallSeconds + offset).rounded(.down))
    }

    /// The monotonic time the window after the current one starts.
    var nextBoundary: UInt64 {
        let secondsAhead = Double(second + 1) - epochWallSeconds
        return secondsAhead <= 0 ? epoch : epoch &+ UInt64(secondsAhead * 1e9)
    }

    /// Counts a completed request of the operation in `slot` at `time` (a late time stamp
    /// counts in the current second).
    mutating func recordRequest(slot: Int, at time: UInt64, latencyMicroseconds: UInt64, error: Bool, throttled isThrottled: Bool,
                                inFlight: Int) {
        advance(to: time, inFlight: inFlight)
        requests += 1
        if error { errors += 1 }
        if isThrottled { throttled += 1 }
        histogram.record(microseconds: latencyMicroseconds)
        operations[slot].requests += 1
        if error { operations[slot].errors += 1 }
        operations[slot].histogram.record(microseconds: latencyMicroseconds)
    }

    /// Counts a dropped arrival at `time`.
    mutating func recordDropped(at time: UInt64, inFlight: Int) {
        advance(to: time, inFlight: inFlight)
        dropped += 1
    }

    /// Seals every second that ended before `time`, empty seconds included (a stall shows as
    /// seconds without requests, not as a gap).
    mutating func advance(to time: UInt64, inFlight: Int) {
        let target = second(of: time)
        while second < target {
            seal(inFlight: inFlight)
        }
    }

    /// Seals the current second even though it has not ended (the end of the run).
    mutating func sealCurrent(inFlight: Int) {
        seal(inFlight: inFlight)
    }

    /// The windows sealed since the last call.
    mutating func takeSealed() -> [SecondWindow] {
        defer { sealed.removeAll(keepingCapacity: true) }
        return sealed
    }

    private mutating func seal(inFlight: Int) {
        // Encoding cannot fail short of zlib running out of memory; an empty string then marks
        // the window's distribution as lost while its counts stay.
        let encoded = (try? HistogramCodec.encode(histogram)) ?? ""
        var byOperation: [String: OperationWindow] = [:]
        for slot in operations.indices where operations[slot].requests > 0 {
            let window = operations[slot]
            byOperation[operationNames[slot]] = OperationWindow(
                requests: window.requests, errors: window.errors, histogram: (try? HistogramCodec.encode(window.histogram)) ?? "")
            operations[slot].requests = 0
            operations[slot].errors = 0
            if window.histogram.totalCount > 0 { operations[slot].histogram.reset() }
        }
        sealed.append(SecondWindow(
            second: second, requests: requests, errors: errors, throttled: throttled, dropped: dropped,
            inFlight: inFlight, histogram: encoded,
            p50Milliseconds: histogram.milliseconds(atPercentile: 50),
            p99Milliseconds: histogram.milliseconds(atPercentile: 99),
            operations: byOperation))
        second += 1
        requests = 0
        errors = 0
        throttled = 0
        dropped = 0
        if histogram.totalCount > 0 { histogram.reset() }
    }
}
