// The run information of a merged run: what every shard shares (profile, plan), what adds
// (threads, planned iterations), and the span from the earliest start to the latest end.

extension LoadRunInfo {
    /// The whole run's information from its shards' (ordered by index, already checked to be
    /// one run): shard nil and shards N, as an unsharded run of the same profile would say.
    static func merged(_ shards: [LoadRunInfo]) -> LoadRunInfo? {
        guard let first = shards.first else { return nil }
        let earliest = shards.min { $0.startedEpochSeconds < $1.startedEpochSeconds } ?? first
        let end = shards.map { $0.startedEpochSeconds + $0.durationSeconds }.max() ?? earliest.startedEpochSeconds
        let planned = shards.map(\.plannedIterations)
        var merged = first
        merged.started = earliest.started
        merged.startedEpochSeconds = earliest.startedEpochSeconds
        merged.durationSeconds = max(0, end - earliest.startedEpochSeconds)
        merged.plannedIterations = planned.contains(nil) ? nil : planned.reduce(0) { $0 + ($1 ?? 0) }
        merged.target = distinct(shards.map(\.target))
        merged.shards = first.shards
        merged.shard = nil
        merged.threads = shards.reduce(0) { $0 + $1.threads }
        merged.version = distinct(shards.map(\.version))
        merged.machine = MachineInfo.merged(shards.map(\.machine))
        let runIDs = shards.compactMap(\.runID)
        merged.runID = runIDs.isEmpty ? nil : distinct(runIDs)
        return merged
    }

    /// One value when every shard agrees (the usual case), else each distinct one in shard
    /// order, so a mixed fleet shows as such rather than as the first shard's.
    static func distinct(_ values: [String]) -> String {
        var seen: [String] = []
        for value in values where !seen.contains(value) { seen.append(value) }
        return seen.joined(separator: ", ")
    }
}

extension MachineInfo {
    /// The machines of every shard as one: their host names, and the cores of each distinct
    /// host counted once (shards simulated on one machine did not have N times its cores).
    static func merged(_ machines: [MachineInfo]) -> MachineInfo {
        var coresByHost: [String: Int] = [:]
        for machine in machines { coresByHost[machine.hostname] = max(coresByHost[machine.hostname] ?? 0, machine.cores) }
        return MachineInfo(
            hostname: LoadRunInfo.distinct(machines.map(\.hostname)),
            cores: max(1, coresByHost.values.reduce(0, +)),
            system: LoadRunInfo.distinct(machines.map(\.system)))
    }
}
