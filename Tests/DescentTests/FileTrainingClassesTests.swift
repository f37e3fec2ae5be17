import Foundation
import Testing
@testable import Descent

/// A classification target in a file read a piece at a time (``FileTrainingRows``): its classes,
/// rows, a streamed classifier and its summary are the ones the same file loaded whole gives, and
/// the class problems loading reports are reported from it too.
@Suite struct FileTrainingClassesTests {
    static func loaded(_ path: String, task: LearningTask? = nil, precision: Matrix.Precision = .float64) throws -> PreparedData {
        var options = TableOptions()
        options.task = task
        let table = try DelimitedFileReader.read(path: path, float32Above: precision == .float32 ? 0 : .max)
        return try PreparedTable(table, options: options).prepared
    }

    /// Two values read as classes with no flag; three as classes when asked; the rows hand over
    /// class indices, the normalisation keeps the target as is, and the split's rows are the loaded ones.
    @Test(arguments: [(classes: 2, task: LearningTask?.none, held: Matrix.Precision.float64), (classes: 3, task: .classification, held: .float32),
                      (classes: 7, task: .classification, held: .float64)])
    func classesAndRowsAreTheLoadedFiles(classes: Int, task: LearningTask?, held: Matrix.Precision) throws {
        // Labels 2.5, 5, 7.5, … so that a class index is never the label itself.
        let path = try FileTrainingRowsTests.npy(rows: 70_001, columns: 4, float32: false, target: { Double(($0 * 7919) % classes + 1) * 2.5 })
        defer { try? FileManager.default.removeItem(atPath: path) }
        let rows = try FileTrainingRows(file: RowFile(path: path), target: nil, trainFraction: 0.8, precision: held, task: task)
        let loaded = try Self.loaded(path, task: task, precision: held)
        #expect(rows.classNames == loaded.train.classNames && rows.classNames.count == classes)
        #expect(rows.normalization == loaded.normalization)
        let picked: [Int32] = [55_999, 0, 7, 40_000, 12]
        let gathered = try rows.gather(rows: picked[...])
        #expect(gathered.targets == picked.map { loaded.train.targets[Int($0)] } && gathered.classNames == rows.classNames)
        #expect(try rows.rows(rows.count..<rows.file.rows).targets == loaded.test.targets)
        // Its classification summary, a block at a time across 56,000 training and 14,001 test rows.
        let spec = ModelSpec(kind: classes == 2 ? .logistic : .softmax, inputs: 3, hidden: [], activation: .relu,
                             head: classes == 2 ? .binaryCrossEntropy : .softmaxCrossEntropy(classes: classes))
        var random = TrainingRandom(kind: .standard, seed: 4)
        let parameters = (0..<ParameterLayout(spec: spec).count).map { _ in random.nextNormal() }
        let summary = try #require(try ModelSummaries.classification(parameters, spec: spec, rows: rows))
        #expect(summary == ModelSummaries.classification(parameters, spec: spec, data: loaded))
        #expect((summary.confusion?.joined().reduce(0, +) ?? 0) == (classes <= 10 ? rows.testRows : 0))
        #expect(try ModelSummaries.classification(parameters, spec: spec, rows: rows, shouldStop: { true }) == nil)
    }

    /// A streamed classifier (logistic, softmax, an MLP) trains as the loaded rows do with the same chunks, bit for bit.
    @Test func aStreamedClassifierIsTheLoadedOne() throws {
        let path = try FileTrainingRowsTests.npy(rows: 2_001, columns: 4, float32: false, target: { Double($0 % 3) })
        defer { try? FileManager.default.removeItem(atPath: path) }
        var settings = TrainingSettings()
        settings.epochs = 2
        settings.batchSize = 32
        settings.learningRate = 0.05
        let plan = ChunkPlan(rowsPerChunk: 100, bufferChunks: 3)
        let softmax = ModelSpec(kind: .softmax, inputs: 3, hidden: [], activation: .relu, head: .softmaxCrossEntropy(classes: 3))
        let mlp = ModelSpec(kind: .mlp, inputs: 3, hidden: [4], activation: .tanh, head: .softmaxCrossEntropy(classes: 3))
        for spec in [softmax, mlp] {
            let rows = try FileTrainingRows(file: RowFile(path: path), target: nil, trainFraction: 0.8, task: .classification)
            let loaded = try Self.loaded(path, task: .classification)
            var fromFile = [Double](), fromMemory = [Double]()
            let streamed = try Trainer(settings: settings).runStreaming(on: CPUBackend(), spec: spec, train: rows, plan: plan) { fromFile += $0.losses }
            let resident = try Trainer(settings: settings).runStreaming(on: CPUBackend(), spec: spec, train: loaded.train, plan: plan) { fromMemory += $0.losses }
            #expect(streamed.parameters == resident.parameters && fromFile == fromMemory && !fromFile.isEmpty)
            #expect(streamed.classNames == ["0", "1", "2"])
        }
    }

