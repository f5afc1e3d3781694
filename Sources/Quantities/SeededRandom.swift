// The project's one seedable random source: template values (`{{uuid}}`, `random.*`), the
// mock's seed data and its fault decisions all repeat exactly for the same `--seed`, on every
// run and platform, which the system generator (unseedable) cannot give.

/// xoshiro256**, a small, fast generator (256 bits of state) seeded through SplitMix64.
///
/// The same seed and stream give the same sequence everywhere.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    /// A generator whose sequence is fixed by `seed`; `stream` gives independent sequences
    /// from one seed (e.g. one per virtual user of a load run).
    public init(seed: UInt64, stream: UInt64 = 0) {
        var mixer = seed ^ (stream &* 0x9E37_79B9_7F4A_7C15)
        state = (Self.splitMix(&mixer), Self.splitMix(&mixer), Self.splitMix(&mixer), Self.splitMix(&mixer))
    }

    /// A generator seeded from the system's random source, for runs without `--seed`.
    public init() {
        var system = SystemRandomNumberGenerator()
        self.init(seed: system.next())
    }

    /// An independent generator for the `index`-th item of a sequence of items named by `salt`.
    ///
    /// The mock draws its fault decisions from one per request: the decision for request N
    /// depends only on the seed and N, not on how many numbers earlier requests happened to
    /// draw. The salt keeps such item streams apart from the plain `init(seed:stream:)` ones.
    public static func stream(seed: UInt64, salt: UInt64, index: UInt64) -> SeededRandom {
        var mixer = seed ^ (salt &* 0xD6E8_FEB8_6659_FD93)
        return SeededRandom(seed: splitMix(&mixer), stream: index)
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = Self.rotateLeft(state.1 &* 5, by: 7) &* 9
        let shifted = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= shifted
        state.3 = Self.rotateLeft(state.3, by: 45)
        return result
    }

    /// A uniform `Double` in [0, 1) with 53 random bits.
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    private static func rotateLeft(_ value: UInt64, by amount: UInt64) -> UInt64 {
        (value << amount) | (value >> (64 - amount))
    }

    /// One SplitMix64 step: spreads nearby seeds (1, 2, 3…) into unrelated 64-bit words.
    private static func splitMix(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
