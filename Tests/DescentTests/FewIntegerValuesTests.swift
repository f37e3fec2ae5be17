import Descent
import Testing

/// The tally behind `descent train`'s notice for classes read as numbers: 3 to 20 distinct
/// integers count; two, a fraction, or a 21st value do not, and nothing after a no changes it.
@Suite struct FewIntegerValuesTests {
    static func tally(_ values: [Double]) -> FewIntegerValues {
        var tally = FewIntegerValues()
        values.forEach { tally.add($0) }
        return tally
    }

    @Test func threeToTwentyDistinctIntegersCount() {
        #expect(Self.tally([2, 0, 1, 1, 2]).count == 3)
        #expect(Self.tally((0..<20).map(Double.init)).count == 20)
        #expect(Self.tally([-3, 7.000_000_000_1, 1e6]).count == 3)  // within 1e-9 relative: an integer read back from float64 arithmetic
    }

    @Test func twoValuesAFractionOrTwentyOneAreNot() {
        #expect(Self.tally([0, 1, 1, 0]).count == nil)
        #expect(Self.tally([0, 1, 2.5]).count == nil && Self.tally([0, 1, 2.5]).ruledOut)
        #expect(Self.tally((0..<21).map(Double.init)).count == nil)
        #expect(Self.tally([0.5] + (0..<5).map(Double.init)).count == nil, "a no is final")
    }
}
