// JUnit XML for CI systems: a <testsuite> per scenario, a <testcase> per step, failure text
// with the JSON Pointer and message of every violation.

/// Renders a contract run as JUnit XML (the dialect Jenkins, GitLab and GitHub readers share).
public enum ContractJUnitReport {
    public static func xml(for run: ContractRunResult) -> String {
        let steps = run.allSteps
        var out = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
        out += "<testsuites name=\"fcharness contract\" tests=\"\(steps.count)\""
        out += " failures=\"\(steps.filter { $0.outcome == .failed }.count)\""
        out += " skipped=\"\(steps.filter { $0.outcome == .skipped }.count)\""
        out += " time=\"\(seconds(run.durationMilliseconds))\">\n"
        for scenario in run.scenarios {
            out += "  <testsuite name=\"\(escape(scenario.name))\" file=\"\(escape(scenario.file))\""
            out += " tests=\"\(scenario.steps.count)\""
            out += " failures=\"\(scenario.steps.filter { $0.outcome == .failed }.count)\""
            out += " errors=\"0\" skipped=\"\(scenario.steps.filter { $0.outcome == .skipped }.count)\""
            out += " time=\"\(seconds(scenario.durationMilliseconds))\">\n"
            for step in scenario.steps {
                out += testcase(step, scenario: scenario)
            }
            out += "  </testsuite>\n"
        }
        out += "</testsuites>\n"
        return out
    }

    private static func testcase(_ step: StepResult, scenario: ScenarioResult) -> String {
        let name = "\(step.index). \(step.operation)"
        var out = "    <testcase classname=\"\(escape(scenario.name))\" name=\"\(escape(name))\""
        out += " time=\"\(seconds(step.durationMilliseconds))\""
        switch step.outcome {
        case .passed:
            return out + "/>\n"
        case .skipped:
            return out + ">\n      <skipped message=\"an earlier step stopped the scenario\"/>\n    </testcase>\n"
        case .failed:
            let lines = ConsoleReport.failureLines(for: step)
            let summary = lines.first ?? "failed"
            out += ">\n      <failure message=\"\(escape(summary))\" type=\"contract\">"
            out += escape(([ "\(step.method) \(step.url) → \(step.status.map(String.init) ?? "no response")" ] + lines).joined(separator: "\n"))
            out += "</failure>\n    </testcase>\n"
            return out
        }
    }

    private static func seconds(_ milliseconds: Double) -> String {
        String(Double((milliseconds).rounded()) / 1000)
    }

    /// XML attribute and text escaping; control characters other than tab/newline are not
    /// allowed in XML 1.0, so they become U+FFFD rather than invalidate the file.
    static func escape(_ text: String) -> String {
        MarkupText.escaped(text)
    }
}
