import Foundation
import Testing
@testable import Descent

@Suite struct NormalisationLimitTests {
    /// A column of 1e308s sums to infinity (its "normalised" values were -inf), and a test row far
    /// outside the training rows' range normalised to infinity (the fuzzer's find).
    @Test(arguments: ["1e308 1\n1e308 2\n1e308 3\n1e308 4\n1e308 5\n", "-1.7e308 1\n1.7e308 2\n1 3\n1 4\n1 5\n",
                      "-1.7e308 1\n1.7e308 5\n"])
    func valuesTooLargeToNormaliseAreAnErrorNotNaN(text: String) throws {
        let data = try DelimitedFileReader.parse(Array(text.utf8), source: "big.data").regressionData()
        #expect(throws: DataError.self) { try PreparedData(data, trainFraction: 0.8, source: "big.data") }
    }
}
