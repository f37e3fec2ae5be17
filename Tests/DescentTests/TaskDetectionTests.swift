import Testing
@testable import Descent

/// The task from the target column: text labels or two distinct values classify, other numbers
/// regress; `task` overrides; class indices are never normalised and the class names are kept.
@Suite struct TaskDetectionTests {
    func table(_ text: String) throws -> DataTable {
        try DelimitedFileReader.parse(Array(text.utf8), source: "t.csv")
    }

    @Test func textLabelsAreClassesInNameOrder() throws {
        let table = try table("a,b,diagnosis\n1,2,malignant\n3,4,benign\n5,6,malignant\n")
        #expect(table.detectTask() == .classification)
        let data = try table.trainingData()
        #expect(data.classNames == ["benign", "malignant"] && data.targets == [1, 0, 1] && data.task == .classification)
        #expect(data.features.values == [1, 2, 3, 4, 5, 6])
    }

    @Test func twoDistinctNumbersClassifyAndMoreRegress() throws {
        #expect(try table("a,y\n1,0\n2,1\n3,1\n").detectTask() == .classification)
        let numbers = try table("a,y\n1,0\n2,1\n3,7\n")
        #expect(numbers.detectTask() == .regression)
        let forced = try numbers.trainingData(task: .classification)
        #expect(forced.classNames == ["0", "1", "7"] && forced.targets == [0, 1, 2])
        #expect(try numbers.trainingData().classNames.isEmpty)
    }

    @Test func aTextTargetCannotRegressAndATextFeatureIsNotANumber() throws {
        let labels = try table("a,y\n1,yes\n2,no\n")
        #expect(throws: DataError.textTarget(source: "t.csv", column: "y", text: "yes")) { try labels.trainingData(task: .regression) }
        let feature = try table("a,y\nred,1\nblue,2\n")
        #expect(throws: DataError.notANumber(source: "t.csv", line: 2, column: 1, text: "red")) { try feature.trainingData() }
        // Numbers after a first word: the word was a typo, named where it is.
        #expect(throws: DataError.notANumber(source: "t.csv", line: 2, column: 2, text: "oops")) { try table("a,y\n1,oops\n2,3\n") }
    }

    @Test func classIndicesAreNotNormalisedAndOneClassIsRefused() throws {
        let data = try table("a,y\n1,cat\n2,dog\n3,cat\n4,dog\n5,dog\n").trainingData()
        let prepared = try PreparedData(data, trainFraction: 0.8, source: "t.csv")
        #expect(prepared.train.targets == [0, 1, 0, 1] && prepared.test.targets == [1])
        #expect(prepared.train.classNames == ["cat", "dog"])
        let single = try table("a,y\n1,cat\n2,cat\n3,cat\n4,dog\n").trainingData()
        #expect(throws: DataError.singleClass(source: "t.csv", column: "y", name: "cat")) { try PreparedData(single, trainFraction: 0.5, source: "t.csv") }
    }

    @Test func theModelChoiceFollowsTheTask() throws {
        let binary = try table("a,y\n1,no\n2,yes\n").trainingData()
        #expect(try ModelChoice(kind: .logistic).spec(for: binary).head == .binaryCrossEntropy)
        #expect(try ModelChoice(kind: .mlp).spec(for: binary) == ModelSpec(kind: .mlp, inputs: 1, hidden: [64], head: .binaryCrossEntropy))
        #expect(throws: ModelChoiceError.wrongTask(kind: .linear, task: .classification)) { try ModelChoice(kind: .linear).spec(for: binary) }
        let three = try table("a,y\n1,a\n2,b\n3,c\n").trainingData()
        #expect(throws: ModelChoiceError.logisticClasses(found: 3)) { try ModelChoice(kind: .logistic).spec(for: three) }
        #expect(try ModelChoice(kind: .softmax).spec(for: three).head == .softmaxCrossEntropy(classes: 3))
        #expect(ModelChoice(kind: .mlp).impliedTask == nil && ModelChoice(kind: .softmax).impliedTask == .classification)
    }
}
