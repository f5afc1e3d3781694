// One loop thread's share of a load run: it starts iterations when its executor says so,
// walks each iteration's steps (render → send → check → capture), and measures every
// response. It lives on the loop thread and is called only there, so nothing here locks.
import Curl
import Foundation
import JSON
import Quantities
import Redaction
import Report
import Scenario

/// Runs one thread's share of a `LoadPlan` on an `EventLoop`.
final class LoadDriver: TransferDriver, IterationHost {
    private let plan: LoadPlan
    private let share: LoadShare
    private unowned let loop: EventLoop
    private let box: ThreadReportBox
    private let validation: SampledValidation?
    private let isOpenModel: Bool

    // The clock.
    private let epoch: UInt64
    private let epochWallSeconds: Double
    private let graceDeadline: UInt64
    private var executor: any Executor
    private var nextExecutorTime: UInt64?
    private var scheduleDone = false
    private var stopping = false
    private var finished = false

    // Users.
    private var users: [VirtualUser] = []
    private var idleUsers: [Int] = []
    private let maxUsers: Int
    private var loopingTarget = 0
    private var loopingUsers = 0
    private var busyUsers = 0
    /// Nonzero while an iteration is being started from its predecessor's end (`endIteration`).
    private var startingFromEnd = 0
    private var timers = TimerQueue()

    // Requests prepared once per static step (entry × step), and shared header lists.
    private var preparedRequests: [[PreparedRequest?]]
    private var headerLists: [[HeaderList?]]

    // Rate limits and budgets, per operation slot.
    private var heldUntil: [UInt64]
    private var budgets: [RateBudget?]
    private let maxRetryWait: UInt64
    /// Open model: 429s in a row per operation slot, each after its hold ended, for the backoff.
    private var throttlesInARow: [Int]

    // Rate-limit manners (docs/rate-limits.md), all on this thread: the allowance the latest
    // answer named (nil with manners off), the probe that now and then keeps an answer's
    // headers to learn it, and this thread's share of --max-rps.
    private var allowance: RateLimitAllowance?
    private var pacedUntil: UInt64 = 0
    private var probesInFlight = 0
    private var nextProbe: UInt64 = 0
    /// No answer has been read since the start or since the window this thread knew reopened:
    /// every request keeps its headers until one is (see `send`).
    private var relearning = false
    private var requestSpacing: RateBudget?
    private var backoffJitter: SeededRandom
    private var manners = RateLimitManners()

    // Measurements.
    private var operations: [OperationAccumulator]
    private var iterations = IterationCounts()
    private var lateness = LatencyHistogram.make()
    private var windows: WindowRecorder
    private var errors = ErrorCatalog()
    private var failedChecks = CheckCatalog()
    private var rateLimits = RateLimitCounts()
    private var sampleCredit = 0.0
    private var sampled = 0
    private var sampleSkipped = 0
    private var lastActivity: UInt64 = 0
    private var endedAt: UInt64 = 0
    private var nextPublication: UInt64

