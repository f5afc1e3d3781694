// JUnit XML of a load run (`report --junit`), so CI shows a load test like any other test run:
// one <testsuite> for the thresholds, one for contract violations found by sampled validation.

/// Renders a `LoadResult` as JUnit XML (the dialect Jenkins, GitLab and GitHub readers share).
///
/// - `thresholds`: a testcase per threshold, named by its expression, failing when it did not
///   hold; the measured value is in the failure, and in `<system-out>` when it held. An
///   interrupted run adds a testcase `run completed`, in error: its numbers are partial.
/// - `contract violations (sampled)`: a testcase per operation whose responses were validated
///   (or that has violations), failing with every distinct violation found in it.
///
/// The run's distinct errors and failed checks go to the thresholds suite's `<system-out>`.
/// Every string from the run is XML-escaped; control characters become U+FFFD.
public enum LoadJUnitReport {
    /// The name of the testsuite of threshold verdicts.
    public static let thresholdsSuite = "thresholds"
    /// The name of the testsuite of sampled contract validation.
    public static let violationsSuite = "contract violations (sampled)"

    /// The whole document, ending in a newline.
    public static func xml(_ result: LoadResult) -> String {
        let thresholdCases = thresholdCases(result)
        let violationCases = violationCases(result)
        let all = thresholdCases + violationCases
        var out = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
        out += "<testsuites name=\"\(escape("fcharness load: " + result.run.profile))\" tests=\"\(all.count)\""
        out += " failures=\"\(all.filter { $0.outcome.isFailure }.count)\" errors=\"\(all.filter { $0.outcome.isError }.count)\""
        out += " time=\"\(seconds(result.run.durationSeconds))\">\n"
        out += suite(thresholdsSuite, classname: "thresholds", thresholdCases, result: result, output: problemText(result))
        out += suite(violationsSuite, classname: "contract", violationCases, result: result, output: validationText(result.validation))
        out += "</testsuites>\n"
        return out
    }

    // MARK: - Testcases

    /// One testcase before it is written out.
    private struct Testcase {
        enum Outcome {
            case passed(output: String)
            case failed(message: String, type: String, detail: String)
            case error(message: String, type: String)

            var isFailure: Bool { if case .failed = self { true } else { false } }
            var isError: Bool { if case .error = self { true } else { false } }
        }

        var name: String
        var outcome: Outcome
    }

    private static func thresholdCases(_ result: LoadResult) -> [Testcase] {
        var cases = result.thresholds.map { verdict -> Testcase in
            let measured = "measured \(verdict.actual)"
            guard !verdict.ok else { return Testcase(name: verdict.expression, outcome: .passed(output: measured)) }
            var detail = "\(verdict.expression): \(measured)"
            if verdict.abortOnFail {
                detail += result.abortedBy == verdict.expression
                    ? "\nthe run stopped early on it (abort_on_fail)"
                    : "\nabort_on_fail was set"
            }
            return Testcase(name: verdict.expression, outcome: .failed(message: measured, type: "threshold", detail: detail))
        }
        if result.interrupted {
            cases.append(Testcase(name: "run completed", outcome: .error(message: "interrupted: the results are partial", type: "interrupted")))
        }
        return cases
    }

    private static func violationCases(_ result: LoadResult) -> [Testcase] {
        let byOperation = Dictionary(grouping: result.violations, by: \.operation)
        let validated = result.operations.filter { $0.value.validated > 0 }.map(\.key)
        return Set(validated).union(byOperation.keys).sorted().map { operation in
            let count = result.operations[operation]?.validated ?? 0
            let responses = "\(count) response\(count == 1 ? "" : "s") validated"
            guard let violations = byOperation[operation], !violations.isEmpty else {
                return Testcase(name: operation, outcome: .passed(output: responses))
            }
            let sorted = violations.sorted { ($1.count, $0.status, $0.pointer, $0.keyword) < ($0.count, $1.status, $1.pointer, $1.keyword) }
            let total = sorted.reduce(0) { $0 + $1.count }
            let message = "\(total) violation\(total == 1 ? "" : "s") in \(responses)"
            let detail = sorted.map { violation in
                let pointer = violation.pointer.isEmpty ? "(body)" : violation.pointer
                return "\(violation.count)× \(violation.status) \(pointer) [\(violation.keyword)]: \(violation.message)"
            }.joined(separator: "\n")
            return Testcase(name: operation, outcome: .failed(message: message, type: "contract", detail: detail))
        }
    }

    // MARK: - Writing

    /// A testsuite; its testcases' classname is `load.PROFILE.CLASS`, which CI pages group by.
    private static func suite(_ name: String, classname suffix: String, _ cases: [Testcase], result: LoadResult, output: String) -> String {
        let classname = escape("load.\(result.run.profile).\(suffix)")
        var out = "  <testsuite name=\"\(escape(name))\" tests=\"\(cases.count)\""
        out += " failures=\"\(cases.filter { $0.outcome.isFailure }.count)\" errors=\"\(cases.filter { $0.outcome.isError }.count)\""
        out += " skipped=\"0\" time=\"\(seconds(result.run.durationSeconds))\" timestamp=\"\(escape(result.run.started))\""
        out += " hostname=\"\(escape(result.run.machine.hostname))\">\n"
        for testcase in cases {
            out += "    <testcase classname=\"\(classname)\" name=\"\(escape(testcase.name))\" time=\"0\""
            switch testcase.outcome {
            case .passed(let output):
                out += ">\n      <system-out>\(escape(output))</system-out>\n    </testcase>\n"
            case .failed(let message, let type, let detail):
                out += ">\n      <failure message=\"\(escape(message))\" type=\"\(type)\">\(escape(detail))</failure>\n    </testcase>\n"
            case .error(let message, let type):
                out += ">\n      <error message=\"\(escape(message))\" type=\"\(type)\"/>\n    </testcase>\n"
            }
        }
        if !output.isEmpty { out += "    <system-out>\(escape(output))</system-out>\n" }
        out += "  </testsuite>\n"
        return out
    }

    /// The run's distinct errors and failed checks, most frequent first, one per line.
    private static func problemText(_ result: LoadResult) -> String {
        var lines: [String] = []
        let errors = result.errors.sorted { ($1.count, $0.operation, $0.message) < ($0.count, $1.operation, $1.message) }
        if !errors.isEmpty { lines.append("errors:") }
        for error in errors {
            lines.append("  \(error.count)× \(error.operation) \(error.errorClass.rawValue): \(error.message)")
            if !error.sample.isEmpty, error.sample != error.message { lines.append("    e.g. \(error.sample)") }
        }
        let checks = result.failedChecks.sorted { ($1.count, $0.scenario, $0.step, $0.check) < ($0.count, $1.scenario, $1.step, $1.check) }
        if !checks.isEmpty { lines.append("failed checks:") }
        for check in checks {
            lines.append("  \(check.count)× \(check.scenario), \(check.step): \(check.check)")
            if !check.sample.isEmpty { lines.append("    found: \(check.sample)") }
        }
        return lines.joined(separator: "\n")
    }

    private static func validationText(_ counts: ValidationCounts) -> String {
        "\(counts.sampled) responses sampled, \(counts.validated) validated, \(counts.skipped) skipped, \(counts.violations) violations"
    }

    /// Seconds with millisecond precision, as JUnit readers expect them.
    private static func seconds(_ value: Double) -> String {
        MeasurementText.fixed(value, decimals: 3)
    }

    private static func escape(_ text: String) -> String {
        ContractJUnitReport.escape(text)
    }
}
