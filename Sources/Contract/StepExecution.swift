// One step, as a straight pipeline: render → send (waiting out 429s) → check the response
// against the spec → expectations → captures. Contract violations are recorded and do not
// stop the scenario; a failed expectation, a capture that finds nothing, or no response does.
import Curl
import Foundation
import JSON
import OpenAPI
import Quantities
import Report
import Scenario

/// What one step produced and whether its scenario goes on.
struct StepOutcomeRecord {
    var result: StepResult
    var stopsScenario: Bool
}

/// Runs one step of a scenario for a runner.
struct StepExecution {
    let runner: ContractRunner
    let step: Step
    /// The scenario's place in the run, for the step's own seeded backoff jitter.
    let scenarioPosition: Int

    func run(context: inout TemplateContext) async -> StepOutcomeRecord {
        let started = ContinuousClock.now
        var result = StepResult(index: step.index + 1, operation: step.operationId, method: "", url: "", outcome: .failed)
        func finish(stop: Bool) -> StepOutcomeRecord {
            result.durationMilliseconds = (ContinuousClock.now - started).totalMilliseconds
            let failedChecks = !result.violations.isEmpty || result.assertions.contains { !$0.ok } || result.error != nil
            result.outcome = failedChecks ? .failed : .passed
            return StepOutcomeRecord(result: result, stopsScenario: stop)
        }

        guard let operation = runner.validators.index.operation(id: step.operationId) else {
            // The loader checks operationIds against the same spec; this is a hand-built step.
            result.error = "\(step.location): unknown operation '\(step.operationId)'"
            return finish(stop: true)
        }
        result.method = operation.method

        // Render.
        let rendered: RenderedRequest
        do {
            rendered = try step.render(for: operation, context: &context)
        } catch {
            result.error = "cannot render the request: \(error)"
            return finish(stop: true)
        }
        let request = RequestBuilder.request(for: rendered, target: runner.target)
        result.url = RequestBuilder.displayURL(request.url)

        // Send, waiting out rate limits unless the step expects the 429 itself.
        let response: HTTPResponse
        do {
            guard let sent = try await send(request, result: &result) else {
                // Interrupted (Ctrl-C): not a failure of the target; skipped, as the runner
                // reports every step the interrupt cut off.
                result.outcome = .skipped
                result.durationMilliseconds = (ContinuousClock.now - started).totalMilliseconds
                return StepOutcomeRecord(result: result, stopsScenario: true)
            }
            response = sent
        } catch {
            result.error = "\(error)"
            result.unreachable = error.isUnreachable
            return finish(stop: true)
        }
        result.status = response.status

        // The contract: every response is checked against the spec, whatever `expect` says.
        let violations = runner.validators.check(operationId: operation.id, status: response.status, body: response.body,
                                                 notes: &result.notes)
        result.violations = violations.map {
            Violation(pointer: $0.pointer.description, keyword: $0.keyword, schemaPath: $0.schemaPath, message: $0.message)
        }

        // Expectations.
        let body = Self.parsedBody(response)
        var expectationFailed = false
        if let status = step.expect.status {
            let ok = status.matches(response.status)
            result.assertions.append(AssertionOutcome(
                expression: "status == \(status)", ok: ok,
                message: ok ? nil : "expected \(status), got \(response.status)"))
            expectationFailed = expectationFailed || !ok
        }
        for assertion in step.expect.assertions {
            let checked = assertion.check(body, context: &context)
            result.assertions.append(AssertionOutcome(expression: checked.expression, ok: checked.ok, message: checked.message))
            expectationFailed = expectationFailed || !checked.ok
        }

        // Captures, only from a response that met its expectations.
        if !expectationFailed {
            for capture in step.captures {
                do {
                    context.variables[capture.name] = try capture.value(from: body)
                } catch {
                    result.error = "\(error)"
                    result.responseExcerpt = Self.excerpt(response.body)
                    return finish(stop: true)
                }
            }
        }
        if expectationFailed || !result.violations.isEmpty {
            result.responseExcerpt = Self.excerpt(response.body)
        }
        if runner.options.shrinkRefusedBodies, expectationFailed, (400..<500).contains(response.status),
           let status = step.expect.status, status.patterns.allSatisfy({ $0.matches(200) || $0.description.hasPrefix("2") }),
           let note = await RejectedBodyShrink(runner: runner, operation: operation, rendered: rendered, status: response.status, responseBody: response.body).note(waits: &result.rateLimitWaits) {
            result.notes.append(note)
        }
        return finish(stop: expectationFailed)
    }