    init(plan: LoadPlan, thread: Int, epoch: UInt64, epochWallSeconds: Double, loop: EventLoop,
         box: ThreadReportBox, validation: SampledValidation?) {
        self.plan = plan
        let share = LoadShare(shard: plan.shard, shards: plan.shards, thread: thread, threads: plan.threads)
        self.share = share
        self.loop = loop
        self.box = box
        self.validation = plan.validateSample > 0 ? validation : nil
        isOpenModel = plan.schedule.isOpenModel
        self.epoch = epoch
        self.epochWallSeconds = epochWallSeconds
        executor = Self.makeExecutor(plan.schedule, share: share, epoch: epoch)
        graceDeadline = executor.scheduleEnd &+ nanoseconds(plan.gracefulStop.totalSeconds)
        maxUsers = share.count(of: plan.maxVUs)
        let operationCount = plan.mix.operations.count
        preparedRequests = plan.mix.entries.map { [PreparedRequest?](repeating: nil, count: $0.steps.count) }
        headerLists = plan.mix.entries.map { [HeaderList?](repeating: nil, count: $0.steps.count) }
        heldUntil = [UInt64](repeating: 0, count: operationCount)
        budgets = plan.mix.operations.map { operation in
            // Each thread of each shard gets its stripe's share of the budget.
            plan.budgets[operation].map { RateBudget(perSecond: $0 / Double(share.stride)) }
        }
        maxRetryWait = nanoseconds(plan.maxRetryWait.totalSeconds)
        throttlesInARow = [Int](repeating: 0, count: operationCount)
        // The account's allowance is split like the rate: each thread of each shard paces by its stripe's share.
        allowance = plan.rateLimitManners ? RateLimitAllowance(senders: share.stride, longestHold: maxRetryWait) : nil
        relearning = allowance != nil  // nothing known yet: the first round trip probes
        requestSpacing = plan.maxRequestsPerSecond.map { RateBudget(perSecond: $0 / Double(share.stride)) }
        let salt: UInt64 = 0x6261_636B_6F66_6621  // "backoff!": apart from the users' template streams
        backoffJitter = plan.seed.map { SeededRandom.stream(seed: $0, salt: salt, index: UInt64(share.offset)) } ?? SeededRandom()
        operations = [OperationAccumulator](repeating: OperationAccumulator(), count: operationCount)
        windows = WindowRecorder(epoch: epoch, epochWallSeconds: epochWallSeconds, operations: plan.mix.operations)
        nextPublication = epoch
        if isOpenModel {
            // Pre-allocated users, so the first arrivals find users without making any.
            for _ in 0..<min(share.count(of: plan.vus), maxUsers) {
                idleUsers.append(makeUser().index)
            }
        }
    }

    private static func makeExecutor(_ schedule: LoadPlan.Schedule, share: LoadShare, epoch: UInt64) -> any Executor {
        switch schedule {
        case .constantVUs(let vus, let duration):
            return ConstantVUs(vus: vus, duration: duration, share: share, epoch: epoch)
        case .rampingVUs(let start, let stages):
            return RampingVUs(startVUs: start, stages: stages.map { ($0.durationSeconds, $0.target) }, share: share, epoch: epoch)
        case .constantArrivalRate(let rate, let duration):
            return ConstantArrivalRate(rate: rate, duration: duration, share: share, epoch: epoch)
        case .rampingArrivalRate(let start, let stages):
            return RampingArrivalRate(startRate: start, stages: stages.map { ($0.durationSeconds, $0.target) }, share: share, epoch: epoch)
        }
    }

    // MARK: TransferDriver

    func wake(loop: EventLoop, now: UInt64) -> DriverWake {
        if finished { return .finished }
        if now < epoch { return .at(epoch) }
        if stopping {
            guard loop.inFlight == 0 else { return .idle }
            finish(now: now)
            return .finished
        }
        while let entry = timers.popDue(now: now) {
            let user = users[entry.user]
            if user.generation == entry.generation { resume(user, now: now) }
        }
        if !scheduleDone {
            if now >= executor.scheduleEnd {
                // Arrivals that fell due before the end but were not reached (the thread woke
                // late) start now, late, or count as dropped: never lost from the books.
                _ = executor.advance(now: executor.scheduleEnd, host: self)
                endSchedule()
            } else {
                nextExecutorTime = executor.advance(now: now, host: self)
                if nextExecutorTime == nil { endSchedule() }
            }
        }
        if scheduleDone {
            if now >= graceDeadline {
                stop(now: now)
                return loop.inFlight == 0 ? finishNow(now) : .idle
            }
            if busyUsers == 0, loop.inFlight == 0 {
                return finishNow(now)
            }
        }
        windows.advance(to: now, inFlight: loop.inFlight)
        if now >= nextPublication {
            publish(finished: false, now: now)
            nextPublication = windows.nextBoundary
        }
        var next = nextPublication
        if !scheduleDone, let time = nextExecutorTime { next = min(next, time) }
        if let time = timers.earliest { next = min(next, time) }
        if scheduleDone { next = min(next, graceDeadline) }
        return .at(next)
    }

