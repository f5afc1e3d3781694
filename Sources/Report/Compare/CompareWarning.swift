// Differences between two runs that do not stop a comparison but may explain its result:
// another machine, another fcharness, another target, or a run cut short.

/// Something about the two runs a reader of the verdict should know.
public struct CompareWarning: Sendable, Hashable, CustomStringConvertible {
    /// What differs: `machine`, `version`, `target`, `threads`, `interrupted` or `short`.
    public var kind: String
    /// The difference in words, with both values.
    public var message: String

    /// Creates a warning.
    public init(kind: String, message: String) {
        self.kind = kind
        self.message = message
    }

    /// The message.
    public var description: String { message }

    /// The warnings for a baseline and a current run.
    static func warnings(baseline: LoadRunInfo, current: LoadRunInfo) -> [CompareWarning] {
        var warnings: [CompareWarning] = []
        if baseline.machine != current.machine {
            warnings.append(CompareWarning(
                kind: "machine",
                message: "different machines: baseline on \(describe(baseline.machine)), current on \(describe(current.machine))"))
        }
        if baseline.version != current.version {
            warnings.append(CompareWarning(
                kind: "version",
                message: "different fcharness versions: baseline \(baseline.version), current \(current.version)"))
        }
        if comparableTarget(baseline.target) != comparableTarget(current.target) {
            warnings.append(CompareWarning(
                kind: "target", message: "different targets: baseline \(baseline.target), current \(current.target)"))
        }
        if baseline.threads != current.threads {
            warnings.append(CompareWarning(
                kind: "threads",
                message: "different load threads: baseline \(baseline.threads), current \(current.threads)"))
        }
        return warnings
    }

    /// The target with the embedded mock's port removed: it starts on a free port every run,
    /// so two embedded-mock runs hit the same target on different ports.
    static func comparableTarget(_ target: String) -> String {
        let suffix = " (embedded mock)"
        guard target.hasSuffix(suffix),
              let match = target.firstMatch(of: /^(https?:\/\/[^\/:]+):[0-9]+(.*)$/)
        else { return target }
        return String(match.output.1) + String(match.output.2)
    }

    private static func describe(_ machine: MachineInfo) -> String {
        "\(machine.hostname) (\(machine.cores) cores, \(machine.system))"
    }
}
