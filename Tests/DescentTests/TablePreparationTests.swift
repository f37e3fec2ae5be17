import Foundation
import Testing
@testable import Descent

/// ``PreparedTable``: fills from the training rows only, the splits (first rows, shuffled,
/// stratified), and the scaling methods (issue 12, items 3 to 5).
@Suite struct TablePreparationTests {
    func table(_ text: String) throws -> DataTable { try DelimitedFileReader.parse(Array(text.utf8), source: "t.csv") }

    @Test func fillsComeFromTheTrainingRowsOnly() throws {
        // Ten rows; the first eight train. The test rows' 1000s must not move the fills.
        let rows = ["1,1", "2,2", ",3", "3,4", "4,5", "4,6", "5,7", "9,8", "1000,9", ",10"]
        var options = TableOptions()
        for (policy, fill) in [(MissingPolicy.mean, 4.0), (.median, 4), (.mostFrequent, 4)] {
            options.missing = policy
            let prepared = try PreparedTable(try table("a,y\n" + rows.joined(separator: "\n") + "\n"), options: options)
            #expect(prepared.encoding.columns[0].fill == fill, "\(policy)")
            #expect(prepared.prepared.train.count == 8 && prepared.prepared.test.count == 2)
        }
    }

    @Test func aClassSortedFileStratifiedTestsEveryClass() throws {
        let rows = (0..<50).map { "\($0 % 7),\($0 < 25 ? "no" : "yes")" }
        var options = TableOptions()
        let first = try PreparedTable(try table("a,label\n" + rows.joined(separator: "\n") + "\n"), options: options)
        #expect(Set(first.prepared.test.targets) == [1])  // the course's split: only the last class tests
        options.shuffle = true
        options.stratify = true
        options.splitSeed = 7
        let stratified = try PreparedTable(try table("a,label\n" + rows.joined(separator: "\n") + "\n"), options: options)
        #expect(stratified.prepared.test.targets.filter { $0 == 0 }.count == 5 && stratified.prepared.test.targets.filter { $0 == 1 }.count == 5)
        #expect(stratified.encoding.split == SplitRecord(trainFraction: 0.8, shuffled: true, seed: 7, stratified: true))
    }

    @Test func aShuffledSplitDependsOnTheSeedOnly() throws {
        let text = "a,y\n" + (0..<30).map { "\($0),\($0 * 2)" }.joined(separator: "\n") + "\n"
        var options = TableOptions()
        options.shuffle = true
        options.splitSeed = 3
        let one = try PreparedTable(try table(text), options: options), two = try PreparedTable(try table(text), options: options)
        #expect(one.prepared.test.targets == two.prepared.test.targets)
        #expect(one.prepared.test.targets != [48, 50, 52, 54, 56, 58])
        options.splitSeed = 4
        #expect(try PreparedTable(try table(text), options: options).prepared.test.targets != one.prepared.test.targets)
    }

    @Test func stratifyingARegressionTargetIsRefused() throws {
        var options = TableOptions()
        options.stratify = true
        #expect(throws: TableError.stratifyRegression(source: "t.csv", column: "y")) {
            try PreparedTable(try table("a,y\n" + (0..<30).map { "\($0),\($0 * 2)" }.joined(separator: "\n") + "\n"), options: options)
        }
    }

    @Test func standardAndNoScalingAreKeptInTheStatistics() throws {
        let text = "a,y\n" + (0..<10).map { "\($0),\($0 * 3)" }.joined(separator: "\n") + "\n"
        var options = TableOptions()
        options.normalization = .standard
        let standard = try PreparedTable(try table(text), options: options).prepared
        let a = standard.train.features.column(0)
        #expect(abs(a.reduce(0, +)) < 1e-12 && abs(a.map { $0 * $0 }.reduce(0, +) / Double(a.count) - 1) < 1e-12)
        #expect(standard.normalization.features[0].method == .standard)
        options.normalization = .none
        let none = try PreparedTable(try table(text), options: options).prepared
        #expect(none.train.features.column(0) == (0..<8).map(Double.init) && none.train.targets == (0..<8).map { Double($0 * 3) })
    }

    @Test func aSavedIndexIsDroppedWithANotice() throws {
        let prepared = try PreparedTable(try table(",a,y\n" + (0..<10).map { "\($0),\($0 % 3),\($0)" }.joined(separator: "\n") + "\n"), options: TableOptions())
        #expect(prepared.encoding.featureNames == ["a"] && prepared.notices.first?.contains("a saved row index") == true)
    }
}
