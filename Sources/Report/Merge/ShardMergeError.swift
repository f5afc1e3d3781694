// Why a set of shard results cannot be merged into one run. Every case names the file or files
// at fault, so the person who ran the shards knows which one to rerun or leave out.

/// Why `ShardMerge` refused a set of shard results.
public enum ShardMergeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No files were given.
    case noShards
    /// A file could not be read as a results file.
    case unreadable(ResultsFileError)
    /// The file is not one shard of a sharded run: an unsharded run, or an earlier merge.
    case notAShard(file: String)
    /// Two files come from different profiles (or the same profile with a different plan).
    case profilesDiffer(file: String, profile: String, hash: String, otherFile: String, otherProfile: String, otherHash: String)
    /// Two files were cut into a different number of shards.
    case shardCountsDiffer(file: String, shards: Int, otherFile: String, otherShards: Int)
    /// The file says it is shard `shard` of `of`, which is no shard of that run (an edited file).
    case shardOutOfRange(file: String, shard: Int, of: Int)
    /// Two files are the same shard.
    case duplicateShard(shard: Int, file: String, otherFile: String)
    /// Shards of the run are not among the files.
    case missingShards([Int], of: Int, given: [String])
    /// Two shards started further apart than the tolerance: they did not share `--start-at`,
    /// or one pod started after it, so their seconds do not line up.
    case startsTooFarApart(file: String, started: String, otherFile: String, otherStarted: String,
                           apartSeconds: Double, toleranceSeconds: Double)
    /// Two shards' histograms cannot be added (different settings or ranges).
    case histogramsDiffer(file: String, what: String, reason: String)
    /// A threshold recorded in a shard no longer parses (a file edited by hand, or written by
    /// a different version), so it cannot be judged on the merged totals.
    case unparsableThreshold(file: String, ThresholdParseError)
    /// Two shards recorded different thresholds, though their profile hashes agree.
    case thresholdsDiffer(file: String, otherFile: String)

    /// What is wrong and which files, as a sentence.
    public var description: String {
        switch self {
        case .noShards:
            return "no shard results given"
        case .unreadable(let error):
            return error.description
        case .notAShard(let file):
            return "\(file) is not a shard (its run has no shard index: an unsharded run or an earlier merge); "
                + "merge takes the files of `load --shard I/N`"
        case .profilesDiffer(let file, let profile, let hash, let otherFile, let otherProfile, let otherHash):
            return "\(file) (profile \(profile), hash \(hash)) and \(otherFile) (profile \(otherProfile), hash \(otherHash)) "
                + "are not shards of one run: every shard must run the same profile, scenarios and schedule"
        case .shardCountsDiffer(let file, let shards, let otherFile, let otherShards):
            return "\(file) is one of \(shards) shards but \(otherFile) one of \(otherShards): shards of one run share N in --shard I/N"
        case .shardOutOfRange(let file, let shard, let shards):
            return "\(file) says it is shard \(shard) of \(shards), which a run of \(shards) shards does not have"
        case .duplicateShard(let shard, let file, let otherFile):
            return "\(file) and \(otherFile) are both shard \(shard): give each shard once"
        case .missingShards(let missing, let shards, let given):
            let list = missing.map(String.init).joined(separator: ", ")
            return "shard\(missing.count == 1 ? "" : "s") \(list) of \(shards) missing (given: \(given.joined(separator: ", "))): "
                + "the merge of an incomplete set would under-count the run"
        case .startsTooFarApart(let file, let started, let otherFile, let otherStarted, let apart, let tolerance):
            return "\(file) started at \(started) and \(otherFile) at \(otherStarted), \(Self.seconds(apart)) apart "
                + "(at most \(Self.seconds(tolerance)) allowed): start every shard with the same --start-at, "
                + "far enough ahead for every machine to be ready, or raise --max-start-skew"
        case .histogramsDiffer(let file, let what, let reason):
            return "\(file): \(what): \(reason)"
        case .unparsableThreshold(let file, let error):
            return "\(file): threshold \(error)"
        case .thresholdsDiffer(let file, let otherFile):
            return "\(file) and \(otherFile) record different thresholds: they are not shards of one run"
        }
    }

    /// Seconds with up to three decimals: `0.25s`, `2s`.
    private static func seconds(_ value: Double) -> String {
        let milliseconds = (value * 1000).rounded()
        return milliseconds.truncatingRemainder(dividingBy: 1000) == 0
            ? "\(Int64(milliseconds / 1000))s" : "\(milliseconds / 1000)s"
    }
}
