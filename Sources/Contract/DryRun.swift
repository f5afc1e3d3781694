// `contract --dry-run`: the requests a run would send, rendered as far as possible without a
// server (captures show as <name from step N>), every credential header masked.
import Curl
import JSON
import OpenAPI
import Redaction
import Scenario

/// Describes what a contract run would send.
public enum DryRun {
    /// The requests `runner` would send for `scenarios`, one block per scenario, with the value
    /// of every credential header (`SensitiveNames`) masked.
    public static func describe(_ scenarios: [ScenarioFile], runner: ContractRunner) -> String {
        var out = ""
        for (position, scenario) in scenarios.enumerated() {
            out += "# \(scenario.name) (\(scenario.file))\n"
            let environment = runner.options.environment
            var context = TemplateContext(environment: { environment[$0] }, seed: runner.options.seed, stream: UInt64(position))
            let overrides = scenario.variableOverrides(flags: runner.options.variableFlags, environment: environment)
            do { try scenario.applyVariables(overrides: overrides, to: &context) } catch {
                out += "  cannot render the variables: \(error)\n\n"
                continue
            }
            let selection = runner.selection(for: scenario)
            for original in scenario.steps {
                if let note = selection.leftOut[original.index] {
                    out += "\(original.index + 1). \(original.operationId): \(note)\n"
                    continue
                }
                let step = runner.stepToSend(original)
                guard let operation = runner.validators.index.operation(id: step.operationId) else { continue }
                do {
                    let rendered = try step.render(for: operation, context: &context)
                    let request = RequestBuilder.request(for: rendered, target: runner.target)
                    out += "\(step.index + 1). \(operation.id): \(request.method) \(RequestBuilder.displayURL(request.url))\n"
                    for header in request.headers.fields {
                        out += "     \(header.name): \(displayedValue(of: header))\n"
                    }
                    if let body = request.body { out += "     \(String(decoding: body, as: UTF8.self))\n" }
                } catch {
                    out += "\(step.index + 1). \(operation.id): cannot render: \(error)\n"
                }
                for capture in step.captures {
                    context.variables[capture.name] = .string("<\(capture.name) from step \(step.index + 1)>")
                }
            }
            out += "\n"
        }
        return out
    }

    /// The value as a dry run prints it: `***` for a credential, keeping the scheme of an
    /// authorization (`Bearer ***`) so a reader can tell which kind of token would be sent.
    static func displayedValue(of header: HTTPHeader) -> String {
        guard HTTPHeaders.isCredential(name: header.name) else { return header.value }
        let isAuthorization = header.name.lowercased().hasSuffix("authorization")
        if isAuthorization, let space = header.value.firstIndex(of: " ") {
            return String(header.value[..<space]) + " ***"
        }
        return "***"
    }
}
