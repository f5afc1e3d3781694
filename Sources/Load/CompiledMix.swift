// The scenarios of a profile's mix, loaded and checked once before the run; iterations only
// read them. Which scenario an iteration runs follows a fixed interleaving of the weights,
// so a run's mix matches its weights exactly, not just on average.
import OpenAPI
import Quantities
import Scenario

/// One step of a mixed-in scenario, with what the hot path needs to know precomputed.
///
/// A class (immutable, so `Sendable` as checked): the loop reads a step per request, and
/// reading a reference costs one retain where copying the struct would retain every part.
public final class CompiledStep: Sendable {
    /// The step as loaded.
    public let step: Step
    /// The spec's operation it calls.
    public let operation: OpenAPI.Operation
    /// The operation's position in `CompiledMix.operations` (metrics are kept per slot).
    public let slot: Int
    /// True when path, query, headers and body have no templates: the request is prepared
    /// once per thread and reused.
    public let isStatic: Bool
    /// True when the headers have no templates: their list is built once per thread.
    public let headersAreStatic: Bool
    /// True when the step reads the body (assertions or captures), so it must be kept.
    public let readsBody: Bool

    init(step: Step, operation: OpenAPI.Operation, slot: Int, isStatic: Bool, headersAreStatic: Bool, readsBody: Bool) {
        self.step = step
        self.operation = operation
        self.slot = slot
        self.isStatic = isStatic
        self.headersAreStatic = headersAreStatic
        self.readsBody = readsBody
    }
}

/// The weighted scenarios of a load profile, compiled.
public struct CompiledMix: Sendable {
    /// One scenario of the mix (a class for the same reason as `CompiledStep`).
    public final class Entry: Sendable {
        /// The scenario as loaded.
        public let scenario: ScenarioFile
        /// Its relative weight.
        public let weight: Int
        /// Its steps, compiled.
        public let steps: [CompiledStep]
        /// Variable overrides (`--var`, `FCHARNESS_VAR_*`) that apply to it.
        public let overrides: [String: String]
        /// True when an iteration has variables to set before its first step.
        public let hasVariables: Bool

        init(scenario: ScenarioFile, weight: Int, steps: [CompiledStep], overrides: [String: String]) {
            self.scenario = scenario
            self.weight = weight
            self.steps = steps
            self.overrides = overrides
            hasVariables = !scenario.variables.isEmpty || !overrides.isEmpty
        }
    }

    /// The scenarios, in profile order.
    public let entries: [Entry]
    /// Every operationId the mix calls, sorted; a step's `slot` indexes it.
    public let operations: [String]
    /// One weight cycle of entry indexes, interleaved (smooth weighted round robin).
    private let cycle: [Int]

    /// Compiles `scenarios` with their weights against the spec's operations.
    /// - Throws: `LoadPlanError.unknownOperation` for a step whose operation the index lacks
    ///   (the scenario loader checks this already; hand-built scenarios may not).
    public init(scenarios: [(scenario: ScenarioFile, weight: Int)], index: OperationIndex,
                overrides: (ScenarioFile) -> [String: String]) throws(LoadPlanError) {
        var operations = Set<String>()
        for (scenario, _) in scenarios {
            for step in scenario.steps { operations.insert(step.operationId) }
        }
        let sortedOperations = operations.sorted()
        var slots: [String: Int] = [:]
        for (slot, operation) in sortedOperations.enumerated() { slots[operation] = slot }

        var entries: [Entry] = []
        for (scenario, weight) in scenarios {
            var steps: [CompiledStep] = []
            for step in scenario.steps {
                guard let operation = index.operation(id: step.operationId), let slot = slots[step.operationId] else {
                    throw LoadPlanError(message: "\(step.location): unknown operation '\(step.operationId)'")
                }
                let headersAreStatic = step.headers.allSatisfy(\.template.isLiteral)
                let isStatic = headersAreStatic
                    && step.path.allSatisfy(\.template.isLiteral)
                    && step.query.allSatisfy(\.template.isLiteral)
                    && (step.body?.expressions.isEmpty ?? true)
                steps.append(CompiledStep(
                    step: step, operation: operation, slot: slot, isStatic: isStatic, headersAreStatic: headersAreStatic,
                    readsBody: !step.expect.assertions.isEmpty || !step.captures.isEmpty))
            }
            entries.append(Entry(scenario: scenario, weight: max(1, weight), steps: steps, overrides: overrides(scenario)))
        }
        self.entries = entries
        self.operations = sortedOperations
        cycle = Self.interleave(weights: entries.map(\.weight))
    }

    /// The entry iteration `n` of a sequence runs (arrival index, or a user's iteration count
    /// offset by the user's index).
    public func entryIndex(forIteration n: Int) -> Int {
        guard !cycle.isEmpty else { return 0 }
        return cycle[((n % cycle.count) + cycle.count) % cycle.count]
    }

    /// Smooth weighted round robin (nginx's upstream balancing): weights 7 and 3 give
    /// A B A A A B A A B A — each entry spread evenly over the cycle, in exact proportion.
    /// Weights are divided by their common factor first (70 and 30 cycle as 7 and 3: the same
    /// order, a tenth of the memory).
    static func interleave(weights: [Int]) -> [Int] {
        let common = max(1, weights.reduce(0, greatestCommonDivisor))
        let weights = weights.map { $0 / common }
        let total = weights.reduce(0, +)
        guard total > 0 else { return [] }
        var current = [Int](repeating: 0, count: weights.count)
        var cycle: [Int] = []
        cycle.reserveCapacity(total)
        for _ in 0..<total {
            for index in weights.indices { current[index] += weights[index] }
            var best = 0
            for index in weights.indices where current[index] > current[best] { best = index }
            current[best] -= total
            cycle.append(best)
        }
        return cycle
    }
}
