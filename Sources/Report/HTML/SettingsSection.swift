// How the run was set up and where it ran, and what happened to its iterations, checks,
// validation samples and rate limits: the context a reader needs to trust the numbers.

/// The settings, machine and run-facts tables.
enum SettingsSection {
    /// The section: settings and machine side by side, then the run's facts.
    static func html(_ result: LoadResult) -> String {
        "<section id=\"settings\"><h2>Run</h2><div class=\"columns\">"
            + "<div><h3>Settings</h3>" + DefinitionTable(entries: settings(result.run)).html() + "</div>"
            + "<div><h3>Machine</h3>" + DefinitionTable(entries: machine(result.run.machine)).html()
            + "<h3>What happened</h3>" + DefinitionTable(entries: facts(result)).html() + "</div>"
            + "</div></section>"
    }

    static func settings(_ run: LoadRunInfo) -> [(name: String, value: TableCell)] {
        let isArrivalRate = run.executor.contains("arrival-rate")
        var entries: [(name: String, value: TableCell)] = [
            ("profile", .text(run.profile)),
            ("file", .code(run.profileFile)),
            ("executor", .code(run.executor)),
            ("model", .text(run.isOpenModel ? "open (latency from the intended start)" : "closed (latency from the send)")),
        ]
        if let rate = run.plannedRate { entries.append(("rate", .text(HTMLNumbers.plain(rate) + " iterations/s"))) }
        if !run.stages.isEmpty {
            let unit = isArrivalRate ? "/s" : " VUs"
            let stages = run.stages.map {
                "\(MeasurementText.compactDuration(seconds: $0.durationSeconds)) to \(HTMLNumbers.plain($0.target))\(unit)"
            }
            entries.append(("stages", .text(stages.joined(separator: ", "))))
        }
        if let vus = run.vus { entries.append((isArrivalRate ? "VUs pre-allocated" : "VUs", .text(String(vus)))) }
        if let maxVUs = run.maxVUs { entries.append(("at most VUs", .text(String(maxVUs)))) }
        if let planned = run.plannedIterations { entries.append(("iterations planned", .text(HTMLNumbers.count(planned)))) }
        entries += [
            ("duration", .text(MeasurementText.fixed(run.durationSeconds, decimals: 1) + " s (planned "
                + MeasurementText.compactDuration(seconds: run.plannedDurationSeconds) + ", graceful stop "
                + MeasurementText.compactDuration(seconds: run.gracefulStopSeconds) + ")")),
            ("threads", .text(String(run.threads))),
            ("shards", .text(run.shard.map { "shard \($0) of \(run.shards)" } ?? String(run.shards))),
            ("validate sample", .text(HTMLNumbers.plain(run.validateSample * 100) + "% of responses")),
            ("target", .code(run.target)),
            ("started", .text(run.started)),
            ("profile hash", .code(run.profileHash)),
            ("fcharness", .text(run.version)),
        ]
        return entries
    }

    static func machine(_ machine: MachineInfo) -> [(name: String, value: TableCell)] {
        [("host", .text(machine.hostname)), ("cores", .text(String(machine.cores))), ("system", .text(machine.system))]
    }

    static func facts(_ result: LoadResult) -> [(name: String, value: TableCell)] {
        let iterations = result.iterations
        let overall = result.overall
        let checks = overall.checksPassed + overall.checksFailed
        var entries: [(name: String, value: TableCell)] = [
            ("iterations", .text("\(HTMLNumbers.count(iterations.started)) started, \(HTMLNumbers.count(iterations.completed)) completed, "
                + "\(HTMLNumbers.count(iterations.failed)) failed, \(HTMLNumbers.count(iterations.dropped)) dropped, "
                + "\(HTMLNumbers.count(iterations.interrupted)) interrupted, "
                + "\(HTMLNumbers.count(iterations.throttledDropped)) throttled-dropped")),
            ("peak VUs", .text(String(iterations.peakVUs))),
            ("checks", .text(checks > 0
                ? "\(HTMLNumbers.percent(overall.checkPassRate)) passed (\(HTMLNumbers.count(overall.checksPassed)) of \(HTMLNumbers.count(checks)))"
                : "none run")),
            ("data", .text("\(MeasurementText.bytes(overall.bytesIn)) in, \(MeasurementText.bytes(overall.bytesOut)) out")),
        ]
        let timings = overall.timings
        var means: [String] = []
        if let connect = timings.meanConnectMilliseconds {
            means.append("connect \(MeasurementText.milliseconds(connect)) (\(timings.newConnections) new connections)")
        }
        if let tls = timings.meanTLSMilliseconds, timings.tlsMicroseconds > 0 { means.append("TLS \(MeasurementText.milliseconds(tls))") }
        if let firstByte = timings.meanFirstByteMilliseconds { means.append("first byte \(MeasurementText.milliseconds(firstByte))") }
        if !means.isEmpty { entries.append(("mean times", .text(means.joined(separator: ", ")))) }
        if result.run.isOpenModel, result.lateness.totalCount > 0 {
            // The generator's own lag: large values mean the load machine, not the target, was slow.
            let lateness = result.lateness.latencySummary
            entries.append(("send lag", .text("p99 \(MeasurementText.milliseconds(lateness.p99)), "
                + "max \(MeasurementText.milliseconds(lateness.max)) behind the intended start")))
        }
        let validation = result.validation
        entries.append(("validation", .text("\(HTMLNumbers.count(validation.sampled)) sampled, "
            + "\(HTMLNumbers.count(validation.validated)) validated, \(HTMLNumbers.count(validation.skipped)) skipped, "
            + "\(HTMLNumbers.count(validation.violations)) violations")))
        let limits = result.rateLimits
        if limits.waits > 0 {
            entries.append(("rate limits", .text("\(limits.waits) waits after 429 (\(limits.capped) capped), longest "
                + "\(MeasurementText.fixed(limits.longestWaitSeconds, decimals: 1)) s, total "
                + "\(MeasurementText.fixed(limits.totalWaitSeconds, decimals: 1)) s")))
        }
        if let capacity = result.capacity {
            var text = "\(MeasurementText.fixed(capacity.requestsPerSecond, decimals: 0)) req/s sustained while every threshold held"
            if let broken = capacity.brokenBy, let at = capacity.brokenAt {
                let offset = Double(at) - result.run.startedEpochSeconds.rounded(.down)
                text += "; \(broken) broke at second \(MeasurementText.fixed(offset, decimals: 0))"
                if let value = capacity.brokenValue { text += " (\(value))" }
            }
            entries.append(("capacity", .text(text)))
        }
        return entries
    }
}
