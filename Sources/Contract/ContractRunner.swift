// Runs scenarios once each against a target: scenarios in parallel where asked, steps in
// order within a scenario, results in the input order whatever finished first.
import Curl
import Foundation
import OpenAPI
import Quantities
import Report
import Scenario

/// Runs contract scenarios and collects their results.
public struct ContractRunner: Sendable {
    public let validators: SpecValidators
    public let client: CurlClient
    public let target: ContractTarget
    public let options: ContractOptions
    /// Rate-limit pacing and `--max-rps`, shared by every scenario of the runner's runs.
    let gate: RateLimitGate

    public init(validators: SpecValidators, client: CurlClient, target: ContractTarget, options: ContractOptions) {
        self.validators = validators
        self.client = client
        self.target = target
        self.options = options
        gate = RateLimitGate(manners: options.rateLimitManners, maxRequestsPerSecond: options.maxRequestsPerSecond,
                             longestHold: options.maxRetryWait)
    }

    /// Checks, before anything is sent, that every template names a defined variable (a
    /// default, an override, or a capture of an earlier step). Throws the first problem.
    public func checkTemplates(of scenarios: [ScenarioFile]) throws(ScenarioError) {
        for scenario in scenarios {
            let overrides = scenario.variableOverrides(flags: options.variableFlags, environment: options.environment)
            let environment = options.environment
            try scenario.checkVariables(defined: Set(overrides.keys), environment: { environment[$0] })
        }
    }

    /// Runs every scenario once. Never throws: every failure is a result.
    public func run(_ scenarios: [ScenarioFile]) async -> ContractRunResult {
        let started = ContinuousClock.now
        var results = [ScenarioResult?](repeating: nil, count: scenarios.count)
        var stopStarting = false
        await withTaskGroup(of: (Int, ScenarioResult).self) { group in
            var next = 0
            var running = 0
            func startNext() {
                guard next < scenarios.count else { return }
                let position = next
                next += 1
                if stopStarting || Task.isCancelled {
                    results[position] = skippedResult(for: scenarios[position], reason: "not run")
                    startNext()
                    return
                }
                running += 1
                group.addTask { (position, await runScenario(scenarios[position], position: position)) }
            }
            for _ in 0..<options.parallel { startNext() }
            while running > 0, let (position, result) = await group.next() {
                running -= 1
                results[position] = result
                if options.failFast && !result.ok { stopStarting = true }
                startNext()
            }
        }
        let elapsed = ContinuousClock.now - started
        let finished = zip(scenarios, results).map { scenario, result in
            result ?? skippedResult(for: scenario, reason: "not run")
        }
        var run = ContractRunResult(
            target: target.label, scenarios: finished, interrupted: Task.isCancelled,
            durationMilliseconds: elapsed.totalMilliseconds)
        run.unreachable = finished.lazy.flatMap(\.steps).first { $0.unreachable }?.error
        run.rateLimitManners = options.rateLimitManners
        run.maxRequestsPerSecond = options.maxRequestsPerSecond
        run.runID = options.runTag?.runID
        run.readOnly = options.readOnly
        return run
    }

    /// One scenario: render, send, check, capture — step after step, on one template context.
    func runScenario(_ scenario: ScenarioFile, position: Int) async -> ScenarioResult {
        let started = ContinuousClock.now
        let environment = options.environment
        var context = TemplateContext(
            environment: { environment[$0] }, seed: options.seed, stream: UInt64(position))
        var steps: [StepResult] = []
        let overrides = scenario.variableOverrides(flags: options.variableFlags, environment: options.environment)
        do {
            try scenario.applyVariables(overrides: overrides, to: &context)
        } catch {
            // Variables that cannot render fail the scenario's first step and skip the rest.
            for step in scenario.steps {
                let operation = validators.index.operation(id: step.operationId)
                steps.append(StepResult(
                    index: step.index + 1, operation: step.operationId, method: operation?.method ?? "",
                    url: "", outcome: steps.isEmpty ? .failed : .skipped, error: steps.isEmpty ? "\(error)" : nil))
            }
            return ScenarioResult(name: scenario.name, file: scenario.file, tags: scenario.tags, steps: steps,
                                  durationMilliseconds: (ContinuousClock.now - started).totalMilliseconds)
        }
        var stopped = false
        let selection = selection(for: scenario)
        for step in scenario.steps {
            if let note = selection.leftOut[step.index] {
                var skipped = StepResult(index: step.index + 1, operation: step.operationId,
                                         method: validators.index.operation(id: step.operationId)?.method ?? "",
                                         url: "", outcome: .skipped, notes: [note])
                skipped.excluded = true
                steps.append(skipped)
                continue
            }
            if stopped || Task.isCancelled {
                let operation = validators.index.operation(id: step.operationId)
                steps.append(StepResult(index: step.index + 1, operation: step.operationId,
                                        method: operation?.method ?? "", url: "", outcome: .skipped))
                continue
            }
            let execution = StepExecution(runner: self, step: stepToSend(step), scenarioPosition: position)
            let outcome = await execution.run(context: &context)
            steps.append(outcome.result)
            stopped = outcome.stopsScenario
        }
        return ScenarioResult(name: scenario.name, file: scenario.file, tags: scenario.tags, steps: steps,
                              durationMilliseconds: (ContinuousClock.now - started).totalMilliseconds)
    }

    /// The steps of `scenario` this run leaves out (`--read-only`), with their notes.
    func selection(for scenario: ScenarioFile) -> ReadOnlySelection {
        options.readOnly ? ReadOnlySelection(scenario: scenario, index: validators.index) : .sendsEverything
    }

    /// `step` as it is sent: a create against a live target carries the run's tag where the
    /// operation's schema has room for it (`RunTagSite`).
    func stepToSend(_ step: Step) -> Step {
        guard let tag = options.runTag, let operation = validators.index.operation(id: step.operationId) else { return step }
        return tag.tagging(step, operation: operation, root: validators.index.document.root)
    }

    /// How many requests a run of `scenarios` plans to send: every step it does not leave out
    /// (429 retries and `--shrink` re-sends come on top; a failing step skips the rest).
    public func plannedRequestCount(for scenarios: [ScenarioFile]) -> Int {
        scenarios.reduce(0) { total, scenario in total + scenario.steps.count - selection(for: scenario).leftOut.count }
    }

    private func skippedResult(for scenario: ScenarioFile, reason: String) -> ScenarioResult {
        let steps = scenario.steps.map { step in
            StepResult(index: step.index + 1, operation: step.operationId,
                       method: validators.index.operation(id: step.operationId)?.method ?? "",
                       url: "", outcome: .skipped, notes: [reason])
        }
        return ScenarioResult(name: scenario.name, file: scenario.file, tags: scenario.tags, steps: steps, durationMilliseconds: 0)
    }
}
