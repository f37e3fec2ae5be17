import Descent
import Testing

/// Summary numbers print with the digits they need: a small value keeps 3 significant digits.
@Suite struct ReadableNumberTests {
    @Test(arguments: [
        (0.4302, 4, "0.4302"), (0.0162, 4, "0.0162"), (26.6, 1, "26.6"),  // the course's summary, unchanged
        (0.00123, 4, "0.00123"), (0.000012345, 4, "0.0000123"), (3.2e-9, 4, "3.20e-09"), (0, 4, "0.0000"),
        (0.0031, 2, "0.00310"), (-0.0042, 2, "-0.00420"), (2.5e20, 4, "2.5000e+20"),
    ])
    func smallValuesKeepThreeSignificantDigits(value: Double, digits: Int, expected: String) {
        #expect(readable(value, digits: digits) == expected)
    }

    /// A target measured in the thousandths: its RMSE must not print as 0.00.
    @Test func aSmallTargetUnitIsNotZero() {
        #expect(TargetUnit(multiplier: 1, prefix: "").format(0.0031) == "0.00310")
        #expect(TargetUnit(multiplier: 1000, prefix: "$").format(24.5) == "$24,500.00")
    }
}