    func transferFinished(_ transfer: FinishedTransfer, loop: EventLoop) {
        let user = users[transfer.tag]
        user.inFlight = false
        if user.probing {
            user.probing = false
            endProbe(at: transfer.finishedAt)
        }
        lastActivity = transfer.finishedAt
        if case .cancelled = transfer.error {
            // Cut off by the end of graceful_stop or an interrupt: not a request, and not an error.
            endIteration(user, outcome: .interrupted, now: transfer.finishedAt)
            return
        }
        handleResponse(transfer, user: user)
    }

    func stopRequested(loop: EventLoop) {
        stop(now: MonotonicClock.now())
    }

    // MARK: IterationHost

    func startArrival(globalIndex: Int, intendedStart: UInt64) -> Bool {
        guard !stopping else { return false }
        let user: VirtualUser
        if let index = idleUsers.popLast() {
            user = users[index]
        } else if users.count < maxUsers {
            user = makeUser()
        } else {
            iterations.dropped += 1
            windows.recordDropped(at: intendedStart, inFlight: loop.inFlight)
            return false
        }
        beginIteration(user, intended: intendedStart, sequence: globalIndex)
        return true
    }

    func setLoopingVUs(_ count: Int, now: UInt64) {
        loopingTarget = count
        // Users still looping and not on their way out.
        var staying = users.filter { $0.looping && !$0.retiring }.count
        // More wanted: first keep users that were about to leave, then wake idle or new ones.
        for user in users where staying < count && user.looping && user.retiring {
            user.retiring = false
            staying += 1
        }
        var candidate = 0
        while staying < count {
            while candidate < users.count, users[candidate].looping { candidate += 1 }
            let user = candidate < users.count ? users[candidate] : makeUser()
            user.looping = true
            user.retiring = false
            loopingUsers += 1
            staying += 1
            if !user.busy { schedule(user, at: now, then: .beginIteration) }
        }
        // Fewer wanted: the newest users go first; a busy one finishes its iteration.
        var index = users.count - 1
        while staying > count, index >= 0 {
            let user = users[index]
            if user.looping, !user.retiring {
                staying -= 1
                if user.busy {
                    user.retiring = true
                } else {
                    retire(user)
                }
            }
            index -= 1
        }
    }

    // MARK: Iterations

    private enum IterationOutcome {
        case completed, failed, interrupted, throttledDropped
    }

    private func makeUser() -> VirtualUser {
        let index = users.count
        let globalIndex = share.globalIndex(index)
        let environment = plan.environment
        let context = TemplateContext(environment: { environment[$0] }, seed: plan.seed, stream: UInt64(globalIndex))
        let user = VirtualUser(index: index, globalIndex: globalIndex, context: context)
        users.append(user)
        return user
    }

    private func beginIteration(_ user: VirtualUser, intended: UInt64, sequence: Int) {
        user.busy = true
        user.iterations += 1
        busyUsers += 1
        iterations.started += 1
        iterations.peakVUs = max(iterations.peakVUs, busyUsers)
        user.entry = plan.mix.entryIndex(forIteration: sequence)
        user.step = 0
        let entry = plan.mix.entries[user.entry]
        if !user.context.variables.isEmpty { user.context.variables.removeAll(keepingCapacity: true) }
        do {
            if entry.hasVariables { try entry.scenario.applyVariables(overrides: entry.overrides, to: &user.context) }
        } catch {
            failedChecks.add(scenario: entry.scenario.name, step: "variables", check: "variables render", sample: "\(error)")
            operations[entry.steps.first?.slot ?? 0].checksFailed += 1
            endIteration(user, outcome: .failed, now: intended)
            return
        }
        send(user, intended: intended, budgetReserved: false, rateReserved: false)
    }

