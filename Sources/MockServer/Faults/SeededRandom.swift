// Deterministic randomness for the mock: seed data and fault decisions must repeat exactly
// for the same `--seed`, so nothing here reads the system's entropy.

/// SplitMix64: a tiny, fast generator whose whole state is one `UInt64`.
///
/// It passes BigCrush and, unlike the system generator, repeats exactly for a given seed,
/// which is what makes `--seed` reproduce a run.
struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator that starts from `seed`.
    init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform `Double` in [0, 1) with 53 random bits.
    mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// An independent generator for the `index`-th item of a stream named by `salt`.
    ///
    /// Fault decisions use one per request: the decision for request N depends only on the
    /// seed and N, not on how many random numbers earlier requests happened to draw.
    static func stream(seed: UInt64, salt: UInt64, index: UInt64) -> SeededRandom {
        var mixer = SeededRandom(seed: seed ^ (salt &* 0xD6E8_FEB8_6659_FD93))
        _ = mixer.next()
        var derived = SeededRandom(seed: mixer.next() ^ (index &* 0x9E37_79B9_7F4A_7C15))
        _ = derived.next()
        return derived
    }
}
