// "Did you mean …?" for a name misspelt in a source file (a key, an executor, an operationId):
// the closest valid names by edit distance. The one Levenshtein of the project.

/// Finds the valid names closest to one a person wrote.
public enum NearestName {
    /// The candidate closest to `name` by edit distance (ignoring case), if close enough to be
    /// a plausible typo: at most a third of the name's length, and at least 2.
    public static func suggestion(for name: String, among candidates: [String]) -> String? {
        let lowered = name.lowercased()
        let tolerance = max(2, lowered.count / 3)
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let other = candidate.lowercased()
            // The distance is at least the difference in length; skipping hopeless candidates
            // keeps a long pasted value from costing its length times every candidate's.
            guard abs(other.count - lowered.count) <= tolerance else { continue }
            let distance = editDistance(lowered, other)
            if distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
        }
        guard let best, best.distance <= tolerance else { return nil }
        return best.name
    }

    /// The number of single-character insertions, deletions and substitutions that turn `a`
    /// into `b` (Levenshtein distance, over characters, case as given).
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        // One row of memory: the previous row of the distance table and the one being filled.
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