    /// Sends the user's current step, due at `intended`, unless a rate limit holds it: a 429's
    /// hold, a pacing hold, the operation's budget or the run's `--max-rps`.
    private func send(_ user: VirtualUser, intended: UInt64, budgetReserved: Bool, rateReserved: Bool) {
        let entry = plan.mix.entries[user.entry]
        let compiled = entry.steps[user.step]
        let slot = compiled.slot
        let now = MonotonicClock.now()
        if isOpenModel, heldUntil[slot] > now {
            // Held after a 429: the arrival is not sent, so the account's limit is respected.
            operations[slot].throttledDropped += 1
            endIteration(user, outcome: .throttledDropped, now: now)
            return
        }
        if allowance != nil, let holdEnd = pacingHold(now: now) {
            // The allowance is nearly spent: nothing goes until the window reopens.
            if isOpenModel {
                // One hold per window, however many arrivals fall in it; a later answer of the
                // same window may move its end a little, which lengthens the hold, not counts another.
                if now >= pacedUntil {
                    manners.paced += 1
                    manners.pacedWaitSeconds += Double(holdEnd - now) / 1e9
                } else if holdEnd > pacedUntil {
                    manners.pacedWaitSeconds += Double(holdEnd - pacedUntil) / 1e9
                }
                pacedUntil = max(pacedUntil, holdEnd)
                manners.pacedDropped += 1
                operations[slot].throttledDropped += 1
                endIteration(user, outcome: .throttledDropped, now: now)
            } else {
                manners.paced += 1
                manners.pacedWaitSeconds += Double(holdEnd - now) / 1e9
                schedule(user, at: holdEnd, then: .send(intended: holdEnd, budgetReserved: budgetReserved, rateReserved: rateReserved))
            }
            return
        }
        if !budgetReserved, budgets[slot] != nil {
            let slotTime = budgets[slot]?.reserve(now: now) ?? now
            if slotTime > now {
                operations[slot].budgetDelayed += 1
                // The wait is the generator's own choice: latency counts from the slot.
                schedule(user, at: slotTime, then: .send(intended: slotTime, budgetReserved: true, rateReserved: rateReserved))
                return
            }
        }
        if !rateReserved, requestSpacing != nil {
            let slotTime = requestSpacing?.reserve(now: now) ?? now
            if slotTime > now {
                manners.maxRPSDelayed += 1
                manners.maxRPSWaitSeconds += Double(slotTime - now) / 1e9
                schedule(user, at: slotTime, then: .send(intended: slotTime, budgetReserved: true, rateReserved: true))
                return
            }
        }
        let request: PreparedRequest
        do {
            request = try prepare(compiled, entry: user.entry, step: user.step, user: user)
        } catch {
            recordUnsentFailure(compiled, entry: entry, reason: "\(error)", now: now)
            endIteration(user, outcome: .failed, now: now)
            return
        }
        user.sampled = takeSample()
        // At most one probe in flight and one per `probeInterval`: the headers of a response
        // cost an allocation, so they are read now and then, not per request. Except while
        // relearning: nothing holds requests until an answer names the new window, and a slow
        // probe let a thread send 7 into a limit of 10 unchecked (found under CPU load), so
        // each request probes until the first answer is read: one round trip's worth.
        user.probing = allowance != nil && (relearning || (probesInFlight == 0 && now >= nextProbe))
        if user.probing { probesInFlight += 1 }
        user.inFlight = true
        let retain = compiled.readsBody || user.sampled || user.probing
        if let error = loop.start(request, tag: user.index, intendedStart: intended, retainResponse: retain) {
            user.inFlight = false
            if user.probing { endProbe(at: now) }
            user.probing = false
            recordTransportError(error, compiled: compiled, now: now, latency: 0)
            endIteration(user, outcome: .failed, now: now)
            return
        }
        user.rateLimitTicket = allowance?.recordSend() ?? 0
        if isOpenModel, user.step == 0 {
            lateness.record(microseconds: (now &- min(now, intended)) / 1000)
        }
    }

    /// The prepared request for a step: made once for a static step, else rendered now.
    private func prepare(_ compiled: CompiledStep, entry: Int, step: Int, user: VirtualUser) throws -> PreparedRequest {
        if let prepared = preparedRequests[entry][step] { return prepared }
        let rendered = try compiled.step.render(for: compiled.operation, context: &user.context)
        let target = plan.target.requests
        let url = target.url(for: rendered)
        let headerList: HeaderList
        if let shared = headerLists[entry][step] {
            headerList = shared
        } else {
            let fields = target.headerFields(for: rendered.headers)
            headerList = try HeaderList(HTTPHeaders(fields), hasBody: rendered.body != nil,
                                        userAgent: plan.target.transfer.userAgent, url: url)
            if compiled.headersAreStatic { headerLists[entry][step] = headerList }
        }
        let prepared = try PreparedRequest(method: rendered.method, url: url, headerList: headerList,
                                           body: rendered.body, options: plan.target.transfer)
        if compiled.isStatic { preparedRequests[entry][step] = prepared }
        return prepared
    }

