// Draws for seed data from the store's seeded generator (ids come from `uuidText()`), so a
// seed gives the same data every run.

import Quantities

extension SeededRandom {
    /// An element of `choices`, which must not be empty.
    mutating func pick<T>(_ choices: [T]) -> T {
        choices[Int(next() % UInt64(choices.count))]
    }

    /// An integer in `range`.
    mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }
}
