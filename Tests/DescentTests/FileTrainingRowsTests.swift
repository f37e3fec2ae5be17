import Foundation
import Testing
@testable import Descent

/// A `.descent` cache or an `.npy` array read a piece at a time (``RowFile``, ``FileTrainingRows``)
/// gives the bits the same file loaded whole gives: the split's statistics, the normalised rows,
/// a streamed run's parameters and losses, and the summary.
@Suite struct FileTrainingRowsTests {
    /// An `.npy` array of `rows` × `columns` (the last column a noisy linear target), float32 or float64.
    static func npy(rows: Int, columns: Int, float32: Bool, seed: UInt64 = 7, target: ((Int) -> Double)? = nil) throws -> String {
        var random = TrainingRandom(kind: .standard, seed: seed)
        var values = [Double]()
        for row in 0..<rows {
            let features = (1..<columns).map { _ in random.nextNormal() * 3 + 1 }
            values += features + [target?(row) ?? features.enumerated().reduce(0.5) { $0 + Double($1.0 + 1) * $1.1 } + random.nextNormal()]
        }
        let descr = float32 ? "<f4" : "<f8"
        var header = "{'descr': '\(descr)', 'fortran_order': False, 'shape': (\(rows), \(columns)), }"
        while (10 + header.utf8.count + 1) % 64 != 0 { header += " " }
        header += "\n"
        var bytes = [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(header.utf8.count & 0xFF), UInt8(header.utf8.count >> 8)] + Array(header.utf8)
        if float32 { bytes += values.map(Float.init).withUnsafeBytes { Array($0) } } else { bytes += values.withUnsafeBytes { Array($0) } }
        let path = NSTemporaryDirectory() + "descent-\(UUID().uuidString).npy"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// The same file loaded whole, split and normalised as `descent train` does.
    /// The file as loading it holds it: float64, or float32 (as past 64 MiB) with `precision` float32.
    static func loaded(_ path: String, method: NormalizationMethod = .course, precision: Matrix.Precision = .float64) throws -> PreparedData {
        var options = TableOptions()
        options.normalization = method
        let table = try DelimitedFileReader.read(path: path, float32Above: precision == .float32 ? 0 : .max)
        return try PreparedTable(table, options: options).prepared
    }

    @Test(arguments: [(float32: true, method: NormalizationMethod.course, held: Matrix.Precision.float64), (float32: false, method: .standard, held: .float64),
                      (float32: true, method: .none, held: .float64), (float32: false, method: .course, held: .float32),
                      (float32: true, method: .standard, held: .float32)])
    func statisticsAndRowsAreTheLoadedFiles(float32: Bool, method: NormalizationMethod, held: Matrix.Precision) throws {
        let path = try Self.npy(rows: 70_001, columns: 5, float32: float32)  // past one block of 65,536 rows
        defer { try? FileManager.default.removeItem(atPath: path) }
        let rows = try FileTrainingRows(file: RowFile(path: path), target: nil, trainFraction: 0.8, method: method, precision: held)
        let loaded = try Self.loaded(path, method: method, precision: held)
        #expect(try loaded.train.features.precision == held && rows.rows(0..<3).features.precision == held)
        #expect(rows.normalization == loaded.normalization)
        #expect(rows.count == loaded.train.count && rows.testRows == loaded.test.count)
        #expect(rows.encoding == loaded.encoding)
        let picked: [Int32] = [55_999, 0, 7, 40_000, 12, 55_998]
        let gathered = try rows.gather(rows: picked[...])
        #expect(gathered.features.values == picked.flatMap { loaded.train.features.row(Int($0)) })
        #expect(gathered.targets == picked.map { loaded.train.targets[Int($0)] })
        #expect(try rows.rows(rows.count..<(rows.count + rows.testRows)).features == loaded.test.features)
    }

    @Test(arguments: [Matrix.Precision.float64, .float32])
    func aStreamedRunAndItsSummaryAreTheLoadedRuns(held: Matrix.Precision) throws {
        let path = try Self.npy(rows: 3_001, columns: 4, float32: held == .float64)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let rows = try FileTrainingRows(file: RowFile(path: path), target: nil, trainFraction: 0.8, precision: held)
        let loaded = try Self.loaded(path, precision: held)
        var settings = TrainingSettings()
        settings.epochs = 2
        settings.batchSize = 32
        settings.optimizer = UpdateRule(kind: .adam)
        settings.learningRate = 0.01
        let plan = ChunkPlan(rowsPerChunk: 200, bufferChunks: 3)
        for spec in [ModelSpec.linear(inputs: 3), ModelSpec(kind: .mlp, inputs: 3, hidden: [5], activation: .tanh, head: .mse(.exact))] {
            var fromFile = [Double](), fromMemory = [Double]()
            let streamed = try Trainer(settings: settings).runStreaming(on: CPUBackend(), spec: spec, train: rows, plan: plan) { fromFile += $0.losses }
            let resident = try Trainer(settings: settings).runStreaming(on: CPUBackend(), spec: spec, train: loaded.train, plan: plan) { fromMemory += $0.losses }
            #expect(streamed.parameters == resident.parameters)
            #expect(fromFile == fromMemory && fromFile.count == 2 * 75)
            for ridge in [0, 0.01] {
                let summary = try #require(try ModelSummaries.regression(streamed.parameters, spec: spec, rows: rows, ridge: ridge))
                #expect(summary.summary == ModelSummaries.regression(streamed.parameters, spec: spec, data: loaded, ridge: ridge))
                #expect(summary.stableLearningRate == StepSizeLimit.stableLearningRate(for: loaded.train, spec: spec))
            }
        }
        #expect(try ModelSummaries.regression([0, 0, 0, 0], spec: .linear(inputs: 3), rows: rows, shouldStop: { true }) == nil)
    }

    @Test func filesThatCannotStreamAreRefused() throws {
        let binary = try Self.npy(rows: 40, columns: 3, float32: false, target: { Double($0 % 2) })
        defer { try? FileManager.default.removeItem(atPath: binary) }
        #expect(throws: DataError.unknownTarget(source: binary, name: "price", available: ["x1", "x2", "x3"])) {
            try FileTrainingRows(file: RowFile(path: binary), target: "price", trainFraction: 0.8)
        }
        #expect(throws: DataError.emptySplit(source: binary, fraction: 0.01, rows: 40, train: 0)) {
            try FileTrainingRows(file: RowFile(path: binary), target: nil, trainFraction: 0.01)
        }
        let text = NSTemporaryDirectory() + "descent-\(UUID().uuidString).csv"
        try "a,b\n1,2\n".write(toFile: text, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: text) }
        #expect(throws: DataError.notStreamable(source: text)) { try RowFile(path: text) }
        #expect(!RowFile.isBinary(path: text) && RowFile.isBinary(path: binary))
    }

    @Test func aNonFiniteValueIsNamedByItsRowAndColumn() throws {
        let path = try Self.npy(rows: 100, columns: 3, float32: false, target: { $0 == 90 ? .infinity : Double($0) })
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: DataError.unreadable(path: path, cause: .npy(.notFinite(row: 91, column: 3, inFloat32: false)))) {
            try FileTrainingRows(file: RowFile(path: path), target: nil, trainFraction: 0.8)
        }
    }

    /// A float64 value past float32's range, read as float32 rows: the error said only "is not
    /// finite" of a finite 1e39; it names float32 as the loaded file's error does.
    @Test func aValuePastFloat32IsNamedAsLoadingNamesIt() throws {
        let path = try Self.npy(rows: 100, columns: 3, float32: false, target: { $0 == 90 ? 1e39 : Double($0) })
        defer { try? FileManager.default.removeItem(atPath: path) }
        let expected = DataError.unreadable(path: path, cause: .npy(.notFinite(row: 91, column: 3, inFloat32: true)))
        #expect(throws: expected) { try FileTrainingRows(file: RowFile(path: path), target: nil, trainFraction: 0.8, precision: .float32) }
        #expect(throws: expected) { try Self.loaded(path, precision: .float32) }
    }

    /// The stable learning rate (the verdict's advice, the report's `stableLearningRate`) came from
    /// the normal equations' sums, four rows at a time, and loaded from a sum a row at a time: a few
    /// ulps apart (1.914530667046574 and …716 in a run with --normalize standard). Both take the block sums now.
    @Test(arguments: [NormalizationMethod.course, .standard, .none])
    func theStableLearningRateIsTheLoadedOne(method: NormalizationMethod) throws {
        for seed in UInt64(1)...4 {
            let path = try Self.npy(rows: 3_000, columns: 5, float32: false, seed: seed)
            defer { try? FileManager.default.removeItem(atPath: path) }
            let rows = try FileTrainingRows(file: RowFile(path: path), target: nil, trainFraction: 0.8, method: method)
            let loaded = try Self.loaded(path, method: method)
            let spec = ModelSpec.linear(inputs: 4)
            let streamed = try #require(try ModelSummaries.regression([0.1, 0.2, 0.3, 0.4, 0.5], spec: spec, rows: rows))
            #expect(streamed.stableLearningRate == StepSizeLimit.stableLearningRate(for: loaded.train, spec: spec), "seed \(seed)")
        }
    }
}