    /// Whether the next response is validated: an exact share, spread evenly (no randomness).
    private func takeSample() -> Bool {
        guard validation != nil else { return false }
        sampleCredit += plan.validateSample
        guard sampleCredit >= 1 else { return false }
        sampleCredit -= 1
        return true
    }

    private func handleResponse(_ transfer: FinishedTransfer, user: VirtualUser) {
        let entry = plan.mix.entries[user.entry]
        let compiled = entry.steps[user.step]
        let slot = compiled.slot
        let now = transfer.finishedAt
        let latency = (isOpenModel ? transfer.latencyFromIntendedStart : transfer.serviceTime) / 1000
        guard let status = transfer.status else {
            recordTransportError(transfer.error ?? .other(url: "", code: -1, detail: "no response"), compiled: compiled, now: now, latency: latency)
            operations[slot].latency.record(microseconds: latency)
            operations[slot].service.record(microseconds: transfer.serviceTime / 1000)
            endIteration(user, outcome: .failed, now: now)
            return
        }
        if allowance != nil, let headers = transfer.headers {
            // Every request in flight, older or not: which are older is not tracked, and more only holds early.
            allowance?.observe(RateLimitHeaders(headers, now: wallSeconds(at: now)), now: now, ticket: user.rateLimitTicket,
                               unansweredBefore: loop.inFlight)
        }
        let expectation = compiled.step.expect.status
        let expected = expectation?.matches(status) ?? false
        let throttled = status == 429 && !expected
        if !throttled {
            throttlesInARow[slot] = 0
            user.throttlesInARow = 0
        }
        let isError = status >= 400 && !throttled && !expected
        recordResponse(transfer, status: status, slot: slot, latency: latency, isError: isError, throttled: throttled)
        if isError {
            let errorClass: ErrorClass = status >= 500 ? .http5xx : .http4xx
            operations[slot].countError(errorClass)
            errors.add(operation: compiled.operation.id, errorClass: errorClass, message: "HTTP \(status)",
                       sample: "\(compiled.operation.method.uppercased()) \(redactedURL(plan.target.requests.url(forPath: compiled.operation.pathTemplate))) answered \(status)")
        }
        if user.sampled, let body = transfer.body {
            submitSample(operation: compiled.operation.id, status: status, body: body)
        }
        if throttled {
            handleThrottle(transfer, user: user, slot: slot, now: now)
            return
        }

        // Checks: the status expectation, body assertions, captures.
        var failed = isError
        if let expectation {
            countCheck(expected, slot: slot, entry: entry, compiled: compiled, check: "status == \(expectation)", sample: "got \(status)")
            failed = failed || !expected
        }
        if compiled.readsBody, !failed {
            let body = transfer.body.flatMap { $0.isEmpty ? nil : try? JSON.parse($0) }
            for assertion in compiled.step.expect.assertions {
                let result = assertion.check(body, context: &user.context)
                countCheck(result.ok, slot: slot, entry: entry, compiled: compiled, check: result.expression, sample: result.message ?? "failed")
                if !result.ok { failed = true }
            }
            if !failed {
                for capture in compiled.step.captures {
                    do {
                        user.context.variables[capture.name] = try capture.value(from: body)
                        operations[slot].checksPassed += 1
                    } catch {
                        countCheck(false, slot: slot, entry: entry, compiled: compiled, check: "capture \(capture.name) = \(capture.pathText)", sample: "\(error)")
                        failed = true
                        break
                    }
                }
            }
        }
        if failed {
            endIteration(user, outcome: .failed, now: now)
        } else if user.step + 1 < entry.steps.count {
            user.step += 1
            if let pause = thinkTime(user) {
                schedule(user, at: now &+ pause, then: .send(intended: now &+ pause, budgetReserved: false, rateReserved: false))
            } else {
                send(user, intended: now, budgetReserved: false, rateReserved: false)
            }
        } else {
            endIteration(user, outcome: .completed, now: now)
        }
    }

