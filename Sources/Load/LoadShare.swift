// Which part of a profile one event-loop thread of one shard runs. Arrivals and virtual users
// are striped the same way: item i of the whole run goes to shard i mod S, and within the
// shard to thread (i / S) mod T, so shards and threads add up exactly to the whole.

/// One thread's stripe of a run: every `stride`-th item, starting at `offset`.
public struct LoadShare: Sendable, Hashable {
    /// The first global index this thread runs.
    public let offset: Int
    /// The distance between consecutive indexes of this thread (shards × threads).
    public let stride: Int

    /// The stripe of thread `thread` (0-based, of `threads`) within shard `shard` (0-based, of `shards`).
    public init(shard: Int, shards: Int, thread: Int, threads: Int) {
        let shards = max(1, shards)
        let threads = max(1, threads)
        offset = shard + shards * thread
        stride = shards * threads
    }

    /// How many of the global indexes `0..<total` belong to this stripe.
    public func count(of total: Int) -> Int {
        guard total > offset else { return 0 }
        return (total - offset + stride - 1) / stride
    }

    /// The global index of this stripe's `local`-th item.
    public func globalIndex(_ local: Int) -> Int {
        offset + stride * local
    }
}
