/// A source of uniformly distributed 32-bit words: the only thing that differs between Descent's
/// random generators. Everything built on the bits (doubles, normals, shuffles) is shared, in
/// ``TrainingRandom``, and follows numpy's legacy `RandomState` so that the MT19937 source
/// reproduces numpy exactly.
public protocol RandomBits: Sendable {
    /// The next 32 random bits.
    mutating func next32() -> UInt32
}

/// Which generator drives initial weights and shuffles.
public enum RandomKind: String, CaseIterable, Codable, Sendable {
    /// xoshiro256** seeded through SplitMix64: fast, any 64-bit seed.
    case standard
    /// numpy's legacy `RandomState` (MT19937): the same numbers as `np.random.seed(seed)`.
    case numpy
}

/// The Mersenne Twister MT19937 with the reference `init_genrand` seeding, as in numpy's
/// `RandomState(seed)` for seeds below 2³².
public struct MersenneTwister: RandomBits, Sendable {
    private var state = [UInt32](repeating: 0, count: 624)
    private var index = 624

    /// Seeded as numpy's `RandomState(seed)`.
    public init(seed: UInt32) {
        state[0] = seed
        for i in 1..<624 {
            state[i] = 1_812_433_253 &* (state[i - 1] ^ (state[i - 1] >> 30)) &+ UInt32(i)
        }
    }

    /// The next 32 random bits.
    public mutating func next32() -> UInt32 {
        if index >= 624 { twist() }
        var y = state[index]
        index += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9D2C_5680
        y ^= (y << 15) & 0xEFC6_0000
        y ^= y >> 18
        return y
    }

    private mutating func twist() {
        for i in 0..<624 {
            let y = (state[i] & 0x8000_0000) | (state[(i + 1) % 624] & 0x7FFF_FFFF)
            state[i] = state[(i + 397) % 624] ^ (y >> 1) ^ ((y & 1) == 0 ? 0 : 0x9908_B0DF)
        }
        index = 0
    }
}

/// xoshiro256** (Blackman and Vigna), its state filled by SplitMix64 from the seed.
public struct Xoshiro256: RandomBits, Sendable {
    private var s: (UInt64, UInt64, UInt64, UInt64)
    private var spare: UInt32?

    /// Seeded through splitmix64.
    public init(seed: UInt64) {
        var x = seed
        func splitMix() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s = (splitMix(), splitMix(), splitMix(), splitMix())
    }

    /// The high then the low half of each 64-bit output.
    public mutating func next32() -> UInt32 {
        if let word = spare {
            spare = nil
            return word
        }
        let word = next64()
        spare = UInt32(truncatingIfNeeded: word)
        return UInt32(truncatingIfNeeded: word >> 32)
    }

    private mutating func next64() -> UInt64 {
        let result = rotate(s.1 &* 5, 7) &* 9
        let t = s.1 << 17
        s.2 ^= s.0
        s.3 ^= s.1
        s.1 ^= s.2
        s.0 ^= s.3
        s.2 ^= t
        s.3 = rotate(s.3, 45)
        return result
    }

    private func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}