    /// A 429: the closed model's user waits and sends the step again; the open model holds
    /// the operation, so arrivals that would call it are not sent until the wait is over.
    ///
    /// A 429 that names no wait backs off: its attempt is the user's 429s in a row (closed
    /// model), or the operation's 429s in a row that each came after the last hold ended (open
    /// model: the answers to requests already in flight when the hold began do not deepen it).
    private func handleThrottle(_ transfer: FinishedTransfer, user: VirtualUser, slot: Int, now: UInt64) {
        let attempt: Int
        if isOpenModel {
            attempt = throttlesInARow[slot]
            if now >= heldUntil[slot] { throttlesInARow[slot] += 1 }
        } else {
            attempt = user.throttlesInARow
            user.throttlesInARow += 1
        }
        let planned = ThrottleWait.after429(transfer.headers, now: wallSeconds(at: now), attempt: attempt,
                                            jitter: backoffJitter.nextUnit(), mannerly: plan.rateLimitManners)
        if planned.source == .backoff { manners.backoffs += 1 }
        let asked = planned.seconds
        // Compared in seconds first: a wait of 30 years (an HTTP date in 9999) does not fit
        // in nanoseconds, and only the cap is ever waited anyway.
        var wait: UInt64
        if asked * 1e9 >= Double(maxRetryWait) {
            wait = maxRetryWait
            if asked * 1e9 > Double(maxRetryWait) { rateLimits.capped += 1 }
        } else {
            wait = nanoseconds(asked)
        }
        rateLimits.waits += 1
        rateLimits.totalWaitSeconds += Double(wait) / 1e9
        rateLimits.longestWaitSeconds = max(rateLimits.longestWaitSeconds, Double(wait) / 1e9)
        if isOpenModel {
            heldUntil[slot] = max(heldUntil[slot], now &+ wait)
            endIteration(user, outcome: .throttledDropped, now: now)
        } else {
            schedule(user, at: now &+ wait, then: .send(intended: now &+ wait, budgetReserved: false, rateReserved: false))
        }
    }

    private func endIteration(_ user: VirtualUser, outcome: IterationOutcome, now: UInt64) {
        switch outcome {
        case .completed: iterations.completed += 1
        case .failed: iterations.failed += 1
        case .interrupted: iterations.interrupted += 1
        case .throttledDropped: iterations.throttledDropped += 1
        }
        if user.busy {
            user.busy = false
            busyUsers -= 1
        }
        user.pending = .none
        user.generation &+= 1
        if isOpenModel {
            idleUsers.append(user.index)
            return
        }
        guard user.looping else { return }
        if user.retiring || scheduleDone || stopping {
            retire(user)
            return
        }
        // Straight on, from the completion that ended the last iteration: the handle it
        // finished on is the warmest in cache, and the next request reuses it. Through the
        // timer queue (started together at the next wake-up) when nested, so that a step that
        // fails at once (a template that cannot render) does not recurse, and after think time.
        if let pause = thinkTime(user) {
            schedule(user, at: now &+ pause, then: .beginIteration)
        } else if startingFromEnd == 0, loop.isLargeWakeUp {
            startingFromEnd += 1
            defer { startingFromEnd -= 1 }
            beginIteration(user, intended: now, sequence: user.globalIndex + (user.iterations * share.stride))
        } else {
            schedule(user, at: now, then: .beginIteration)
        }
    }

    private func retire(_ user: VirtualUser) {
        if user.looping { loopingUsers -= 1 }
        user.looping = false
        user.retiring = false
        if case .beginIteration = user.pending {
            user.pending = .none
            user.generation &+= 1
        }
    }

