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
    /// Distinct (operation, pattern) pairs of patterns not run.
    public static let distinctUncheckedPatterns = 100
}

extension Array where Element == ErrorSummary {
    /// The errors of every shard added up, most frequent first. Beyond
    /// `ProblemListLimits.distinctErrors` distinct messages, the rarest are counted under
    /// "other CLASS errors" of their operation, as the engine does, so no error is lost.
    static func merged(_ lists: [[ErrorSummary]]) -> [ErrorSummary] {
        let combined = Array(lists.joined()).combined()
        guard combined.count > ProblemListLimits.distinctErrors else { return combined }
        let kept = combined.prefix(ProblemListLimits.distinctErrors)
        let folded = combined.dropFirst(ProblemListLimits.distinctErrors).map { error in
            var other = error
            other.message = "other \(error.errorClass.rawValue) errors"
            return other
        }
        return (Array(kept) + folded).combined()
    }
}

extension Array where Element == CheckFailureSummary {
    /// The failed checks of every shard added up, most frequent first; beyond
    /// `ProblemListLimits.distinctErrors` distinct checks the rarest are left out of the list,
    /// as the engine leaves them out (the totals' `checks_failed` still counts them).
    static func merged(_ lists: [[CheckFailureSummary]]) -> [CheckFailureSummary] {
        Array(Array(lists.joined()).combined().prefix(ProblemListLimits.distinctErrors))
    }
}

extension Array where Element == ViolationSummary {
    /// The contract violations of every shard added up, most frequent first; beyond
    /// `ProblemListLimits.distinctViolations` the rarest are left out of the list (the
    /// validation counts still count them).
    static func merged(_ lists: [[ViolationSummary]]) -> [ViolationSummary] {
        Array(Array(lists.joined()).combined().prefix(ProblemListLimits.distinctViolations))
    }
}

extension Array where Element == UncheckedPatternSummary {
    /// The patterns not run in every shard added up, most frequent first, within
    /// `ProblemListLimits.distinctUncheckedPatterns`.
    static func merged(_ lists: [[UncheckedPatternSummary]]) -> [UncheckedPatternSummary] {
        Array(Array(lists.joined()).combined().prefix(ProblemListLimits.distinctUncheckedPatterns))
    }
}

/// A summary that counts one distinct thing, so that equal ones from several threads or
/// shards add up: the load engine combines its threads' lists with it, `merge` its shards'.
public protocol CountedProblem {
    /// How many times the thing was seen.
    var count: Int { get set }
    /// What makes two summaries the same thing.
    var key: [String] { get }
}

extension ErrorSummary: CountedProblem {
    /// Operation, error class and message.
    public var key: [String] { [operation, errorClass.rawValue, message] }
}

extension CheckFailureSummary: CountedProblem {
    /// Scenario, step and check.
    public var key: [String] { [scenario, step, check] }
}

extension ViolationSummary: CountedProblem {
    /// Operation, status, pointer and keyword.
    public var key: [String] { [operation, String(status), pointer, keyword] }
}

extension UncheckedPatternSummary: CountedProblem {
    /// Operation and pattern.
    public var key: [String] { [operation, pattern] }
}

extension Array where Element: CountedProblem {
    /// Entries with equal keys added into the first of them (whose sample is kept), most
    /// frequent first; equally frequent ones ordered by key, so the list does not depend on
    /// which thread or file came first.
    public func combined() -> [Element] {
        var order: [[String]] = []
        var byKey: [[String]: Element] = [:]
        for entry in self {
            let entryKey = entry.key
            if var existing = byKey[entryKey] {
                existing.count += entry.count
                byKey[entryKey] = existing
            } else {
                byKey[entryKey] = entry
                order.append(entryKey)
            }
        }
        return order.compactMap { byKey[$0] }.sorted {
            $0.count != $1.count ? $0.count > $1.count : $0.key.lexicographicallyPrecedes($1.key)
        }
    }
}
