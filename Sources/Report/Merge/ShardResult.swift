// One shard's results with the file they came from, and what a merge of shards gives back:
// the merged run plus what the shards said that the merged numbers alone do not.

/// One shard's results and the file they were read from (named in every message about it).
public struct ShardResult: Sendable {
    /// The results file, as given on the command line.
    public var file: String
    /// What the shard measured.
    public var result: LoadResult

    /// Pairs a shard's results with their file.
    public init(file: String, result: LoadResult) {
        self.file = file
        self.result = result
    }
}

/// The shards of one run added into one result, with the thresholds judged again on it.
public struct MergedRun: Sendable {
    /// The whole run, as if one machine had run every shard: shard nil, shards N.
    public var result: LoadResult
    /// The files of shards cut short by Ctrl-C or SIGTERM. When there are any, the merged
    /// result is marked interrupted: its totals miss what those shards never ran.
    public var interruptedShards: [String]
    /// The shards an `abort_on_fail` threshold stopped early, with the threshold (judged on
    /// that shard's slice alone, which is all a shard can see while it runs).
    public var abortedShards: [AbortedShard]
    /// Thresholds whose verdict on the merged totals differs from some shard's own verdict,
    /// which was provisional: it judged a slice of the traffic.
    public var overturnedVerdicts: [OverturnedVerdict]

    /// Creates a merged run.
    public init(result: LoadResult, interruptedShards: [String], abortedShards: [AbortedShard],
                overturnedVerdicts: [OverturnedVerdict]) {
        self.result = result
        self.interruptedShards = interruptedShards
        self.abortedShards = abortedShards
        self.overturnedVerdicts = overturnedVerdicts
    }

    /// The thresholds that failed on the merged totals, in profile order.
    public var failedThresholds: [ThresholdVerdict] { result.thresholds.filter { !$0.ok } }

    /// Whether every threshold held on the merged totals and no shard was cut short.
    public var passed: Bool { result.passed }
}

/// A shard stopped early by an `abort_on_fail` threshold.
public struct AbortedShard: Sendable, Hashable {
    /// The shard's results file.
    public var file: String
    /// The threshold that stopped it, as written.
    public var expression: String

    /// Creates the record of an aborted shard.
    public init(file: String, expression: String) {
        self.file = file
        self.expression = expression
    }
}

/// A threshold that a shard judged one way on its slice and the merge the other way on the whole.
public struct OverturnedVerdict: Sendable, Hashable {
    /// The threshold, as written.
    public var expression: String
    /// Whether it holds on the merged totals.
    public var mergedOK: Bool
    /// The files of the shards whose own verdict said the opposite.
    public var shardFiles: [String]

    /// Creates the record of an overturned verdict.
    public init(expression: String, mergedOK: Bool, shardFiles: [String]) {
        self.expression = expression
        self.mergedOK = mergedOK
        self.shardFiles = shardFiles
    }
}