    /// A paused user's wake-up has come.
    private func resume(_ user: VirtualUser, now: UInt64) {
        let pending = user.pending
        user.pending = .none
        switch pending {
        case .none:
            break
        case .send(let intended, let budgetReserved, let rateReserved):
            send(user, intended: intended, budgetReserved: budgetReserved, rateReserved: rateReserved)
        case .beginIteration:
            guard user.looping, !user.retiring, !scheduleDone, !stopping else {
                retire(user)
                return
            }
            beginIteration(user, intended: now, sequence: user.globalIndex + (user.iterations * share.stride))
        }
    }

    private func schedule(_ user: VirtualUser, at time: UInt64, then action: VirtualUser.Pending) {
        user.generation &+= 1
        user.pending = action
        timers.schedule(TimerQueue.Entry(time: time, user: user.index, generation: user.generation))
    }

    // MARK: Rate-limit manners

    /// How often a thread keeps an answer's headers to learn the allowance: 10 times a second
    /// is fresh enough to pace by (sends in between are counted against the last answer) and
    /// costs a few allocations a second, not one per request.
    static let probeInterval: UInt64 = 100_000_000

    /// The end of the pacing hold at `now`, if the allowance is low. When the window the
    /// thread knew has just reopened, the next request probes at once to learn the new one.
    private func pacingHold(now: UInt64) -> UInt64? {
        let knewWindow = allowance?.window != nil
        let holdEnd = allowance?.holdUntil(now: now)
        if knewWindow, allowance?.window == nil {
            nextProbe = 0
            relearning = true
        }
        guard let holdEnd, holdEnd > now else { return nil }
        return holdEnd
    }

    private func endProbe(at time: UInt64) {
        probesInFlight = max(0, probesInFlight - 1)
        relearning = false
        nextProbe = max(nextProbe, time &+ Self.probeInterval)
    }

    /// The wall clock (Unix seconds) at monotonic `time`, for epoch X-RateLimit-Reset values.
    private func wallSeconds(at time: UInt64) -> Double {
        epochWallSeconds + Double(Int64(bitPattern: time &- epoch)) / 1e9
    }

    private func thinkTime(_ user: VirtualUser) -> UInt64? {
        guard let think = plan.think else { return nil }
        let low = UInt64(max(0, think.minimum.totalNanoseconds))
        let high = UInt64(max(0, think.maximum.totalNanoseconds))
        guard high > 0 else { return nil }
        return high > low ? UInt64.random(in: low...high, using: &user.context.random) : low
    }

    // MARK: Measuring

    private func recordResponse(_ transfer: FinishedTransfer, status: Int, slot: Int, latency: UInt64, isError: Bool, throttled: Bool) {
        operations[slot].requests += 1
        operations[slot].countStatus(status)
        if throttled { operations[slot].throttled += 1 }
        operations[slot].latency.record(microseconds: latency)
        operations[slot].service.record(microseconds: transfer.serviceTime / 1000)
        operations[slot].bytesIn += transfer.bytesReceived
        operations[slot].bytesOut += transfer.bytesSent
        let timings = transfer.timings
        operations[slot].timings.responses += 1
        operations[slot].timings.firstByteMicroseconds += timings.firstByteMicroseconds
        if timings.newConnection {
            operations[slot].timings.newConnections += 1
            operations[slot].timings.connectMicroseconds += timings.connectMicroseconds
            operations[slot].timings.tlsMicroseconds += max(0, timings.tlsMicroseconds - timings.connectMicroseconds)
        }
        windows.recordRequest(slot: slot, at: transfer.finishedAt, latencyMicroseconds: latency, error: isError, throttled: throttled, inFlight: loop.inFlight)
    }

    private func recordTransportError(_ error: CurlError, compiled: CompiledStep, now: UInt64, latency: UInt64) {
        let slot = compiled.slot
        let errorClass = ErrorClass(error)
        operations[slot].requests += 1
        operations[slot].countError(errorClass)
        windows.recordRequest(slot: slot, at: now, latencyMicroseconds: latency, error: true, throttled: false, inFlight: loop.inFlight)
        errors.add(operation: compiled.operation.id, errorClass: errorClass, message: error.groupingMessage, sample: error.description)
    }

    /// A request that could not even be made (a template that cannot render).
    private func recordUnsentFailure(_ compiled: CompiledStep, entry: CompiledMix.Entry, reason: String, now: UInt64) {
        countCheck(false, slot: compiled.slot, entry: entry, compiled: compiled, check: "request renders", sample: reason)
    }