    /// Sends `request` through the run's rate-limit gate (held while the allowance is low,
    /// spaced by `--max-rps`); on 429 with the status not expected by the step, waits as
    /// `ThrottleWait` says (Retry-After, else X-RateLimit-Reset, else backoff; bounded by the
    /// options) and tries again, noting each wait. Nil when the task is cancelled (Ctrl-C)
    /// first: the transfer or the wait ends at once, nothing is retried, and a note says which.
    private func send(_ request: HTTPRequest, result: inout StepResult) async throws(CurlError) -> HTTPResponse? {
        var waited = Duration.zero
        var attempt = 0
        // A step that expects the 429 is testing the limit: pacing would keep it from ever
        // seeing one. `--max-rps` still applies.
        let expects429 = step.expect.status?.matches(429) ?? false
        var jitter = backoffRandom()
        while true {
            guard let ticket = await runner.passGate(paced: !expects429, notes: &result.notes, waits: &result.rateLimitWaits) else {
                return nil
            }
            let response: HTTPResponse
            do {
                response = try await runner.client.perform(request, options: runner.options.transfer)
            } catch {
                await runner.leaveGate(nil, ticket: ticket)
                guard Task.isCancelled else { throw error }
                result.notes.append("interrupted before a response")
                return nil
            }
            await runner.leaveGate(response.headers, ticket: ticket)
            guard response.status == 429, !expects429, attempt < runner.options.maxRetries else { return response }
            let planned = ThrottleWait.after429(response.headers, now: Date().timeIntervalSince1970, attempt: attempt,
                                                jitter: jitter.nextUnit(), mannerly: runner.options.rateLimitManners)
            let wait = Self.duration(seconds: planned.seconds)
            let source = Self.describe(planned.source, attempt: attempt)
            guard waited + wait <= runner.options.maxRetryWait else {
                result.notes.append("429 Too Many Requests; Retry-After \(wait) exceeds the wait budget, not retried")
                return response
            }
            do {
                try await Task.sleep(for: wait)
            } catch {
                result.notes.append("429 Too Many Requests; interrupted while waiting \(wait) (\(source)), not retried")
                return nil
            }
            result.notes.append("429 Too Many Requests; waited \(wait) (\(source)) and retried")
            result.rateLimitWaits.afterThrottle += 1
            result.rateLimitWaits.afterThrottleSeconds += wait.totalSeconds
            attempt += 1
            waited += wait
        }
    }

    /// Where a 429's wait came from, as the step's note says it. Server text is untrusted: a
    /// value that names no wait is not echoed, only said to be unusable.
    static func describe(_ source: ThrottleWait.Source, attempt: Int) -> String {
        switch source {
        case .retryAfter: return "Retry-After"
        case .rateLimitReset: return "X-RateLimit-Reset"
        case .fixedDefault: return "the 1 s default: no usable Retry-After or X-RateLimit-Reset"
        case .backoff:
            // The first backoff is the 1 s default it always was; later ones grow.
            return attempt == 0 ? "the 1 s default: no usable Retry-After or X-RateLimit-Reset"
                : "backoff before retry \(attempt + 1): no usable Retry-After or X-RateLimit-Reset"
        }
    }

    /// The jitter of this step's backoff: fixed by `--seed` (one stream per scenario and step,
    /// apart from the template values' streams), else fresh.
    private func backoffRandom() -> SeededRandom {
        guard let seed = runner.options.seed else { return SeededRandom() }
        let salt: UInt64 = 0x6261_636B_6F66_6621  // "backoff!"
        return SeededRandom.stream(seed: seed, salt: salt, index: UInt64(scenarioPosition) << 20 | UInt64(step.index))
    }

    /// Seconds as a Duration in whole milliseconds (notes print it: `1.734 seconds`, not nine
    /// decimals of jitter); at most a day (`RetryAfter.longest`), so it always fits.
    static func duration(seconds: Double) -> Duration {
        .milliseconds(Int64((min(max(0, seconds), RetryAfter.longest) * 1e3).rounded()))
    }

    /// The wait a 429 asks for without rate-limit manners (`Retry-After` as seconds or an HTTP
    /// date, else `X-RateLimit-Reset`); 1 s when it names none. At most a day, so a server's
    /// `1e300` cannot overflow a Duration; the wait budget refuses such a wait anyway.
    static func retryAfter(_ value: String?, rateLimitReset: String? = nil,
                           now: Double = Date().timeIntervalSince1970) -> Duration {
        duration(seconds: ThrottleWait.after429(retryAfter: value, rateLimitReset: rateLimitReset, now: now,
                                                attempt: 0, jitter: 0, mannerly: false).seconds)
    }

    static func parsedBody(_ response: HTTPResponse) -> JSON? {
        guard !response.body.isEmpty else { return nil }
        return try? JSON.parse(response.body)
    }

    /// The first 200 characters of a body, on one line, for failure reports.
    static func excerpt(_ body: [UInt8]) -> String? {
        guard !body.isEmpty else { return nil }
        let text = String(decoding: body.prefix(240), as: UTF8.self)
            .replacingOccurrences(of: "\n", with: " ")
        return text.count > 200 ? String(text.prefix(200)) + "…" : text
    }
}

extension CurlError {
    /// Whether the target could not be reached at all (exit status 3), as opposed to a
    /// server that answered badly or slowly.
    var isUnreachable: Bool {
        switch self {
        case .dns, .refused, .tls: return true
        default: return false
        }
    }
}
