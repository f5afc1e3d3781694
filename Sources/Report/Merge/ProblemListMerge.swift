// Adding the shards' lists of distinct errors, failed checks and violations: the same thing
// seen by two shards becomes one entry with the counts added and the first shard's sample,
// and the lists stay within the engine's bounds however many shards there are.

/// The bounds the engine keeps its lists within (Load's `ErrorCatalog` and `SampledValidation`),
/// so a merged result is no longer than a single run's could be.
public enum ProblemListLimits {
    /// Distinct errors and distinct failed checks kept.
    public static let distinctErrors = 200
    /// Distinct contract violations kept.
    public static let distinctViolations = 500
}

extension Array where Element == ErrorSummary {
    /// The errors of every shard added up, most frequent first. Beyond
    /// `ProblemListLimits.distinctErrors` distinct messages, the rarest are counted under
    /// "other CLASS errors" of their operation, as the engine does, so no error is lost.
    static func merged(_ lists: [[ErrorSummary]]) -> [ErrorSummary] {
        let combined = mergedByKey(lists.joined(), key: { [$0.operation, $0.errorClass.rawValue, $0.message] })
        guard combined.count > ProblemListLimits.distinctErrors else { return combined }
        let kept = combined.prefix(ProblemListLimits.distinctErrors)
        let folded = combined.dropFirst(ProblemListLimits.distinctErrors).map { error in
            var other = error
            other.message = "other \(error.errorClass.rawValue) errors"
            return other
        }
        return mergedByKey(Array(kept) + folded, key: { [$0.operation, $0.errorClass.rawValue, $0.message] })
    }
}

extension Array where Element == CheckFailureSummary {
    /// The failed checks of every shard added up, most frequent first; beyond
    /// `ProblemListLimits.distinctErrors` distinct checks the rarest are left out of the list,
    /// as the engine leaves them out (the totals' `checks_failed` still counts them).
    static func merged(_ lists: [[CheckFailureSummary]]) -> [CheckFailureSummary] {
        Array(mergedByKey(lists.joined(), key: { [$0.scenario, $0.step, $0.check] }).prefix(ProblemListLimits.distinctErrors))
    }
}

extension Array where Element == ViolationSummary {
    /// The contract violations of every shard added up, most frequent first; beyond
    /// `ProblemListLimits.distinctViolations` the rarest are left out of the list (the
    /// validation counts still count them).
    static func merged(_ lists: [[ViolationSummary]]) -> [ViolationSummary] {
        Array(mergedByKey(lists.joined(), key: { [$0.operation, String($0.status), $0.pointer, $0.keyword] })
            .prefix(ProblemListLimits.distinctViolations))
    }
}

/// A summary that counts one distinct thing, so that equal ones from several shards add up.
protocol MergeableProblem {
    var count: Int { get set }
    /// What orders equally frequent entries, so the merged list does not depend on file order.
    var orderingText: String { get }
}

extension ErrorSummary: MergeableProblem {
    var orderingText: String { operation + "\u{0}" + errorClass.rawValue + "\u{0}" + message }
}

extension CheckFailureSummary: MergeableProblem {
    var orderingText: String { scenario + "\u{0}" + step + "\u{0}" + check }
}

extension ViolationSummary: MergeableProblem {
    var orderingText: String { operation + "\u{0}" + String(status) + "\u{0}" + pointer + "\u{0}" + keyword }
}

/// Entries with equal keys added into the first of them (whose sample is kept), most frequent first.
private func mergedByKey<Entry: MergeableProblem, Entries: Sequence<Entry>>(
    _ entries: Entries, key: (Entry) -> [String]
) -> [Entry] {
    var order: [[String]] = []
    var byKey: [[String]: Entry] = [:]
    for entry in entries {
        let entryKey = key(entry)
        if var existing = byKey[entryKey] {
            existing.count += entry.count
            byKey[entryKey] = existing
        } else {
            byKey[entryKey] = entry
            order.append(entryKey)
        }
    }
    return order.compactMap { byKey[$0] }.sorted {
        $0.count != $1.count ? $0.count > $1.count : $0.orderingText < $1.orderingText
    }
}