    /// A label the class pass did not find, met while training (another program rewrote the file),
    /// is an error naming its row, not a trap.
    @Test func aClassChangedWhileReadIsAnError() throws {
        let path = try FileTrainingRowsTests.npy(rows: 100, columns: 3, float32: false, target: { Double($0 % 2) })
        defer { try? FileManager.default.removeItem(atPath: path) }
        let rows = try FileTrainingRows(file: RowFile(path: path), target: nil, trainFraction: 0.8)
        #expect(try rows.gather(rows: [5, 6]).targets == [1, 0])
        // Row 7's target (its third float64) becomes 2, in place.
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        let size = try handle.seekToEnd()
        try handle.seek(toOffset: size - UInt64(100 * 3 * 8) + UInt64((6 * 3 + 2) * 8))
        try handle.write(contentsOf: withUnsafeBytes(of: 2.0) { Data($0) })
        try handle.close()
        #expect(throws: DataError.classChangedWhileRead(source: path, column: "x3", row: 7, value: 2)) { try rows.gather(rows: [5, 6]) }
        #expect(throws: DataError.classChangedWhileRead(source: path, column: "x3", row: 7, value: 2)) {
            try ModelSummaries.classification([0, 0, 0], spec: ModelSpec(kind: .logistic, inputs: 2, head: .binaryCrossEntropy), rows: rows)
        }
    }

    @Test func classProblemsAreReportedAsLoadingReportsThem() throws {
        // Every value apart, read as classes: more than a classifier takes, counted no further.
        let continuous = try FileTrainingRowsTests.npy(rows: 3_000, columns: 3, float32: false)
        defer { try? FileManager.default.removeItem(atPath: continuous) }
        #expect(throws: DataError.tooManyStreamedClasses(source: continuous, column: "x3", limit: DataTable.maxClasses)) {
            try FileTrainingRows(file: RowFile(path: continuous), target: nil, trainFraction: 0.8, task: .classification)
        }
        #expect(try FileTrainingRows(file: RowFile(path: continuous), target: nil, trainFraction: 0.8).classNames.isEmpty)
        // One class in the training rows (the other only in the test rows).
        let single = try FileTrainingRowsTests.npy(rows: 100, columns: 3, float32: false, target: { $0 < 90 ? 4 : 5 })
        defer { try? FileManager.default.removeItem(atPath: single) }
        #expect(throws: DataError.singleClass(source: single, column: "x3", name: "4")) {
            try FileTrainingRows(file: RowFile(path: single), target: nil, trainFraction: 0.8)
        }
        // Two values read as numbers when asked: a regression, normalised.
        let binary = try FileTrainingRowsTests.npy(rows: 40, columns: 3, float32: false, target: { Double($0 % 2) })
        defer { try? FileManager.default.removeItem(atPath: binary) }
        let regression = try FileTrainingRows(file: RowFile(path: binary), target: nil, trainFraction: 0.8, task: .regression)
        #expect(regression.classNames.isEmpty && regression.normalization.target.maximum == 1 && regression.normalization.target.mean != 0)
        // A label past 2^24 in rows read as float32, as loading refuses it.
        let large = try FileTrainingRowsTests.npy(rows: 40, columns: 3, float32: false, target: { $0 % 2 == 0 ? 16_777_217 : 3 })
        defer { try? FileManager.default.removeItem(atPath: large) }
        #expect(throws: DataError.classBeyondFloat32(source: large, column: "x3", value: 16_777_216, cache: false)) {
            try FileTrainingRows(file: RowFile(path: large), target: nil, trainFraction: 0.8, precision: .float32)
        }
        #expect(throws: DataError.classBeyondFloat32(source: large, column: "x3", value: 16_777_216, cache: false)) {
            try Self.loaded(large, precision: .float32)
        }
        #expect(try FileTrainingRows(file: RowFile(path: large), target: nil, trainFraction: 0.8).classNames == ["3", "16777217"])
        // Both a label past 2^24 and too many classes, in float32 rows: the label first, as loading says.
        let both = try FileTrainingRowsTests.npy(rows: 1_500, columns: 3, float32: false, target: { $0 == 1_400 ? 30_000_001 : Double($0) })
        defer { try? FileManager.default.removeItem(atPath: both) }
        #expect(throws: DataError.classBeyondFloat32(source: both, column: "x3", value: 30_000_000, cache: false)) {
            try FileTrainingRows(file: RowFile(path: both), target: nil, trainFraction: 0.8, precision: .float32, task: .classification)
        }
        #expect(throws: DataError.classBeyondFloat32(source: both, column: "x3", value: 30_000_000, cache: false)) {
            try Self.loaded(both, task: .classification, precision: .float32)
        }
        // A column too wide to normalise and one class in the training rows: the column first, as loading says.
        let wide = try FileTrainingRowsTests.npy(rows: 100, columns: 3, float32: false, target: { $0 < 90 ? 4 : 5 })
        defer { try? FileManager.default.removeItem(atPath: wide) }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: wide))
        var patched = bytes
        let first = bytes.count - 100 * 3 * 8  // row 1, column 1: -1.7e308, and row 2's: 1.7e308
        for (offset, value) in [(first, -1.7e308), (first + 3 * 8, 1.7e308)] {
            patched.replaceSubrange(offset..<offset + 8, with: withUnsafeBytes(of: value) { Data($0) })
        }
        try patched.write(to: URL(fileURLWithPath: wide))
        let expected = DataError.notNormalizable(source: wide, column: "x1", minimum: -1.7e308, maximum: 1.7e308)
        #expect(throws: expected) { try FileTrainingRows(file: RowFile(path: wide), target: nil, trainFraction: 0.8) }
        #expect(throws: expected) { try Self.loaded(wide) }
    }
}
