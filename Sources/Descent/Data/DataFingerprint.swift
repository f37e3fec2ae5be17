extension RegressionData {
    /// A 64-bit hash of the rows' shape and of every value's bits, in row order, as 16 hex digits.
    ///
    /// A checkpoint stores it so that `--resume` refuses training rows that were changed or
    /// reordered (the same statistics and count, but a different run). It detects accidents, not
    /// forgery: FNV-1a over 64-bit words, cheap enough for millions of rows.
    public var fingerprint: String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ word: UInt64) {
            hash = (hash ^ word) &* 0x0000_0100_0000_01b3
            hash ^= hash >> 29  // spread the high bits of each word into the low ones
        }
        mix(UInt64(count))
        mix(UInt64(features.columns))
        features.withValues(float64: { for value in $0 { mix(value.bitPattern) } },
                            float32: { for value in $0 { mix(Double(value).bitPattern) } })  // the same hash for the same values
        for value in targets { mix(value.bitPattern) }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