    /// Counts a check; its description is built only when it failed (never per passing request).
    private func countCheck(
        _ ok: Bool, slot: Int, entry: CompiledMix.Entry, compiled: CompiledStep, check: @autoclosure () -> String,
        sample: @autoclosure () -> String
    ) {
        if ok {
            operations[slot].checksPassed += 1
        } else {
            operations[slot].checksFailed += 1
            failedChecks.add(scenario: entry.scenario.name, step: compiled.step.label, check: check(), sample: sample())
        }
    }

    private func submitSample(operation: String, status: Int, body: [UInt8]) {
        guard let validation else { return }
        if validation.offer(SampledValidation.Sample(operation: operation, status: status, body: body)) {
            sampled += 1
        } else {
            sampleSkipped += 1
        }
    }

    // MARK: Stopping

    private func endSchedule() {
        scheduleDone = true
        if !isOpenModel { setLoopingVUs(0, now: MonotonicClock.now()) }
    }

    /// Stops at once: paused iterations are interrupted, transfers in flight are cancelled
    /// (each comes back as `.cancelled` and is counted as interrupted).
    private func stop(now: UInt64) {
        guard !stopping else { return }
        stopping = true
        scheduleDone = true
        for user in users where user.busy && !user.inFlight {
            endIteration(user, outcome: .interrupted, now: now)
        }
        timers.removeAll()
        loop.cancelAll()
    }

    private func finishNow(_ now: UInt64) -> DriverWake {
        finish(now: now)
        return .finished
    }

    private func finish(now: UInt64) {
        guard !finished else { return }
        finished = true
        // Not the last transfer's end alone: a run whose users sat out its last seconds
        // (thinking, or waiting out a 429) lasted until they were stopped.
        endedAt = max(now, lastActivity)
        windows.advance(to: endedAt, inFlight: 0)
        windows.sealCurrent(inFlight: 0)
        publish(finished: true, now: now)
    }

    private func publish(finished: Bool, now: UInt64) {
        var report = ThreadReport(operationCount: operations.count)
        report.operations = operations.map { $0.result() }
        report.iterations = iterations
        report.lateness = lateness
        report.errors = errors.summaries
        report.failedChecks = failedChecks.summaries
        report.rateLimits = rateLimits
        report.rateLimitManners = manners
        report.sampled = sampled
        report.sampleSkipped = sampleSkipped
        report.inFlight = loop.inFlight
        report.activeVUs = busyUsers
        report.finished = finished
        report.endedAt = endedAt
        box.publish(report, newWindows: windows.takeSealed())
    }
}

extension ErrorClass {
    /// The class of a transport failure.
    init(_ error: CurlError) {
        switch error {
        case .timeout: self = .timeout
        case .refused: self = .refused
        case .reset: self = .reset
        case .dns: self = .dns
        case .tls: self = .tls
        case .protocol: self = .protocol
        case .responseTooLarge: self = .tooLarge
        case .invalidRequest, .cancelled, .other: self = .other
        }
    }
}

extension CurlError {
    /// The message without what varies per request (URLs, milliseconds, ports), so equal
    /// failures count together.
    var groupingMessage: String {
        switch self {
        case .timeout: return "timed out"
        case .responseTooLarge(_, let limit): return "response over \(limit) bytes"
        case .cancelled: return "cancelled"
        case .dns(_, let detail), .refused(_, let detail), .tls(_, let detail), .protocol(_, let detail),
             .reset(_, let detail), .invalidRequest(_, let detail), .other(_, _, let detail):
            return detail.replacingDigitRuns()
        }
    }
}

extension String {
    /// The text with every run of digits replaced by `N` ("after 3 ms" → "after N ms").
    fileprivate func replacingDigitRuns() -> String {
        var result = ""
        var inDigits = false
        for character in self {
            if character.isASCII, character.isNumber {
                if !inDigits { result.append("N") }
                inDigits = true
            } else {
                result.append(character)
                inDigits = false
            }
        }
        return result
    }
}
