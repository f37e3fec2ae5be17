import Foundation

/// The random numbers a training run draws: standard normals for the initial weights and the
/// per-epoch shuffles, computed exactly as numpy's legacy `RandomState` computes them
/// (MT19937 `init_genrand`, `legacy_double`, `legacy_gauss`, `random_interval`), over any ``RandomBits``.
///
/// Same kind and seed, same numbers, on every backend: the trainer draws on the host and hands the
/// backends a permutation.
public struct TrainingRandom: Sendable {
    private var bits: any RandomBits
    private var cachedNormal: Double?

    /// The generator `kind`, seeded.
    public init(kind: RandomKind, seed: UInt64) {
        switch kind {
        case .numpy: bits = MersenneTwister(seed: UInt32(truncatingIfNeeded: seed))
        case .standard: bits = Xoshiro256(seed: seed)
        }
    }

    /// Normal draws and shuffles over any source of bits.
    public init(bits: any RandomBits) { self.bits = bits }

    /// A double in [0, 1) with 53 random bits: numpy's `legacy_double`.
    public mutating func nextDouble() -> Double {
        let a = Double(bits.next32() >> 5), b = Double(bits.next32() >> 6)
        return (a * 67_108_864.0 + b) / 9_007_199_254_740_992.0
    }

    /// A standard normal by the polar method, caching the second value: numpy's `legacy_gauss`.
    public mutating func nextNormal() -> Double {
        if let cached = cachedNormal {
            cachedNormal = nil
            return cached
        }
        var x1 = 0.0, x2 = 0.0, r2 = 0.0
        repeat {
            x1 = 2 * nextDouble() - 1
            x2 = 2 * nextDouble() - 1
            r2 = x1 * x1 + x2 * x2
        } while r2 >= 1 || r2 == 0
        let f = (-2 * log(r2) / r2).squareRoot()
        cachedNormal = f * x1
        return f * x2
    }

    /// A uniform integer in `0...max` by masked rejection: numpy's `random_interval` (32-bit path).
    public mutating func nextInterval(_ max: UInt32) -> UInt32 {
        Self.interval(max, &bits)
    }

    /// Shuffles in place exactly as `np.random.shuffle` permutes the rows of an array.
    public mutating func shuffle<T>(_ items: inout [T]) {
        shuffle(&items, keepingFirst: 0)
    }

    /// The first draws of ``shuffle(_:)``, those that fill positions `first...` as it does: every
    /// item from `first` on is where the whole shuffle puts it, and the first `first` items are the
    /// rest, in an order left unspecified. A random subset of `items.count - first` items for that
    /// many draws (issue 14: a shuffle buffer's rows for all its batches but the first).
    public mutating func shuffle<T>(_ items: inout [T], keepingFirst first: Int) {
        precondition(items.count <= Int(UInt32.max), "shuffle: more than 2³² items")
        // The built-in generators by their concrete type: opened from `any RandomBits`, the
        // generic loop could not be specialised and moved every swapped element through value
        // witnesses (a memmove call each), 4× the device's epoch at batch 256 on 1M rows
        // (BENCHMARKS.md, issue 14's small batches). The same draws in the same order either way.
        if var concrete = bits as? Xoshiro256 {
            Self.shuffle(&items, from: first, &concrete)
            bits = concrete
        } else if var concrete = bits as? MersenneTwister {
            Self.shuffle(&items, from: first, &concrete)
            bits = concrete
        } else {
            Self.shuffle(&items, from: first, &bits)  // opens the generator once, not once per draw
        }
    }

    private static func shuffle<T, Bits: RandomBits>(_ items: inout [T], from first: Int, _ bits: inout Bits) {
        items.withUnsafeMutableBufferPointer { buffer in
            var i = buffer.count - 1
            let last = max(first, 1)
            while i >= last {
                let j = Int(interval(UInt32(i), &bits))
                if i != j { buffer.swapAt(i, j) }
                i -= 1
            }
        }
    }

    @inline(__always)
    private static func interval<Bits: RandomBits>(_ max: UInt32, _ bits: inout Bits) -> UInt32 {
        if max == 0 { return 0 }
        var mask = max
        mask |= mask >> 1
        mask |= mask >> 2
        mask |= mask >> 4
        mask |= mask >> 8
        mask |= mask >> 16
        while true {
            let value = bits.next32() & mask
            if value <= max { return value }
        }
    }
}
