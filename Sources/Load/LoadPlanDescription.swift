// What `fcharness load --dry-run` prints: the plan a profile and its flags resolve to — the
// executor and its schedule, users, threads, the mix with each scenario's operations, the
// planned requests, thresholds, budgets and manners — so that a team can review a run (and
// what it will cost a live account) before it sends anything.
import Foundation

/// A readable account of a load plan.
public enum LoadPlanDescription {
    /// The plan as lines of `label  value`, ending in a newline.
    public static func text(_ plan: LoadPlan) -> String {
        var rows: [(String, String)] = []
        rows.append(("target", plan.target.label))
        rows.append(("executor", "\(plan.schedule.executorName): \(schedule(plan.schedule)); graceful stop \(seconds(plan.gracefulStop.totalSeconds))"))
        rows.append(("users", users(plan)))
        rows.append(("threads", plan.shards > 1 ? "\(plan.threads) (shard \(plan.shard) of \(plan.shards))" : "\(plan.threads)"))
        rows.append(("requests", PlannedRequests(plan).summary))
        let totalWeight = plan.mix.entries.reduce(0) { $0 + $1.weight }
        for (position, entry) in plan.mix.entries.enumerated() {
            let share = totalWeight == 0 ? 0 : Double(entry.weight) / Double(totalWeight) * 100
            let operations = entry.steps.map(\.operation.id).joined(separator: ", ")
            rows.append((position == 0 ? "mix" : "", "\(entry.scenario.name) (\(entry.scenario.file)): weight \(entry.weight) "
                + "(\(PlannedRequests.number(share))%), \(entry.steps.count) step\(entry.steps.count == 1 ? "" : "s"): \(operations)"))
        }
        if let think = plan.think {
            rows.append(("think", "\(seconds(think.minimum.totalSeconds)) to \(seconds(think.maximum.totalSeconds)) after each step"))
        }
        for (position, operation) in plan.budgets.keys.sorted().enumerated() {
            rows.append((position == 0 ? "budgets" : "", "\(operation): at most \(PlannedRequests.number(plan.budgets[operation] ?? 0))/s"))
        }
        if plan.thresholds.isEmpty { rows.append(("thresholds", "none")) }
        for (position, threshold) in plan.thresholds.enumerated() {
            rows.append((position == 0 ? "thresholds" : "", threshold.expression + (threshold.abortOnFail ? " (abort on fail)" : "")))
        }
        rows.append(("validation", "\(PlannedRequests.number(plan.validateSample * 100))% of responses checked against the spec"))
        var limits = plan.rateLimitManners ? "manners on (pace by X-RateLimit-*, back off after 429s)" : "manners off (--no-rate-limit-manners)"
        if let cap = plan.maxRequestsPerSecond { limits += "; --max-rps \(PlannedRequests.number(cap))" }
        rows.append(("rate limits", limits))
        if let runID = plan.runID { rows.append(("run id", "one per run, such as \(runID): what the run creates carries it as fcharness_run_id")) }
        let width = rows.map(\.0.count).max() ?? 0
        return rows.map { label, value in
            "  " + label.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + value + "\n"
        }.joined()
    }

    /// `20/s for 10 s`, `from 0/s: 30 s to 100/s, 60 s to 100/s`.
    static func schedule(_ schedule: LoadPlan.Schedule) -> String {
        switch schedule {
        case .constantVUs(let users, let duration):
            return "\(users) users for \(seconds(duration))"
        case .constantArrivalRate(let rate, let duration):
            return "\(PlannedRequests.number(rate))/s for \(seconds(duration))"
        case .rampingVUs(let start, let stages):
            return "from \(start) users: " + stages.map { "\(seconds($0.durationSeconds)) to \(PlannedRequests.number($0.target))" }
                .joined(separator: ", ")
        case .rampingArrivalRate(let start, let stages):
            return "from \(PlannedRequests.number(start))/s: "
                + stages.map { "\(seconds($0.durationSeconds)) to \(PlannedRequests.number($0.target))/s" }.joined(separator: ", ")
        }
    }

    private static func users(_ plan: LoadPlan) -> String {
        plan.schedule.isOpenModel ? "\(plan.vus) pre-allocated, up to \(plan.maxVUs)" : "\(plan.vus)"
    }

    private static func seconds(_ value: Double) -> String { PlannedRequests.seconds(value) }
}
