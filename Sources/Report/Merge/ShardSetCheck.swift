// Whether a set of shard results is every shard of one run, exactly once: the refusals of
// `merge`. Adding shards of different runs, or an incomplete set, would give numbers that look
// right and describe nothing that happened, so each condition is checked before anything adds.

extension ShardMerge {
    /// The shards ordered by index, after checking that they are shards 1…N of one run, each
    /// once, started within `startSkewToleranceSeconds` of each other, with the same thresholds.
    static func checkedSet(_ shards: [ShardResult], startSkewToleranceSeconds: Double) throws(ShardMergeError) -> [ShardResult] {
        guard let first = shards.first else { throw .noShards }
        for shard in shards where shard.result.run.shard == nil {
            throw .notAShard(file: shard.file)
        }
        for shard in shards.dropFirst() {
            let run = shard.result.run
            if run.profileHash != first.result.run.profileHash || run.profile != first.result.run.profile {
                throw .profilesDiffer(
                    file: first.file, profile: first.result.run.profile, hash: first.result.run.profileHash,
                    otherFile: shard.file, otherProfile: run.profile, otherHash: run.profileHash)
            }
            if run.shards != first.result.run.shards {
                throw .shardCountsDiffer(file: first.file, shards: first.result.run.shards, otherFile: shard.file, otherShards: run.shards)
            }
        }

        var byIndex: [Int: ShardResult] = [:]
        for shard in shards {
            guard let index = shard.result.run.shard else { continue }
            guard (1 ... max(shard.result.run.shards, 1)).contains(index) else {
                throw .shardOutOfRange(file: shard.file, shard: index, of: shard.result.run.shards)
            }
            if let earlier = byIndex[index] {
                throw .duplicateShard(shard: index, file: earlier.file, otherFile: shard.file)
            }
            byIndex[index] = shard
        }
        let count = first.result.run.shards
        let missing = (1 ... max(count, 1)).filter { byIndex[$0] == nil }
        guard missing.isEmpty else { throw .missingShards(missing, of: count, given: shards.map(\.file)) }
        let ordered = byIndex.keys.sorted().compactMap { byIndex[$0] }

        try checkStarts(ordered, toleranceSeconds: startSkewToleranceSeconds)
        try checkThresholds(ordered)
        return ordered
    }

    /// Shards share an epoch (`--start-at`), so their starts differ only by each machine's
    /// start-up lag; a start further off means the shard's arrivals were shifted in time and
    /// its seconds would be added to the wrong seconds of the others.
    private static func checkStarts(_ shards: [ShardResult], toleranceSeconds: Double) throws(ShardMergeError) {
        guard let earliest = shards.min(by: { $0.result.run.startedEpochSeconds < $1.result.run.startedEpochSeconds }),
              let latest = shards.max(by: { $0.result.run.startedEpochSeconds < $1.result.run.startedEpochSeconds })
        else { return }
        let apart = latest.result.run.startedEpochSeconds - earliest.result.run.startedEpochSeconds
        guard apart <= toleranceSeconds else {
            throw .startsTooFarApart(
                file: earliest.file, started: earliest.result.run.started, otherFile: latest.file,
                otherStarted: latest.result.run.started, apartSeconds: apart, toleranceSeconds: toleranceSeconds)
        }
    }

    /// The profile hash covers the thresholds, so this fails only for edited files; judging
    /// the merge by one shard's list would then silently drop another's.
    private static func checkThresholds(_ shards: [ShardResult]) throws(ShardMergeError) {
        guard let first = shards.first else { return }
        let expected = first.result.thresholds.map { [$0.expression, String($0.abortOnFail)] }
        for shard in shards.dropFirst() where shard.result.thresholds.map({ [$0.expression, String($0.abortOnFail)] }) != expected {
            throw .thresholdsDiffer(file: first.file, otherFile: shard.file)
        }
    }
}
