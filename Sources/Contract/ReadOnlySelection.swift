// `contract --read-only`: which steps of a scenario are sent. Only GETs are; every other step is
// left out, and so is a GET that reads a variable only a left-out step would have captured
// (it could not be rendered, and guessing would read someone else's record).
import OpenAPI
import Scenario

/// The steps of one scenario that a read-only run leaves out, each with the note saying why.
struct ReadOnlySelection {
    /// Step index (0-based) → the note of a left-out step, e.g. `skipped: --read-only (POST)`.
    let leftOut: [Int: String]

    /// Decides for every step of `scenario`, in order.
    init(scenario: ScenarioFile, index: OperationIndex) {
        var leftOut: [Int: String] = [:]
        // Variable → the left-out step that would have captured it (a later capture by a sent
        // step makes it available again).
        var missing: [String: (step: Step, method: String)] = [:]
        for step in scenario.steps {
            let method = index.operation(id: step.operationId)?.method.uppercased() ?? "?"
            let neededMissing = step.expressions.lazy.compactMap { entry -> (String, (step: Step, method: String))? in
                guard case .variable(let name) = entry.expression, let producer = missing[name] else { return nil }
                return (name, producer)
            }.first
            if method != "GET" {
                leftOut[step.index] = "skipped: --read-only (\(method))"
                for capture in step.captures { missing[capture.name] = (step, method) }
            } else if let (name, producer) = neededMissing {
                leftOut[step.index] = "skipped: --read-only: needs {{\(name)}}, captured by step \(producer.step.index + 1) "
                    + "(\(producer.step.operationId), \(producer.method)), which is not sent"
                for capture in step.captures { missing[capture.name] = producer }
            } else {
                for capture in step.captures { missing[capture.name] = nil }
            }
        }
        self.leftOut = leftOut
    }

    /// The selection of a run that is not read-only: every step is sent.
    static let sendsEverything = ReadOnlySelection(leftOut: [:])

    private init(leftOut: [Int: String]) {
        self.leftOut = leftOut
    }
}
