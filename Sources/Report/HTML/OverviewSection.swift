// The top of the report: what ran, whether it passed, and if it was cut short, why; then the
// handful of figures people look for first.

/// The report's heading, verdict banner and key figures.
enum OverviewSection {
    /// The `<header>`.
    static func html(_ result: LoadResult) -> String {
        let run = result.run
        var html = "<header><h1>Load run: \(HTMLText.escaped(run.profile))</h1>"
        html += "<p class=\"subtitle\"><code>\(HTMLText.escaped(run.profileFile))</code> against "
            + "<code>\(HTMLText.escaped(run.target))</code>, started \(HTMLText.escaped(run.started)), "
            + "\(HTMLText.escaped(MeasurementText.fixed(run.durationSeconds, decimals: 1))) s</p>"
        html += banners(result)
        html += figures(result)
        return html + "</header>"
    }

    /// One banner per thing a reader must know before the numbers: the verdict, and an
    /// interrupted or aborted run (its numbers cover only part of the plan).
    static func banners(_ result: LoadResult) -> String {
        var html = ""
        if result.interrupted {
            html += "<p class=\"banner warn\"><strong>Interrupted.</strong> Ctrl-C or SIGTERM cut the run short; "
                + "the numbers below cover only the part that ran.</p>"
        }
        if let expression = result.abortedBy {
            html += "<p class=\"banner fail\"><strong>Aborted.</strong> The threshold <code>\(HTMLText.escaped(expression))</code> "
                + "failed and asked to stop the run (<code>abort_on_fail</code>); the numbers cover the run up to then.</p>"
        }
        let failed = result.thresholds.filter { !$0.ok }.count
        if result.passed {
            let held = result.thresholds.isEmpty ? "no thresholds set" : "all \(result.thresholds.count) thresholds held"
            html += "<p class=\"banner pass\"><strong>Passed:</strong> \(held).</p>"
        } else if failed > 0 {
            html += "<p class=\"banner fail\"><strong>Failed:</strong> \(failed) of \(result.thresholds.count) thresholds failed.</p>"
        } else {
            html += "<p class=\"banner fail\"><strong>Failed:</strong> the run did not finish.</p>"
        }
        return html
    }

    private static func figures(_ result: LoadResult) -> String {
        let overall = result.overall
        let latency = overall.latency.latencySummary
        let has = overall.requests > 0
        let checks = overall.checksPassed + overall.checksFailed
        let entries: [(String, String)] = [
            ("requests", HTMLNumbers.count(overall.requests)),
            ("requests/s", HTMLNumbers.perSecond(result.requestsPerSecond)),
            ("errors", "\(HTMLNumbers.count(overall.errors)) (\(HTMLNumbers.percent(overall.errorRate)))"),
            ("throttled (429)", HTMLNumbers.count(overall.throttled)),
            ("p50", has ? HTMLNumbers.milliseconds(latency.p50) + " ms" : "–"),
            ("p99", has ? HTMLNumbers.milliseconds(latency.p99) + " ms" : "–"),
            ("max", has ? HTMLNumbers.milliseconds(latency.max) + " ms" : "–"),
            ("checks passed", checks > 0 ? HTMLNumbers.percent(overall.checkPassRate) : "none run"),
        ]
        return "<dl class=\"figures\">"
            + entries.map { "<div><dt>\(HTMLText.escaped($0.0))</dt><dd>\(HTMLText.escaped($0.1))</dd></div>" }.joined()
            + "</dl>"
    }
}
