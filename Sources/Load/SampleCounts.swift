// Occurrences of distinct things, each counted with its first sample: the shape of the error,
// failed-check and violation summaries of a load run. Bounded, because what is counted comes
// from a server, which may make every message distinct.

/// Distinct keys with a count and the first sample of each.
struct SampleCounts<Key: Hashable & Sendable>: Sendable {
    private(set) var entries: [Key: (count: Int, sample: String)] = [:]

    /// Counts one occurrence of `key`. A key not yet seen once `limit` keys are kept is counted
    /// under `overflow` instead, or not at all when there is none.
    mutating func add(_ key: Key, limit: Int, overflow: @autoclosure () -> Key? = nil, sample: @autoclosure () -> String) {
        var key = key
        if entries[key] == nil, entries.count >= limit {
            guard let overflow = overflow() else { return }
            key = overflow
        }
        if let existing = entries[key] {
            entries[key] = (existing.count + 1, existing.sample)
        } else {
            entries[key] = (1, sample())
        }
    }
}
